"""Ten horizontal bars, one per digit, painted directly; clicking a row names its digit.

Painted on every stroke-to-bars update, so the parts that do not change with the prediction
(the ten empty tracks on the background) are painted once per size into a pixmap, and each text
is laid out once (QStaticText): a repaint is a pixmap, ten bars and twenty prepared texts, pixel
for pixel what painting it all each time gave. The pixmap covers the widget, so the widget is
opaque: Qt need not repaint the main window, its central widget and the prediction view beneath
it first, as it did at every prediction.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap, QStaticText, QTransform
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


class ProbabilityBars(QWidget):
    """The softmax as bars: the top digit highlighted, each value printed as a percentage."""

    digit_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("probabilityBars")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._probabilities: np.ndarray | None = None
        self._top_color = TOP_BAR
        self._tracks: QPixmap | None = None  # the background and empty tracks at the current size
        self._texts: dict[str, QStaticText] = {}  # at most 10 digits and 1,001 percentages

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

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._texts.clear()
        if event.type() == QEvent.Type.PaletteChange:
            self._tracks = None  # painted on the background colour
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPixmap(0, 0, self._empty_tracks())
        top = None if self._probabilities is None else int(np.argmax(self._probabilities))
        for digit in range(10):
            self._paint_row(painter, digit, digit == top)
        painter.end()

    def _track(self, digit: int) -> QRectF:
        width = max(1.0, self.width() - LABEL_WIDTH - VALUE_WIDTH)
        return QRectF(LABEL_WIDTH, digit * ROW_HEIGHT + 5, width, ROW_HEIGHT - 10)

    def _empty_tracks(self) -> QPixmap:
        if self._tracks is None or self._tracks.size() != self.size() * self.devicePixelRatioF():
            ratio = self.devicePixelRatioF()
            self._tracks = QPixmap(self.size() * ratio)
            self._tracks.setDevicePixelRatio(ratio)
            self._tracks.fill(self.palette().window().color())
            painter = QPainter(self._tracks)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK)
            for digit in range(10):
                painter.drawRoundedRect(self._track(digit), 3, 3)
            painter.end()
        return self._tracks

    def _paint_row(self, painter: QPainter, digit: int, is_top: bool) -> None:
        y = digit * ROW_HEIGHT
        painter.setPen(TEXT if is_top else DIM_TEXT)
        self._draw_right_aligned(painter, str(digit), LABEL_WIDTH - 6, y)
        if self._probabilities is None:
            return
        value = float(self._probabilities[digit])
        track = self._track(digit)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._top_color if is_top else BAR)
        painter.drawRoundedRect(QRectF(track.x(), track.y(), max(track.width() * value, 2.0), track.height()), 3, 3)
        painter.setPen(TEXT if is_top else DIM_TEXT)
        self._draw_right_aligned(painter, f"{value:.1%}", self.width(), y)

    def _draw_right_aligned(self, painter: QPainter, text: str, right: float, row_top: float) -> None:
        """`text` ending at `right`, centred in the row that starts at `row_top`, in the painter's pen."""
        laid_out = self._texts.get(text)
        if laid_out is None:
            laid_out = self._texts[text] = QStaticText(text)
            laid_out.prepare(QTransform(), self.font())
        size = laid_out.size()
        painter.drawStaticText(QPointF(right - size.width(), row_top + (ROW_HEIGHT - size.height()) / 2), laid_out)
