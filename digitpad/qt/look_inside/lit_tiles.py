"""A grid of tiles, each dimmed by a light of its own: one fixed picture under a veil of one block per tile.

Look inside lights the MLP's 128 weight tiles by their units' activations at every prediction.
Lit in numpy, that was 216,000 multiplies and a copy per update (0.25-0.3 ms); here the tiles
stay one picture and each update only makes a veil, black with each tile's darkness as its
alpha. The grid is shown at a whole number of screen pixels per tile, so the picture is scaled
once per size and the veil is whole blocks made by np.repeat: both are then copied 1:1, which
Qt does several times faster than scaling a 16x8 veil over the tiles at every paint.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from digitpad.qt.widgets.image_panel import ImagePanel

# Premultiplied black at each alpha: B, G, R stay 0 and the alpha alone darkens what lies beneath.
_BLACK_AT = np.arange(256, dtype=np.uint32) << 24


class LitTiles(ImagePanel):
    """Tiles laid out every `step` pixels, `columns` to a row; `set_light` dims each one."""

    def __init__(self, parent: QWidget | None = None, minimum_side: int = 120):
        super().__init__(parent, minimum_side)
        self._step, self._columns = 1, 1
        self._darkness = np.zeros((0, 0), np.uint8)  # each tile's veil alpha, by row and column
        self._shown_tiles: tuple[int, QPixmap] | None = None  # (screen step, the tiles scaled to it)
        self._veil_words = np.zeros((0, 0), np.uint32)  # kept alive: the veil's QImage reads them
        self._veil: QImage | None = None
        self._veil_made_for: tuple | None = None  # (screen step, darkness) the veil shows

    def set_tiles(self, rgb: np.ndarray, step: int, columns: int, count: int) -> None:
        """The (H, W, 3) picture of `count` tiles, one every `step` px, `columns` to a row, fully lit."""
        self._step, self._columns = step, columns
        self._darkness = np.zeros((-(-count // columns), columns), np.uint8)
        self._shown_tiles = self._veil_made_for = None
        self.set_rgb(rgb)

    def set_light(self, light: np.ndarray) -> None:
        """Each tile's light, 0 (dark) to 1 (as the picture is); repainted at the next paint event."""
        darkness = self._darkness.reshape(-1)
        darkness[: len(light)] = np.rint((1 - np.clip(light, 0, 1)) * 255)
        darkness[len(light) :] = 0
        self.update()

    def screen_step(self) -> int:
        """Whole screen pixels from one tile to the next: the largest step that fits the panel."""
        height, width = self._pixels.shape[:2]
        return max(1, int(min(self.width() / width, self.height() / height) * self._step))

    def target(self) -> QRectF:
        """Where the picture is painted: centred, at `screen_step()` pixels per tile."""
        if self._image is None:
            return QRectF()
        scale = self.screen_step() / self._step
        height, width = self._pixels.shape[:2]
        left, top = (self.width() - round(width * scale)) // 2, (self.height() - round(height * scale)) // 2
        return QRectF(left, top, width * scale, height * scale)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self._image is not None:
            target = self.target()
            corner = QPoint(int(target.left()), int(target.top()))
            step = self.screen_step()
            painter.setClipRect(target)  # the last row and column of gaps lie outside the picture
            painter.drawPixmap(corner, self._tiles_at(step))
            painter.drawImage(corner, self._veil_at(step))
        painter.end()

    def _tiles_at(self, step: int) -> QPixmap:
        """The picture, gaps after the last row and column included, at `step` screen pixels per tile."""
        if self._shown_tiles is None or self._shown_tiles[0] != step:
            rows, columns = self._darkness.shape
            whole = self._image.copy(QRect(0, 0, columns * self._step, rows * self._step))  # black beyond
            scaled = whole.scaled(columns * step, rows * step, Qt.AspectRatioMode.IgnoreAspectRatio)
            self._shown_tiles = step, QPixmap.fromImage(scaled)
        return self._shown_tiles[1]

    def _veil_at(self, step: int) -> QImage:
        """Each tile's darkness as a block of `step` x `step` screen pixels, made again only when it changed."""
        key = (step, self._darkness.tobytes())
        if self._veil_made_for != key:
            self._veil_words = np.repeat(np.repeat(_BLACK_AT[self._darkness], step, axis=0), step, axis=1)
            height, width = self._veil_words.shape
            veil_format = QImage.Format.Format_ARGB32_Premultiplied
            self._veil = QImage(self._veil_words.data, width, height, 4 * width, veil_format)
            self._veil_made_for = key
        return self._veil
