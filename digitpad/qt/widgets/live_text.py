"""Text that changes with every prediction, repainted without laying the window out again.

A QLabel's new text asks its parent's layout to lay everything out again (updateGeometry), which
Qt does at the next turn of the event loop: with Look inside open, 0.9 ms of every prediction
went to laying out a window whose geometry had not changed. This widget's size does not depend
on its text (at least `lines` lines of its font), so a new text is a repaint of the widget alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget


class LiveText(QWidget):
    """Text in the palette's text colour, wrapped at words when `wrap`, given room for `lines` lines at least."""

    def __init__(
        self,
        object_name: str,
        lines: int = 1,
        wrap: bool = False,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,  # a QLabel's
        parent: QWidget | None = None,
    ):
        super().__init__(parent, objectName=object_name)
        self._text, self._lines = "", lines
        self._colours = None  # (background brush, text colour), from the palette
        self._flags = int(alignment) | (int(Qt.TextFlag.TextWordWrap) if wrap else 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # a QLabel's
        # It fills its own background, so what lies beneath it is not repainted with it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name, which it stands in for)
        if text != self._text:
            self._text = text
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 24, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._height())

    def _height(self) -> int:
        metrics = self.fontMetrics()
        return metrics.height() + (self._lines - 1) * metrics.lineSpacing()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # a new font is a new height, the one time the layout must know
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._colours = None
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        if self._colours is None:  # a palette is a copy each time it is asked for
            palette = self.palette()
            self._colours = palette.window(), palette.windowText().color()
        background, text = self._colours
        painter = QPainter(self)
        painter.fillRect(self.rect(), background)
        painter.setPen(text)
        painter.drawText(self.rect(), self._flags, self._text)
        painter.end()
