"""Ten horizontal bars, one per digit, painted directly; clicking a row names its digit.

Painted on every stroke-to-bars update, so the parts that do not change with the prediction
(the background, the ten empty tracks and the digits, dim) are painted once per size into a
pixmap, and each text is laid out once (QStaticText): a repaint is a pixmap, ten bars and eleven
prepared texts, pixel for pixel what painting it all each time gave. The pixmap covers the
widget, so the widget is opaque: Qt need not repaint the main window, its central widget and the
prediction view beneath it first, as it did at every prediction.
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
# Looked up once: each PySide6 enum member read costs a Python-level lookup, per row per paint.
ANTIALIASING = QPainter.RenderHint.Antialiasing
NO_PEN = Qt.PenStyle.NoPen


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
        self._painted_background: QPixmap | None = None  # see _background(), at the current size
        self._tracks: list[QRectF] = []
        self._tracks_at = -1  # the width they were laid out for
        self._texts: dict[str, QStaticText] = {}  # at most 10 digits and 1,001 percentages
        self._shown_rows: list[tuple | None] = [None] * 10  # see _rows_as_painted()

    def sizeHint(self) -> QSize:
        return QSize(240, ROW_HEIGHT * 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, ROW_HEIGHT * 10)

    def probabilities(self) -> np.ndarray | None:
        return None if self._probabilities is None else self._probabilities.copy()

    def set_probabilities(self, probabilities: np.ndarray | None, unsure: bool = False) -> None:
        """Show these ten probabilities (None: empty tracks); `unsure` colours the top bar amber.

        Only the rows that will look different are repainted: most of a drawing's ten rows stay
        a 2 px bar at "0.0%" from one prediction to the next.
        """
        if probabilities is not None:
            probabilities = np.asarray(probabilities, np.float64).reshape(10)
        self._probabilities = probabilities
        self._top_color = UNSURE_BAR if unsure else TOP_BAR
        rows = self._rows_as_painted()
        for digit, (row, shown) in enumerate(zip(rows, self._shown_rows)):
            if row != shown:
                self.update(0, digit * ROW_HEIGHT, self.width(), ROW_HEIGHT)
        self._shown_rows = rows

    def _rows_as_painted(self) -> list[tuple | None]:
        """What each row shows: its bar's length, percentage, colour and highlight (None: an empty track)."""
        if self._probabilities is None:
            return [None] * 10
        values, top = self._probabilities.tolist(), int(np.argmax(self._probabilities))
        width = self._track_rects()[0].width()
        colour = self._top_color.rgba()
        return [(max(width * v, 2.0), f"{v:.1%}", d == top and colour) for d, v in enumerate(values)]

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
            self._painted_background = None  # its digits
        if event.type() == QEvent.Type.PaletteChange:
            self._painted_background = None
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._background())  # Qt clips it to the rows being repainted
        if self._probabilities is not None:
            area = event.rect()
            rows = range(max(0, area.top() // ROW_HEIGHT), min(10, area.bottom() // ROW_HEIGHT + 1))
            painter.setRenderHint(ANTIALIASING)
            self._paint_bars(painter, rows, self._probabilities.tolist(), int(np.argmax(self._probabilities)))
        painter.end()

    def _paint_bars(self, painter: QPainter, rows: range, values: list[float], top: int) -> None:
        """These rows' bars and percentages over the background, the top digit's row highlighted."""
        painter.setPen(NO_PEN)
        tracks = self._track_rects()
        for digit in rows:
            track = tracks[digit]
            painter.setBrush(self._top_color if digit == top else BAR)
            width = max(track.width() * values[digit], 2.0)
            painter.drawRoundedRect(QRectF(track.x(), track.y(), width, track.height()), 3, 3)
        if top in rows:
            # The top digit's dim label, painted with the background, gives way to a bright one.
            painter.fillRect(QRectF(0, top * ROW_HEIGHT, LABEL_WIDTH, ROW_HEIGHT), self.palette().window())
            painter.setPen(TEXT)
            self._draw_right_aligned(painter, str(top), LABEL_WIDTH - 6, top * ROW_HEIGHT)
            self._draw_right_aligned(painter, f"{values[top]:.1%}", self.width(), top * ROW_HEIGHT)
        painter.setPen(DIM_TEXT)
        for digit in rows:
            if digit != top:
                self._draw_right_aligned(painter, f"{values[digit]:.1%}", self.width(), digit * ROW_HEIGHT)

    def _track_rects(self) -> list[QRectF]:
        """Each digit's track, at the current width."""
        if self._tracks_at != self.width():
            width = max(1.0, self.width() - LABEL_WIDTH - VALUE_WIDTH)
            self._tracks = [QRectF(LABEL_WIDTH, d * ROW_HEIGHT + 5, width, ROW_HEIGHT - 10) for d in range(10)]
            self._tracks_at = self.width()
        return self._tracks

    def _background(self) -> QPixmap:
        """The background, the empty tracks and the ten digits, dim: all that no prediction changes."""
        ratio = self.devicePixelRatioF()
        if self._painted_background is None or self._painted_background.size() != self.size() * ratio:
            self._painted_background = QPixmap(self.size() * ratio)
            self._painted_background.setDevicePixelRatio(ratio)
            self._painted_background.fill(self.palette().window().color())
            painter = QPainter(self._painted_background)
            painter.setRenderHint(ANTIALIASING)
            painter.setPen(NO_PEN)
            painter.setBrush(TRACK)
            for track in self._track_rects():
                painter.drawRoundedRect(track, 3, 3)
            painter.setPen(DIM_TEXT)
            for digit in range(10):
                self._draw_right_aligned(painter, str(digit), LABEL_WIDTH - 6, digit * ROW_HEIGHT)
            painter.end()
        return self._painted_background

    def _draw_right_aligned(self, painter: QPainter, text: str, right: float, row_top: float) -> None:
        """`text` ending at `right`, centred in the row that starts at `row_top`, in the painter's pen."""
        laid_out = self._texts.get(text)
        if laid_out is None:
            laid_out = self._texts[text] = QStaticText(text)
            laid_out.prepare(QTransform(), self.font())
        size = laid_out.size()
        painter.drawStaticText(QPointF(right - size.width(), row_top + (ROW_HEIGHT - size.height()) / 2), laid_out)
