"""The drawing toolbar: undo and clear, and the brush width as a slider with its value beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QSlider, QToolBar, QWidget

from digitpad.qt.drawing.canvas import BRUSH_RANGE


class BrushToolBar(QToolBar):
    """`slider.valueChanged` says the brush width the person chose, in pixels."""

    def __init__(self, actions, parent: QWidget | None = None):
        super().__init__("Drawing", parent, objectName="drawingToolBar", movable=False)
        self.addActions(actions)
        self.addSeparator()
        self.addWidget(QLabel("  Brush  "))
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="brushSlider")
        self.slider.setRange(int(BRUSH_RANGE[0]), int(BRUSH_RANGE[1]))
        self.slider.setFixedWidth(160)
        self.label = QLabel(objectName="brushLabel", minimumWidth=48)
        self.addWidget(self.slider)
        self.addWidget(self.label)
        self.slider.valueChanged.connect(self._show_width)

    def set_width(self, width: int) -> None:
        """Move the slider (clamped to its range) and show the value even when it did not move."""
        self.slider.setValue(width)
        self._show_width(self.slider.value())

    @Slot(int)
    def _show_width(self, width: int) -> None:
        self.label.setText(f"{width} px")
