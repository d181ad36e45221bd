"""The canvas's picture on screen: its strokes painted into an image at the screen's pixel ratio.

Only a picture: the model input is rendered from the vector strokes, never read from here, so it
does not depend on the screen. A new segment is painted on top and only its area repainted.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from digitpad.qt.drawing import ink

BACKGROUND = QColor("#15171c")
INK = QColor("#ffffff")


class BackingImage:
    """The drawing's picture: repainted whole on a resize, a segment at a time while drawing."""

    def __init__(self):
        self.image = QImage()

    def render(self, size: QSize, ratio: float, raster: np.ndarray | None, strokes: list[ink.Stroke]) -> None:
        """Repaint the whole picture for a canvas of `size` logical pixels at the device pixel `ratio`."""
        width, height = max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio))
        self.image = QImage(width, height, QImage.Format.Format_RGB32)
        self.image.setDevicePixelRatio(ratio)
        ink.paint_drawing(self.image, size, raster, strokes, BACKGROUND, INK)

    def paint_segment(self, stroke: ink.Stroke, start: int, end: int | None = None) -> QRect:
        """Paint the stroke's points from `start` up to `end` (its last, by default); return the area to repaint."""
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dirty = ink.paint_stroke(painter, stroke, start, INK, end)
        painter.end()
        return dirty.toAlignedRect()

    def draw(self, painter: QPainter, target: QRectF) -> None:
        """Copy the part of the picture under `target` (logical pixels) onto the widget."""
        ratio = self.image.devicePixelRatio()
        source = QRectF(target.topLeft() * ratio, target.size() * ratio)
        painter.drawImage(target, self.image, source)


def grayscale_composite(size: QSize, raster: np.ndarray | None, strokes: list[ink.Stroke]) -> np.ndarray:
    """The raster and the strokes on top, white on black at logical size, as a uint8 array."""
    image = QImage(max(1, size.width()), max(1, size.height()), QImage.Format.Format_Grayscale8)
    ink.paint_drawing(image, size, raster, strokes, QColor("black"), QColor("white"))
    return ink.grey_pixels(image)
