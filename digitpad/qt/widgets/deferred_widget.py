"""A placeholder for a widget whose module is slow to import, built just after the window shows.

pyqtgraph costs 0.2 to 0.5 s to import here: a third of the start-up if the window waited for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

# Long enough for the window to be on screen and the first stroke to be read, short enough that
# nobody opens the panel's plot before it is there.
BUILD_AFTER_MS = 400


class DeferredWidget(QWidget):
    """Holds the place of `build()`'s widget; builds it after BUILD_AFTER_MS, or at once when asked for."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build, self._widget = build, None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        QTimer.singleShot(BUILD_AFTER_MS, self, self.widget)

    def widget(self) -> QWidget:
        """The real widget, built now if it was not yet."""
        if self._widget is None:
            self._widget = self._build()
            self._layout.addWidget(self._widget)
        return self._widget
