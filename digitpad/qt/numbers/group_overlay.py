"""Faint boxes over the canvas, one per digit of the number being read, so a wrong split shows.

A transparent child of the canvas that follows its size and lets every mouse event through, so
the canvas itself needs to know nothing about number mode.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

BOX = QColor(255, 255, 255, 46)
UNSURE_BOX = QColor(224, 160, 64, 90)
LABEL = QColor(255, 255, 255, 90)
PADDING = 6.0  # px around the ink's centre line, beyond half the brush


class GroupOverlay(QWidget):
    """Paints `set_boxes` rectangles (canvas coordinates) over the canvas it is put on."""

    def __init__(self, canvas: QWidget):
        super().__init__(canvas, objectName="groupOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._boxes: list[tuple[QRectF, bool]] = []
        self.setGeometry(canvas.rect())
        canvas.installEventFilter(self)

    def boxes(self) -> list[QRectF]:
        return [box for box, _ in self._boxes]

    def set_boxes(self, boxes: list[tuple[QRectF, bool]]) -> None:
        """Rectangles with whether that digit is uncertain; [] removes them."""
        if boxes != self._boxes:
            self._boxes = list(boxes)
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return False

    def paintEvent(self, event) -> None:
        if not self._boxes:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for index, (box, unsure) in enumerate(self._boxes):
            painter.setPen(QPen(UNSURE_BOX if unsure else BOX, 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(LABEL)
            painter.drawText(
                box.adjusted(4, 2, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(index + 1)
            )
        painter.end()
