"""A dock beside the canvas that opens in front of the ones it is tabbed with and speaks through the status bar."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDockWidget, QWidget


class SideDock(QDockWidget):
    """The common part of "My samples", "Where it fails" and any later dock."""

    status_message = Signal(str, int)  # text, milliseconds to show it (for the status bar)

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None):
        super().__init__(title, parent, objectName=object_name)

    def open(self) -> None:
        """Show the dock in front of the others it is tabbed with."""
        self.show()
        self.raise_()
