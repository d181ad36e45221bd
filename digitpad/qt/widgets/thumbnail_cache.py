"""Digit thumbnails made when a view first asks for them, the most recently used few kept. Qt only."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from PySide6.QtGui import QPixmap

from digitpad.qt.widgets.thumbnail import THUMBNAIL_PX, digit_pixmap

# A few screens of thumbnails (56 px: about 12 kB each), so scrolling back is instant and
# 20,000 samples never hold 20,000 pixmaps.
CACHED_THUMBNAILS = 1500


class ThumbnailCache:
    """Pixmaps by key, made from 28x28 pixels on a miss; the least recently used go first."""

    def __init__(self, size: int = CACHED_THUMBNAILS, side: int = THUMBNAIL_PX):
        self.size, self.side = size, side
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()

    def pixmap(self, key: str, pixels: np.ndarray) -> QPixmap:
        """The thumbnail for `key`, made from `pixels` unless it is cached."""
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._pixmaps[key] = digit_pixmap(pixels, self.side)
            if len(self._pixmaps) > self.size:
                self._pixmaps.popitem(last=False)
        else:
            self._pixmaps.move_to_end(key)
        return pixmap

    def __len__(self) -> int:
        return len(self._pixmaps)
