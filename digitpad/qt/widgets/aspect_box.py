"""A container that keeps its one child at a fixed width:height ratio, centred, as the window resizes."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget


class AspectBox(QWidget):
    """Gives its child the largest centred rectangle of `ratio` (width / height) that fits."""

    def __init__(self, ratio: float, parent: QWidget | None = None):
        super().__init__(parent)
        self._ratio = ratio
        self._child: QWidget | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def take(self, child: QWidget) -> None:
        """Hold `child` (re-parenting it) and lay it out now."""
        self._child = child
        child.setParent(self)
        child.show()
        self.updateGeometry()
        self._fit()

    def minimumSizeHint(self) -> QSize:
        return QSize() if self._child is None else self._child.minimumSize()

    def sizeHint(self) -> QSize:
        return QSize(840, round(840 / self._ratio))

    def resizeEvent(self, event) -> None:
        self._fit()

    def _fit(self) -> None:
        if self._child is None:
            return
        width = min(self.width(), round(self.height() * self._ratio))
        height = round(width / self._ratio)
        self._child.setGeometry(QRect((self.width() - width) // 2, (self.height() - height) // 2, width, height))
