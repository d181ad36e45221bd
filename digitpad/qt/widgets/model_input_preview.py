"""The 28x28 image the model was given, scaled up in a thin frame, each input pixel a crisp square."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from digitpad.qt.widgets.thumbnail import digit_qimage

FRAME = QColor("#3a3d46")


class ModelInputPreview(QWidget):
    """Paints its image at `scale` px per input pixel inside a 1 px frame.

    A widget that paints the small image itself, not a label showing a pixmap: a new pixmap per
    prediction, scaled and framed, cost about half a millisecond of every stroke-to-bars update.
    Qt's painter scales without smoothing unless asked, so the pixels stay square.
    """

    def __init__(self, scale: int, parent: QWidget | None = None):
        super().__init__(parent, objectName="previewLabel")
        self.setFixedSize(28 * scale + 2, 28 * scale + 2)
        self._image: QImage = digit_qimage(np.zeros((28, 28), np.uint8))

    def set_image(self, image28: np.ndarray | None) -> None:
        """Show this 28x28 image (floats in [0, 1] or uint8); None shows an empty, black input."""
        self._image = digit_qimage(np.zeros((28, 28), np.uint8) if image28 is None else image28)
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), FRAME)
        painter.drawImage(QRect(1, 1, self.width() - 2, self.height() - 2), self._image)
        painter.end()
