"""The fields of the layer selected in the design editor: its type, then one widget per field.

Made from the schema (digitpad.core.networks.design_schema), so a conv layer shows filters,
kernel, stride, padding, activation and bias, a dropout layer its rate, a flatten nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSizePolicy, QWidget

from digitpad.core.networks.design_schema import LAYER_FIELDS, LAYER_TYPES
from digitpad.qt.training.field_widgets import FieldWidget
from digitpad.qt.widgets.wheel_guard import guard_wheel

NOTHING_SELECTED = "Select a layer to edit it; the input and output are fixed."


class LayerForm(QWidget):
    """Edits one layer dict in place; `changed` after each edit, `retyped` when its type changes."""

    changed = Signal()
    retyped = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="layerForm")
        self._layer: dict | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # never squeezed by the table
        self.kind = QComboBox(objectName="layerType")
        self.show_layer(None, None)

    def show_layer(self, layer: dict | None, number: int | None) -> None:
        """Edit `layer` (a dict of the design, changed in place), or say that none is selected."""
        self._layer = layer
        while (item := self._grid.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().hide()  # at once: deleteLater waits for the event loop
                item.widget().deleteLater()
        if layer is None:
            self._grid.addWidget(QLabel(NOTHING_SELECTED, wordWrap=True), 0, 0, 1, 4)
            return
        self.kind = guard_wheel(QComboBox(objectName="layerType"))
        self.kind.addItems(LAYER_TYPES)
        self.kind.setCurrentText(layer.get("type", "dense"))
        self.kind.activated.connect(self._on_type_chosen)
        self._add(0, f"layer {number}", self.kind)
        for place, (name, field) in enumerate(LAYER_FIELDS.get(layer.get("type"), {}).items(), start=1):
            editor = FieldWidget(name, field, self)
            editor.set_value(layer.get(name, field.default))
            editor.changed.connect(self._on_field_changed)
            self._add(place, "" if field.kind is bool else name, editor.widget)
            if field.kind is bool:
                editor.widget.setText(name)

    def _add(self, place: int, label: str, widget: QWidget) -> None:
        """Two fields a row, each a label and its widget: a conv layer's six fit in three rows."""
        row, column = divmod(place, 2)
        self._grid.addWidget(QLabel(label), row, 2 * column)
        self._grid.addWidget(widget, row, 2 * column + 1)

    @Slot(int)
    def _on_type_chosen(self, _index: int) -> None:
        self.retyped.emit(self.kind.currentText())

    @Slot()
    def _on_field_changed(self) -> None:
        editor: FieldWidget = self.sender()
        if self._layer is not None:
            self._layer[editor.name] = editor.value()
            self.changed.emit()
