"""A picture made of array pixels (a 28x28 input, a grid of tiles), that says which pixel is hovered or clicked.

A thin pyqtgraph wrapper: one `ImageItem`, created once and given new pixels in place, in a
view box that keeps square pixels and does not pan or zoom.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Signal, Slot


class ImagePanel(pg.GraphicsLayoutWidget):
    """Shows an (H, W, 3) uint8 RGB array; `hovered`/`clicked` give the image row and column."""

    hovered = Signal(int, int)
    clicked = Signal(int, int)

    def __init__(self, parent=None, minimum_side: int = 120):
        super().__init__(parent)
        self.setBackground(None)
        self.setMinimumSize(minimum_side, minimum_side)
        self._side = minimum_side
        self.ci.setContentsMargins(0, 0, 0, 0)
        self._view = self.addViewBox(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False)
        self._view.setMouseEnabled(False, False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self._view.addItem(self.image)
        self._shape: tuple[int, ...] = ()
        self.scene().sigMouseMoved.connect(self._on_moved)
        self.scene().sigMouseClicked.connect(self._on_clicked)

    def sizeHint(self) -> QSize:
        # pyqtgraph asks for 640x480; a dock full of pictures must start from what they need.
        return QSize(self._side, self._side)

    def set_rgb(self, rgb: np.ndarray) -> None:
        """Show the pixels; the view re-fits only when the picture's size changes."""
        self.image.setImage(rgb, autoLevels=False, levels=(0, 255))
        if rgb.shape[:2] != self._shape:
            self._shape = rgb.shape[:2]
            self._view.setRange(xRange=(0, rgb.shape[1]), yRange=(0, rgb.shape[0]), padding=0.02)

    def pixels(self) -> np.ndarray | None:
        """The RGB array shown (for tests and screenshots)."""
        return self.image.image

    def pixel_at(self, scene_position: QPointF) -> tuple[int, int] | None:
        """(row, column) of the image pixel under a scene position, or None outside the picture."""
        point = self.image.mapFromScene(scene_position)
        row, column = int(np.floor(point.y())), int(np.floor(point.x()))
        if not self._shape or not (0 <= row < self._shape[0] and 0 <= column < self._shape[1]):
            return None
        return row, column

    @Slot(object)
    def _on_moved(self, scene_position) -> None:
        if (pixel := self.pixel_at(scene_position)) is not None:
            self.hovered.emit(*pixel)

    @Slot(object)
    def _on_clicked(self, event) -> None:
        if (pixel := self.pixel_at(event.scenePos())) is not None:
            self.clicked.emit(*pixel)
