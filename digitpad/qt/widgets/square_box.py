"""A container that keeps its one child square and centred as the window resizes."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget


class SquareBox(QWidget):
    """Gives its child the largest centred square that fits.

    `heightForWidth` is ignored by QMainWindow's central area and by docks, so the
    square is enforced here rather than asked for by the child.
    """

    def __init__(self, child: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self._child = child
        child.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def minimumSizeHint(self) -> QSize:
        return self._child.minimumSizeHint().expandedTo(self._child.minimumSize())

    def sizeHint(self) -> QSize:
        return self._child.sizeHint()

    def resizeEvent(self, event) -> None:
        side = min(self.width(), self.height())
        self._child.setGeometry(QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side))
