"""A label that shortens a long text with an ellipsis in its middle, and shows all of it on hover.

In the status bar, the permanent widgets (the model's name, Switch back) take their width first
and the messages get what is left: a run named at length left "Now using ..." cut off mid-word.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel


def elided(text: str, metrics: QFontMetrics, widest: int) -> str:
    """`text` as it fits in `widest` pixels: the start and the end kept (a run's name ends in its date)."""
    return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, widest)


class ElidedLabel(QLabel):
    """A QLabel whose `set_full_text` keeps it within `widest` pixels; the tooltip has the whole text."""

    def __init__(self, widest: int, text: str = "", **options):
        super().__init__(**options)
        self.widest = widest
        self._full = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        shown = elided(text, self.fontMetrics(), self.widest)
        self.setText(shown)
        self.setToolTip(text if shown != text else "")

    def full_text(self) -> str:
        return self._full
