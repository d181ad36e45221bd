"""A picture made of array pixels (a 28x28 input, a grid of tiles), that says which pixel is hovered or clicked.

A plain widget painting one QImage scaled to fit, pixels kept square and sharp. Measured
against a pyqtgraph ImageItem in the same dock, it repaints in a fraction of the time (no
graphics scene, no per-update colour conversion), which is what keeps Look inside inside the
stroke-to-bars budget.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget


class ImagePanel(QWidget):
    """Shows an (H, W, 3) uint8 RGB array; `hovered`/`clicked` give the image row and column."""

    hovered = Signal(int, int)
    clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, minimum_side: int = 120):
        super().__init__(parent)
        self.setMinimumSize(minimum_side, minimum_side)
        self.setMouseTracking(True)
        # It paints every pixel of itself, so Qt need not paint what lies beneath it first: in a
        # dock, that was a tab frame and three parents, redrawn with each prediction.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._side = minimum_side
        self._pixels = np.zeros((0, 0, 4), np.uint8)
        self._image: QImage | None = None

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def set_rgb(self, rgb: np.ndarray) -> None:
        """Show the (H, W, 3) RGB pixels; repainted at the next paint event."""
        rgb = np.asarray(rgb, np.uint8)
        pixels = self._buffer(*rgb.shape[:2])
        for channel in range(3):  # three copies: one with a reversed channel axis is 5x slower
            pixels[..., 2 - channel] = rgb[..., channel]
        self.update()

    def set_rgb32(self, words: np.ndarray) -> None:
        """Show (H, W) 0xffRRGGBB words (see tile_mosaic.diverging_rgb32): one copy, no channels to shuffle."""
        words = np.asarray(words, np.uint32)
        self._buffer(*words.shape).view(np.uint32)[..., 0] = words
        self.update()

    def _buffer(self, height: int, width: int) -> np.ndarray:
        """The (height, width, 4) bytes the QImage reads, reused while the picture keeps its size."""
        if self._image is None or self._pixels.shape[:2] != (height, width):
            # 0xffRRGGBB words (B, G, R, 255 in memory): the format Qt paints without converting.
            self._pixels = np.full((height, width, 4), 255, np.uint8)
            self._image = QImage(self._pixels.data, width, height, 4 * width, QImage.Format.Format_RGB32)
        return self._pixels

    def pixels(self) -> np.ndarray | None:
        """The RGB array shown (for tests and screenshots)."""
        return None if self._image is None else self._pixels[..., 2::-1].copy()

    def target(self) -> QRectF:
        """Where the picture is painted: as large as fits, centred, square pixels."""
        if self._image is None:
            return QRectF()
        height, width = self._pixels.shape[:2]
        scale = min(self.width() / width, self.height() / height)
        left, top = (self.width() - width * scale) / 2, (self.height() - height * scale) / 2
        return QRectF(left, top, width * scale, height * scale)

    def pixel_at(self, position: QPointF) -> tuple[int, int] | None:
        """(row, column) of the image pixel under a widget position, or None outside the picture."""
        target = self.target()
        if self._image is None or not target.contains(position):
            return None
        height, width = self._pixels.shape[:2]
        row = int((position.y() - target.top()) / target.height() * height)
        column = int((position.x() - target.left()) / target.width() * width)
        return min(row, height - 1), min(column, width - 1)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self._image is not None:
            painter.drawImage(self.target(), self._image)
        painter.end()

    def mouseMoveEvent(self, event) -> None:
        if (pixel := self.pixel_at(event.position())) is not None:
            self.hovered.emit(*pixel)

    def mousePressEvent(self, event) -> None:
        if (pixel := self.pixel_at(event.position())) is not None:
            self.clicked.emit(*pixel)
