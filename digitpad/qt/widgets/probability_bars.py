"""Ten horizontal bars, one per digit, painted directly; clicking a row names its digit."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW_HEIGHT = 24
LABEL_WIDTH = 22
VALUE_WIDTH = 52
TRACK = QColor("#2a2d35")
BAR = QColor("#5b7fbf")
TOP_BAR = QColor("#4fc3a1")
UNSURE_BAR = QColor("#e0a040")
TEXT = QColor("#d8dae0")
DIM_TEXT = QColor("#7d818c")
RIGHT_ALIGNED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ProbabilityBars(QWidget):
    """The softmax as bars: the top digit highlighted, each value printed as a percentage."""

    digit_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("probabilityBars")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._probabilities: np.ndarray | None = None
        self._top_color = TOP_BAR

    def sizeHint(self) -> QSize:
        return QSize(240, ROW_HEIGHT * 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, ROW_HEIGHT * 10)

    def probabilities(self) -> np.ndarray | None:
        return None if self._probabilities is None else self._probabilities.copy()

    def set_probabilities(self, probabilities: np.ndarray | None, unsure: bool = False) -> None:
        """Show these ten probabilities (None: empty tracks); `unsure` colours the top bar amber."""
        if probabilities is not None:
            probabilities = np.asarray(probabilities, np.float64).reshape(10)
        self._probabilities = probabilities
        self._top_color = UNSURE_BAR if unsure else TOP_BAR
        self.update()

    def digit_at(self, y: float) -> int | None:
        """The digit whose row is at height `y`, or None outside the rows."""
        row = int(y // ROW_HEIGHT)
        return row if 0 <= row < 10 and y >= 0 else None

    def mouseReleaseEvent(self, event) -> None:
        digit = self.digit_at(event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and digit is not None:
            self.digit_clicked.emit(digit)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = None if self._probabilities is None else int(np.argmax(self._probabilities))
        for digit in range(10):
            self._paint_row(painter, digit, digit == top)
        painter.end()

    def _paint_row(self, painter: QPainter, digit: int, is_top: bool) -> None:
        y = digit * ROW_HEIGHT
        value = None if self._probabilities is None else float(self._probabilities[digit])
        track_width = max(1.0, self.width() - LABEL_WIDTH - VALUE_WIDTH)
        track = QRectF(LABEL_WIDTH, y + 5, track_width, ROW_HEIGHT - 10)
        painter.setPen(TEXT if is_top else DIM_TEXT)
        painter.drawText(QRectF(0, y, LABEL_WIDTH - 6, ROW_HEIGHT), RIGHT_ALIGNED, str(digit))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK)
        painter.drawRoundedRect(track, 3, 3)
        if value is None:
            return
        painter.setBrush(self._top_color if is_top else BAR)
        bar = QRectF(track.x(), track.y(), max(track.width() * value, 2.0), track.height())
        painter.drawRoundedRect(bar, 3, 3)
        painter.setPen(TEXT if is_top else DIM_TEXT)
        value_box = QRectF(track.right() + 4, y, VALUE_WIDTH - 4, ROW_HEIGHT)
        painter.drawText(value_box, RIGHT_ALIGNED, f"{value:.1%}")
