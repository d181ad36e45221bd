"""The reliability diagram: of the test digits read with each confidence, how many were right.

A bar per confidence bin (its height the bin's accuracy), the diagonal a calibrated model would
follow, and the expected calibration error in the title. Bars above the diagonal: the model is
right more often than it says (under-confident); below: over-confident. Painted directly: a
dozen rectangles need no plotting library.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from digitpad.core.explain.calibration import ReliabilityBins
from digitpad.qt.app.theme import colour_of

BAR = QColor("#4fc3a1")
GAP = QColor("#e07060")
MARGIN = 34


class ReliabilityDiagram(QWidget):
    """Accuracy against confidence in bins, the diagonal, and the ECE in the title."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="reliabilityDiagram")
        self.setMinimumSize(220, 200)
        self.bins: ReliabilityBins | None = None
        self.setToolTip("Bars: how often the model is right at each confidence. A calibrated model's bars "
                        "reach the diagonal; the red part is the gap the ECE averages.")

    def set_bins(self, bins: ReliabilityBins | None) -> None:
        self.bins = bins
        self.update()

    def title(self) -> str:
        if self.bins is None:
            return "Reliability: no results yet"
        return f"Reliability: ECE {self.bins.ece:.2%} on {int(self.bins.counts.sum()):,} test digits"

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = colour_of_text()
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), MARGIN - 8), Qt.AlignmentFlag.AlignCenter, self.title())
        left = max(MARGIN, self.fontMetrics().horizontalAdvance("100%") + 8)  # the label fits in any font
        area = QRectF(left, MARGIN, self.width() - left - MARGIN / 2, self.height() - 2 * MARGIN)
        if self.bins is not None:
            self._paint_bars(painter, area)
        painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
        painter.drawLine(area.bottomLeft(), area.topRight())
        painter.setPen(text)
        painter.drawRect(area)
        painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), 20), Qt.AlignmentFlag.AlignCenter,
                         "confidence")
        painter.drawText(QRectF(0, area.top(), left - 4, 20), Qt.AlignmentFlag.AlignRight, "100%")
        painter.end()

    def _paint_bars(self, painter: QPainter, area: QRectF) -> None:
        bins = self.bins
        for low, high, count, accuracy, confidence in zip(bins.edges[:-1], bins.edges[1:], bins.counts,
                                                          bins.accuracy, bins.confidence):
            if not count or np.isnan(accuracy):
                continue
            left, right = _point(area, low, 0).x(), _point(area, high, 0).x()
            top = _point(area, 0, accuracy).y()
            painter.fillRect(QRectF(left + 1, top, right - left - 2, area.bottom() - top), BAR)
            expected = _point(area, 0, confidence).y()  # where a calibrated bar would end
            painter.fillRect(QRectF(left + 1, min(top, expected), right - left - 2, abs(expected - top)), GAP)


def _point(area: QRectF, x: float, y: float) -> QPointF:
    return QPointF(area.left() + x * area.width(), area.bottom() - y * area.height())


def colour_of_text() -> QColor:
    return QColor(colour_of(QPalette.ColorRole.WindowText))
