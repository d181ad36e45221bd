"""28x28 digit images as crisp, scaled-up pixmaps for galleries. Qt only: no Keras."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPixmap

THUMBNAIL_PX = 56


def digit_pixmap(image: np.ndarray, side: int = THUMBNAIL_PX) -> QPixmap:
    """A 28x28 image (uint8, or float in [0, 1]; any trailing channel axis) as a side x side pixmap."""
    image = np.asarray(image)
    if image.dtype != np.uint8:
        image = np.round(np.clip(image, 0.0, 1.0) * 255).astype(np.uint8)
    pixels = np.ascontiguousarray(image.reshape(28, 28))
    # QImage borrows the buffer; copy() detaches it before numpy may free it.
    qimage = QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
    # Nearest-neighbour keeps each model pixel a crisp square, which is what the model sees.
    return QPixmap.fromImage(qimage.scaled(side, side, mode=Qt.TransformationMode.FastTransformation))


def digit_icon(image: np.ndarray, side: int = THUMBNAIL_PX) -> QIcon:
    """`digit_pixmap` as an icon for list and table items."""
    return QIcon(digit_pixmap(image, side))
