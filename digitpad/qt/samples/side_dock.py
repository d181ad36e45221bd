"""A dock beside the canvas that opens in front of the ones it is tabbed with and speaks through the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget


class SideDock(QDockWidget):
    """The common part of "My samples", "Where it fails" and any later dock."""

    status_message = Signal(str, int)  # text, milliseconds to show it (for the status bar)

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None):
        super().__init__(title, parent, objectName=object_name)

    def open(self) -> None:
        """Show the dock in front of the others it is tabbed with."""
        self.show()
        self.raise_()


def add_fixed_dock(window: QMainWindow, title: str, name: str, widget: QWidget) -> QDockWidget:
    """A dock on the right that can move or float but not be closed and lost."""
    dock = QDockWidget(title, window, objectName=name)
    features = QDockWidget.DockWidgetFeature
    dock.setFeatures(features.DockWidgetMovable | features.DockWidgetFloatable)
    dock.setWidget(widget)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    return dock


def tab_hidden_docks(window: QMainWindow, front: QDockWidget, *docks: QDockWidget) -> None:
    """Docks hidden until asked for, then tabbed with `front`, which stays in front."""
    for dock in docks:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.tabifyDockWidget(front, dock)
        dock.hide()
    front.raise_()
