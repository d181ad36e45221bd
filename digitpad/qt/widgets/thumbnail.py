"""28x28 digit images as QImages, and as crisp, scaled-up pixmaps for galleries. Qt only: no Keras."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPixmap

from digitpad.core.drawing.pixels import to_uint8

THUMBNAIL_PX = 56


def digit_qimage(image: np.ndarray) -> QImage:
    """A 28x28 image (uint8, or float in [0, 1]; any trailing channel axis) as a grayscale QImage."""
    pixels = np.ascontiguousarray(to_uint8(image).reshape(28, 28))
    # QImage borrows the buffer; copy() detaches it before numpy may free it.
    return QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()


def digit_pixmap(image: np.ndarray, side: int = THUMBNAIL_PX) -> QPixmap:
    """`digit_qimage` scaled to side x side."""
    # Nearest-neighbour keeps each model pixel a crisp square, which is what the model sees.
    return QPixmap.fromImage(digit_qimage(image).scaled(side, side, mode=Qt.TransformationMode.FastTransformation))


def digit_icon(image: np.ndarray, side: int = THUMBNAIL_PX) -> QIcon:
    """`digit_pixmap` as an icon for list and table items."""
    return QIcon(digit_pixmap(image, side))
