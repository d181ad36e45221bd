"""A second model's reading of the drawing: its bars, and its answer under them."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from digitpad.qt.reading.prediction_view import CAPTION_COLOR, UNSURE_BELOW
from digitpad.qt.reading.probability_bars import ProbabilityBars


class ComparisonColumn(QWidget):
    """Bars for one model, with `name: digit (confidence)` below; shown beside the main bars."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comparisonColumn")
        self.bars = ProbabilityBars()
        self.bars.setObjectName("comparisonBars")
        self.caption = answer_label("comparisonCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bars)
        layout.addWidget(self.caption)

    def show_probabilities(self, name: str, probabilities) -> None:
        show_answer(self.caption, name, probabilities)
        probabilities = np.asarray(probabilities, np.float64).reshape(10)
        self.bars.set_probabilities(probabilities, float(probabilities.max()) < UNSURE_BELOW)

    def show_idle(self, text: str) -> None:
        self.caption.setText(text)
        self.bars.set_probabilities(None)


def answer_label(name: str) -> QLabel:
    """A small centred caption for a model's answer."""
    label = QLabel(" ", objectName=name, wordWrap=True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    font = label.font()
    font.setPixelSize(12)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setStyleSheet(f"color: {CAPTION_COLOR}")
    return label


def show_answer(label: QLabel, name: str, probabilities) -> None:
    """`cnn: 7 (99.3%)` for the model's top digit."""
    probabilities = np.asarray(probabilities, np.float64).reshape(10)
    digit = int(np.argmax(probabilities))
    label.setText(f"{name}: {digit} ({probabilities[digit]:.1%})")
