"""A widget for one field of a network design, made from the field's own schema (type, range, default).

The design's schema (digitpad.core.networks.design_schema) says what each field accepts; the
editor asks it rather than repeating it, so a field added there gets its widget here for free.
A nullable field's lowest entry reads as its meaning ("optimizer's", "random") and gives None.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox, QWidget

from digitpad.core.networks.design_schema import Field
from digitpad.qt.widgets.wheel_guard import guard_wheel

NONE_WORDS = {"weight_decay": "optimizer's", "seed": "random"}
DECIMALS = {"learning_rate": 5, "weight_decay": 5, "momentum": 3, "label_smoothing": 2, "rate": 2}
OBJECT_NAMES = {"epochs": "epochsSpin", "batch_size": "batchSizeSpin", "learning_rate": "learningRateSpin",
                "augment": "augmentCheck"}
LABELS = {"learning_rate": "learning rate", "batch_size": "batch size", "weight_decay": "weight decay",
          "label_smoothing": "label smoothing", "ema": "average weights (EMA)", "augment": "vary the digits"}


class FieldWidget(QObject):
    """One field's widget, with its value as the design holds it (int, float, bool, word or None)."""

    changed = Signal()

    def __init__(self, name: str, field: Field, parent: QWidget | None = None):
        super().__init__(parent)
        self.name, self.field = name, field
        self.widget = _make(name, field, parent)
        if not isinstance(self.widget, QCheckBox):
            guard_wheel(self.widget)  # scrolling the form past it leaves the value alone
        self.widget.setObjectName(_object_name(name))
        signal = {QComboBox: "currentIndexChanged", QCheckBox: "toggled"}.get(type(self.widget), "valueChanged")
        getattr(self.widget, signal).connect(self.changed)
        self.set_value(field.default)

    def value(self):
        widget = self.widget
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        value = widget.value()
        if self.field.nullable and value < (self.field.low or 0):
            return None
        return value

    def set_value(self, value) -> None:
        widget = self.widget
        widget.blockSignals(True)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findText(str(value))))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:
            widget.setValue(widget.minimum() if value is None else value)
        widget.blockSignals(False)


def _make(name: str, field: Field, parent) -> QWidget:
    if isinstance(field.kind, tuple):
        combo = QComboBox(parent, minimumContentsLength=max(map(len, field.kind)))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.addItems(field.kind)
        return combo
    if field.kind is bool:
        return QCheckBox(LABELS.get(name, ""), parent)
    spin = QSpinBox(parent) if field.kind is int else QDoubleSpinBox(parent, decimals=DECIMALS.get(name, 3))
    low, high = field.low if field.low is not None else 0, field.high if field.high is not None else 10**9
    if isinstance(spin, QDoubleSpinBox):
        step = 10 ** -DECIMALS.get(name, 3)
        low, high = low + step * field.open_low, high - step * field.open_high
        spin.setSingleStep(step * (10 if name == "learning_rate" else 1))
    if field.nullable:  # one step below the range: "none given"
        low -= 1 if field.kind is int else 10 ** -DECIMALS.get(name, 3)
        spin.setSpecialValueText(NONE_WORDS.get(name, "default"))
    spin.setRange(low, min(high, 2**31 - 1))
    spin.setAccelerated(True)
    return spin


def _object_name(name: str) -> str:
    """`momentum` -> `momentumField`; the training panel's older widgets keep the names they always had."""
    words = name.split("_")
    return OBJECT_NAMES.get(name, words[0] + "".join(word.title() for word in words[1:]) + "Field")
