"""A dock that knows whether a person can see it: `isVisible()` is true behind another dock's tab too.

The map and Look inside compute for the drawing at each stroke, and a click on a bar explains a
digit while Look inside is open; all of that is for a dock on screen, not for one tabbed behind
the training panel.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDockWidget


class OnScreenDock(QDockWidget):
    """A QDockWidget with `is_on_screen()`, kept from its `visibilityChanged` signal."""

    def __init__(self, *args, **options):
        super().__init__(*args, **options)
        self._on_screen = False
        self.visibilityChanged.connect(self._note_on_screen)  # first: the subclass's own handlers see it

    def is_on_screen(self) -> bool:
        """Shown, and in front of the docks tabbed with it."""
        return self._on_screen

    @Slot(bool)
    def _note_on_screen(self, visible: bool) -> None:
        self._on_screen = visible
