"""A grid of tiles, each dimmed by a light of its own: one fixed picture under a veil of one pixel per tile.

Look inside lights the MLP's 128 weight tiles by their units' activations at every prediction.
Lit in numpy, that was 216,000 multiplies and a copy per update (0.25-0.3 ms); here the tiles
stay one picture, and each update only sets a 16x8 veil, black with each tile's darkness as
its alpha, which Qt scales up over the tiles in the same paint that shows them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget

from digitpad.qt.widgets.image_panel import ImagePanel


class LitTiles(ImagePanel):
    """Tiles laid out every `step` pixels, `columns` to a row; `set_light` dims each one."""

    def __init__(self, parent: QWidget | None = None, minimum_side: int = 120):
        super().__init__(parent, minimum_side)
        self._step = 1
        self._veil_pixels = np.zeros((0, 0, 4), np.uint8)
        self._veil: QImage | None = None

    def set_tiles(self, rgb: np.ndarray, step: int, columns: int, count: int) -> None:
        """The (H, W, 3) picture of `count` tiles, one every `step` px, `columns` to a row, fully lit."""
        self._step = step
        rows = -(-count // columns)
        # Premultiplied black: B, G, R stay 0 and the alpha alone darkens what lies beneath.
        self._veil_pixels = np.zeros((rows, columns, 4), np.uint8)
        veil_format = QImage.Format.Format_ARGB32_Premultiplied
        self._veil = QImage(self._veil_pixels.data, columns, rows, 4 * columns, veil_format)
        self.set_rgb(rgb)

    def set_light(self, light: np.ndarray) -> None:
        """Each tile's light, 0 (dark) to 1 (as the picture is); repainted at the next paint event."""
        alpha = self._veil_pixels[..., 3].reshape(-1)
        alpha[: len(light)] = np.rint((1 - np.clip(light, 0, 1)) * 255)
        alpha[len(light) :] = 0
        self.update()

    def paint_over(self, painter: QPainter, target: QRectF) -> None:
        if self._veil is None:
            return
        scale = target.width() / self._pixels.shape[1]
        rows, columns = self._veil_pixels.shape[:2]
        veil = QRectF(target.left(), target.top(), columns * self._step * scale, rows * self._step * scale)
        painter.setClipRect(target)  # the veil's last row and column of gaps lie outside the picture
        painter.drawImage(veil, self._veil)
