"""Ten horizontal bars, one per digit, painted directly; clicking a row names its digit.

Painted on every stroke-to-bars update, so the parts that do not change with the prediction
(the background, the ten empty tracks and the digits, dim) are painted once per size into a
pixmap, and each text is laid out once (QStaticText). A second pixmap also shows every row at
"0.0%" on a 2 px bar, as most rows of a prediction read: a repaint is that pixmap and the few
rows that say more, pixel for pixel what painting it all each time gave. The pixmaps cover the
widget, so the widget is opaque: Qt need not repaint the main window, its central widget and the
prediction view beneath it first, as it did at every prediction.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
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
ZERO_ROW = (2.0, "0.0%", False)  # a row as painted (see _rows_as_painted) that is not the top and reads 0.0%
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
        self._backgrounds: dict[bool, QPixmap] = {}  # see _background(), at the current size
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

        Only the band of rows from the first that will look different to the last is repainted:
        most of a drawing's ten rows stay a 2 px bar at "0.0%" from one prediction to the next.
        """
        if probabilities is not None:
            probabilities = np.asarray(probabilities, np.float64).reshape(10)
        self._probabilities = probabilities
        self._top_color = UNSURE_BAR if unsure else TOP_BAR
        rows = self._rows_as_painted()
        changed = [digit for digit, (row, shown) in enumerate(zip(rows, self._shown_rows)) if row != shown]
        if changed:
            # One band from the first changed row to the last: rows apart would make a clip
            # region of separate rectangles, which Qt's raster engine paints through 5-10x slower
            # than a rectangle (a blit of 5 rows out of 10: 0.11 ms against 0.015 ms for all 10).
            top, bottom = changed[0] * ROW_HEIGHT, (changed[-1] + 1) * ROW_HEIGHT
            self.update(0, top, self.width(), bottom - top)
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

    def resizeEvent(self, event) -> None:
        self._shown_rows = self._rows_as_painted()  # bar lengths follow the width
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._texts.clear()
            self._backgrounds.clear()  # their digits
        if event.type() == QEvent.Type.PaletteChange:
            self._backgrounds.clear()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self._probabilities is None:
            painter.drawPixmap(0, 0, self._background(zero_rows=False))
        else:
            # Most rows read "0.0%" on a 2 px bar, and that background shows them so already.
            painter.drawPixmap(0, 0, self._background(zero_rows=True))
            area = event.rect()
            shown = range(max(0, area.top() // ROW_HEIGHT), min(10, area.bottom() // ROW_HEIGHT + 1))
            rows = [digit for digit in shown if self._shown_rows[digit] != ZERO_ROW]
            empty = self._background(zero_rows=False)
            for digit in rows:  # back to the empty track first
                row = QRect(0, digit * ROW_HEIGHT, self.width(), ROW_HEIGHT)
                painter.drawPixmap(row.topLeft(), empty, self._in_pixmap(row))
            painter.setRenderHint(ANTIALIASING)
            self._paint_bars(painter, rows, self._probabilities.tolist(), int(np.argmax(self._probabilities)))
        painter.end()

    def _paint_bars(self, painter: QPainter, rows, values: list[float], top: int) -> None:
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

    def _in_pixmap(self, rect: QRect) -> QRect:
        """`rect` in a background pixmap's own pixels (more of them on a high-density screen)."""
        ratio = self.devicePixelRatioF()
        if ratio == 1:
            return rect  # integer rectangles, a plain copy: a QRectF source takes Qt's scaling path
        return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio, rect.height() * ratio).toRect()

    def _track_rects(self) -> list[QRectF]:
        """Each digit's track, at the current width."""
        if self._tracks_at != self.width():
            width = max(1.0, self.width() - LABEL_WIDTH - VALUE_WIDTH)
            self._tracks = [QRectF(LABEL_WIDTH, d * ROW_HEIGHT + 5, width, ROW_HEIGHT - 10) for d in range(10)]
            self._tracks_at = self.width()
        return self._tracks

    def _background(self, zero_rows: bool) -> QPixmap:
        """All that no prediction changes: the background, the empty tracks and the ten digits, dim.

        With `zero_rows`, every row also shows what most rows of a prediction show: "0.0%" on
        a 2 px bar, painted as `_paint_bars` paints it, so pixel for pixel the same.
        """
        ratio = self.devicePixelRatioF()
        pixmap = self._backgrounds.get(zero_rows)
        if pixmap is None or pixmap.size() != self.size() * ratio:
            pixmap = self._backgrounds[zero_rows] = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self.palette().window().color())
            painter = QPainter(pixmap)
            painter.setRenderHint(ANTIALIASING)
            painter.setPen(NO_PEN)
            painter.setBrush(TRACK)
            for track in self._track_rects():
                painter.drawRoundedRect(track, 3, 3)
            painter.setPen(DIM_TEXT)
            for digit in range(10):
                self._draw_right_aligned(painter, str(digit), LABEL_WIDTH - 6, digit * ROW_HEIGHT)
            if zero_rows:
                self._paint_bars(painter, range(10), [0.0] * 10, top=-1)
            painter.end()
        return pixmap

    def _draw_right_aligned(self, painter: QPainter, text: str, right: float, row_top: float) -> None:
        """`text` ending at `right`, centred in the row that starts at `row_top`, in the painter's pen."""
        laid_out = self._texts.get(text)
        if laid_out is None:
            laid_out = self._texts[text] = QStaticText(text)
            laid_out.prepare(QTransform(), self.font())
        size = laid_out.size()
        painter.drawStaticText(QPointF(right - size.width(), row_top + (ROW_HEIGHT - size.height()) / 2), laid_out)
