"""A sentence in the middle of an empty list or table, saying why it is empty and what to do.

A filter that matches nothing left the Runs table and the samples' grid blank, which reads as
"nothing is there" or "it is still loading"; a hundred runs are still there, one word away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import QAbstractItemView, QLabel

MARGIN_PX = 16


class EmptyNote(QLabel):
    """Shown over `view` while its model has no rows and `reason()` says something (an empty text: hidden)."""

    def __init__(self, view: QAbstractItemView, reason: Callable[[], str]):
        super().__init__(view.viewport(), objectName="emptyNote", wordWrap=True)
        self._view, self._reason = view, reason
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the view keeps its clicks
        self.setEnabled(False)  # drawn in the style's quieter text colour
        model = view.model()
        for change in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            change.connect(self.update_note)
        view.viewport().installEventFilter(self)
        self.update_note()

    @Slot()
    def update_note(self, *_changes) -> None:
        """Say why the view is empty, or hide when it is not (or has no reason to give)."""
        text = self._reason() if self._view.model().rowCount() == 0 else ""
        self.setText(text)
        self.setVisible(bool(text))
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        self.setGeometry(self._view.viewport().rect().adjusted(MARGIN_PX, MARGIN_PX, -MARGIN_PX, -MARGIN_PX))


def no_match_text(noun: str, typed: str, total: int) -> str:
    """'No run matches "cnn 0.5". Clear the filter to see all 500.'; empty with no filter or nothing to see."""
    typed = typed.strip()
    return f"No {noun} matches “{typed}”. Clear the filter to see all {total:,}." if typed and total else ""
