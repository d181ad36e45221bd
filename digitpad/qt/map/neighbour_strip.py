"""A row of the 8 nearest test digits, each with its true digit; a click puts one on the pad."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QWidget

from digitpad.qt.widgets.thumbnail import digit_icon

SIDE = 40
SLOTS = 8


class NeighbourStrip(QWidget):
    """Eight buttons with a digit's picture and its label below; `chosen` gives the test index."""

    chosen = Signal(int)

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent, objectName=object_name)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.buttons, self.labels, self.indices = [], [], [-1] * SLOTS
        for slot in range(SLOTS):
            button = QToolButton(autoRaise=True)
            button.setIconSize(QSize(SIDE, SIDE))
            button.setFixedSize(SIDE + 4, SIDE + 4)
            button.clicked.connect(self._on_clicked)
            label = QLabel(" ", alignment=Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(button, 0, slot)
            layout.addWidget(label, 1, slot)
            self.buttons.append(button)
            self.labels.append(label)

    def show_neighbours(self, neighbours: list, images: np.ndarray) -> None:
        """The neighbours (core Neighbour objects), nearest first; an empty list clears the row."""
        for slot in range(SLOTS):
            if slot < len(neighbours):
                neighbour = neighbours[slot]
                self.indices[slot] = neighbour.index
                self.buttons[slot].setIcon(digit_icon(images[neighbour.index], SIDE))
                tip = f"MNIST test #{neighbour.index}: a {neighbour.label}. Click: onto the pad."
                self.buttons[slot].setToolTip(tip)
                self.labels[slot].setText(str(neighbour.label))
            else:
                self.indices[slot] = -1
                self.buttons[slot].setIcon(digit_icon(np.zeros((28, 28)), SIDE))
                self.labels[slot].setText(" ")

    def labels_shown(self) -> list[str]:
        return [label.text() for label in self.labels]

    @Slot()
    def _on_clicked(self) -> None:
        slot = self.buttons.index(self.sender())
        if self.indices[slot] >= 0:
            self.chosen.emit(self.indices[slot])
