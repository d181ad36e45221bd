"""The network's layers as a table, each with its output shape, parameters and multiply-adds; the selected
layer's fields are edited below it.

Every edit is checked at once by the pure `summarize` (no TensorFlow: editing never waits): the
counts follow the edit, and a design that cannot be built names its layer in one sentence. The
implied input (28x28x1) and output (Dense 10, logits) are shown and never edited.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digitpad.core.networks.design_schema import LAYER_FIELDS, MAX_LAYERS
from digitpad.core.networks.layer_shapes import DesignSummary, shape_text, summarize
from digitpad.core.runs.run_table import compact
from digitpad.qt.training.layer_form import LayerForm

COLUMNS = ("Layer", "Output", "Params", "MACs")  # MACs: multiply-adds per image
FIRST_COUNT = 1  # the column of the output shape; the counts follow it
TABLE_MIN_HEIGHT = 160  # the input, the output and three layers at least
TABLE_MIN_WIDTH = 340  # a conv layer in words, and its counts beside it
NEW_LAYER = {"type": "dense", "units": 128, "activation": "relu"}
ERROR_STYLE = "color: #e07060;"


class DesignEditor(QWidget):
    """The layers of a design: add, remove, move, and edit each one's fields in place."""

    changed = Signal()  # any layer changed; `summary()` says what it now builds

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="designEditor")
        self._layers: list[dict] = []
        self._summary = DesignSummary()
        self.table = QTableWidget(0, len(COLUMNS), objectName="layerTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeaderItem(3).setToolTip("multiply-adds per image")
        self.table.setMinimumSize(TABLE_MIN_WIDTH, TABLE_MIN_HEIGHT)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.form = LayerForm()
        self.form.changed.connect(self._on_field_changed)
        self.form.retyped.connect(self._on_type_changed)
        self.totals = QLabel(objectName="designTotals", wordWrap=True)
        self.error = QLabel(objectName="designError", wordWrap=True, styleSheet=ERROR_STYLE)
        self._build()

    # ----- the design's layers

    def layers(self) -> list[dict]:
        return copy.deepcopy(self._layers)

    def set_layers(self, layers: list[dict]) -> None:
        self._layers = copy.deepcopy(layers)
        self._rebuild(select=None)

    def summary(self) -> DesignSummary:
        return self._summary

    def check(self, design: dict) -> DesignSummary:
        """Summarize the whole design (its training included) and show the counts and the error."""
        self._summary = summarize(design)
        rows = {row.number: row for row in self._summary.rows}
        for number in range(len(self._layers) + 2):
            row = rows.get(number)
            texts = ("", "", "") if row is None else (shape_text(row.shape), compact(row.parameters), compact(row.macs))
            for column, text in enumerate(texts, start=FIRST_COUNT):
                self._set_item(number, column, text)
        self.error.setText(self._summary.error or "")
        self.error.setVisible(self._summary.error is not None)
        return self._summary

    # ----- building

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for text, name, slot in (("Add layer", "addLayerButton", self._add),
                                 ("Remove", "removeLayerButton", self._remove),
                                 ("Up", "layerUpButton", self._up), ("Down", "layerDownButton", self._down)):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.form)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)

    def _rebuild(self, select: int | None) -> None:
        """One table row per layer, between the implied input and output; select layer `select` (from 0)."""
        self.table.setRowCount(len(self._layers) + 2)
        self._set_item(0, 0, "input: 28x28 pixels, 1 channel")
        for index, layer in enumerate(self._layers):
            self._set_item(index + 1, 0, layer_text(layer))
        self._set_item(len(self._layers) + 1, 0, "output: dense 10, logits")
        if select is not None:
            self.table.selectRow(select + 1)
        self._on_selection_changed()
        self.changed.emit()

    def _set_item(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(row, column, item)
        item.setText(text)
        if column > FIRST_COUNT:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    # ----- editing

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        index = rows[0].row() - 1 if rows else None
        return index if index is not None and 0 <= index < len(self._layers) else None

    @Slot()
    def _add(self) -> None:
        if len(self._layers) >= MAX_LAYERS:
            return
        at = self._selected()
        at = len(self._layers) if at is None else at + 1
        self._layers.insert(at, dict(NEW_LAYER))
        self._rebuild(select=at)

    @Slot()
    def _remove(self) -> None:
        if (at := self._selected()) is not None:
            del self._layers[at]
            self._rebuild(select=min(at, len(self._layers) - 1) if self._layers else None)

    @Slot()
    def _up(self) -> None:
        self._move(-1)

    @Slot()
    def _down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        at = self._selected()
        if at is not None and 0 <= at + step < len(self._layers):
            self._layers[at], self._layers[at + step] = self._layers[at + step], self._layers[at]
            self._rebuild(select=at + step)

    @Slot()
    def _on_selection_changed(self) -> None:
        index = self._selected()
        self.form.show_layer(None if index is None else self._layers[index], None if index is None else index + 1)

    @Slot(str)
    def _on_type_changed(self, kind: str) -> None:
        if (index := self._selected()) is not None:
            self._layers[index] = {"type": kind}  # its fields start at their defaults
            self._rebuild(select=index)

    @Slot()
    def _on_field_changed(self) -> None:
        if (index := self._selected()) is not None:
            self._set_item(index + 1, 0, layer_text(self._layers[index]))
        self.changed.emit()


def layer_text(layer: dict) -> str:
    """A layer in a few words: "conv 6, 5x5, stride 1, same, relu", "dropout 0.5"."""
    fields = LAYER_FIELDS.get(layer.get("type"), {})
    value = {name: layer.get(name, field.default) for name, field in fields.items()}
    kind = layer.get("type", "?")
    if kind == "dense":
        return f"dense {value['units']}, {value['activation']}"
    if kind == "conv":
        bias = "" if value["bias"] else ", no bias"
        return (f"conv {value['filters']}, {value['kernel']}x{value['kernel']}, stride {value['strides']}, "
                f"{value['padding']}, {value['activation']}{bias}")
    if kind in ("maxpool", "avgpool"):
        return f"{kind} {value['size']}x{value['size']}"
    if kind == "dropout":
        return f"dropout {value['rate']:g}"
    if kind == "batchnorm":
        return "batchnorm" + ("" if value["activation"] == "linear" else f", {value['activation']}")
    return kind
