"""What the model thinks: the top digit, its confidence, the runner-up, all ten bars, and its input."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from digitpad.qt.reading.model_input_preview import ModelInputPreview
from digitpad.qt.reading.probability_bars import ProbabilityBars
from digitpad.qt.widgets.live_text import LiveText

# Below this top probability the view says "not sure". Chosen before looking at drawn digits:
# on the MNIST test set the seed MLP's answers under 0.6 (1.6% of digits) are right only half
# the time, a coin flip, against 98.4% for the rest; above it an answer is worth showing plainly.
UNSURE_BELOW = 0.6
PREVIEW_SCALE = 4
SURE_COLOR = "#4fc3a1"
UNSURE_COLOR = "#e0a040"
IDLE_COLOR = "#5c606b"
CAPTION_COLOR = "#9a9ea8"
CENTRED = Qt.AlignmentFlag.AlignHCenter


class PredictionView(QWidget):
    """Shows one prediction, or why there is none yet (empty canvas, model still loading)."""

    digit_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="predictionView")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # Texts that change with each prediction: LiveText, which repaints without a new layout.
        self._digit = _styled(LiveText("digitLabel", alignment=CENTRED), 72, QFont.Weight.DemiBold)
        self._digit_color = ""  # the palette's text colour, as last set
        self._verdict = _styled(LiveText("verdictLabel", alignment=CENTRED), 15, QFont.Weight.DemiBold)
        self._runner_up = _styled(LiveText("runnerUpLabel", alignment=CENTRED), 13, QFont.Weight.Normal, CAPTION_COLOR)
        self._bars = ProbabilityBars()
        self._bars.digit_clicked.connect(self.digit_clicked)
        self._preview = ModelInputPreview(PREVIEW_SCALE)
        self._lay_out()
        self.show_empty()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        for widget in (self._digit, self._verdict, self._runner_up):
            layout.addWidget(widget)
        layout.addSpacing(14)
        self._bars_grid = QGridLayout()  # a second model's bars can go beside these (comparison.py)
        self._bars_grid.addWidget(self._bars, 0, 0)
        layout.addLayout(self._bars_grid)
        layout.addSpacing(14)
        caption = _label("previewCaption", 12, QFont.Weight.Normal, CAPTION_COLOR, "What the model sees")
        layout.addWidget(caption)
        layout.addWidget(self._preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def add_beside_bars(self, column: QWidget, caption: QWidget) -> None:
        """Put `column` (another model's bars and answer) right of the bars, `caption` under these."""
        self._bars_grid.addWidget(caption, 1, 0)
        self._bars_grid.addWidget(column, 0, 1, 2, 1)

    def show_probabilities(self, probabilities, image28: np.ndarray | None) -> None:
        """Show a prediction: `probabilities` (10,) from the model for the 28x28 `image28`."""
        probabilities = np.asarray(probabilities, np.float64).reshape(10)
        first, second = np.argsort(probabilities)[::-1][:2]
        confidence = float(probabilities[first])
        unsure = confidence < UNSURE_BELOW
        self._set_digit(str(first), UNSURE_COLOR if unsure else SURE_COLOR)
        self._verdict.setText(f"Not sure: {confidence:.0%}" if unsure else f"{confidence:.1%} confident")
        self._runner_up.setText(f"second guess: {second} ({probabilities[second]:.1%})")
        self._bars.set_probabilities(probabilities, unsure)
        self._preview.set_image(image28)

    def show_empty(self) -> None:
        """No ink on the canvas: invite a drawing instead of predicting nothing."""
        self._show_idle("draw a digit")

    def show_loading(self, text: str = "loading model...") -> None:
        self._show_idle(text)

    def is_unsure(self) -> bool:
        return self._verdict.text().startswith("Not sure")

    def verdict(self) -> str:
        """The line under the big digit: a confidence, "not sure", or why there is no prediction."""
        return self._verdict.text()

    def shown_digit(self) -> int | None:
        return int(self._digit.text()) if self._digit.text().isdigit() else None

    def _show_idle(self, text: str) -> None:
        self._set_digit("–", IDLE_COLOR)
        self._verdict.setText(text)
        self._runner_up.setText(" ")
        self._bars.set_probabilities(None)
        self._preview.set_image(None)

    def _set_digit(self, text: str, color: str) -> None:
        """Colour through the palette, and only on change: a style sheet per prediction costs milliseconds."""
        self._digit.setText(text)
        if color != self._digit_color:  # asking the palette is a copy of it
            _set_text_color(self._digit, color)
            self._digit_color = color


def _label(name: str, pixels: int, weight: QFont.Weight, color: str | None = None, text: str = "") -> QLabel:
    """A centred label with its font (and colour) set directly, not through a style sheet."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setAlignment(CENTRED)
    return _styled(label, pixels, weight, color)


def _styled(widget: QWidget, pixels: int, weight: QFont.Weight, color: str | None = None) -> QWidget:
    """The widget with this font size and weight (and text colour), set directly, not by a style sheet."""
    font = widget.font()
    font.setPixelSize(pixels)
    font.setWeight(weight)
    widget.setFont(font)
    if color:
        _set_text_color(widget, color)
    return widget


def _set_text_color(widget: QWidget, color: str) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    widget.setPalette(palette)
