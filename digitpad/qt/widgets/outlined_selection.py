"""An item delegate that marks the selected cell with an outline and keeps the cell's own colour.

For tables whose cell colours mean something (the confusion matrix: teal for right, red for
wrong): the style's selection fill, teal in the dark theme, made a clicked mistake look right.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from digitpad.qt.app.theme import colour_of

OUTLINE = QColor(colour_of(QPalette.ColorRole.WindowText))  # the theme's text colour: visible on every tint
OUTLINE_WIDTH = 2


class OutlinedSelection(QStyledItemDelegate):
    """Paints each cell as if unselected, then outlines the selected one."""

    def paint(self, painter, option, index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        plain.state &= ~QStyle.StateFlag.State_HasFocus  # the focus frame would draw a second outline
        # The view has already filled a selected cell's row panel with the selection colour, and
        # the tints are translucent: paint the plain base back under them first.
        painter.fillRect(option.rect, option.palette.base())
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(OUTLINE, OUTLINE_WIDTH))
            inset = OUTLINE_WIDTH // 2
            painter.drawRect(option.rect.adjusted(inset, inset, -inset - 1, -inset - 1))
            painter.restore()
