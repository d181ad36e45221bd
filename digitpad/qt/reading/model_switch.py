"""After a run, the status bar says what changed and a button switches back to the previous model."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QPushButton, QStatusBar

from digitpad.core.runs.model_change import change_message
from digitpad.qt.widgets.elided_label import elided

MESSAGE_MS = 30_000
BUTTON_TEXT_WIDEST = 220  # pixels: the message beside it needs the room


class ModelSwitchNotice(QObject):
    """Connect `note_trained` to the panel's `trained`, `model_changed` to the window's; load on `switch_requested`."""

    switch_requested = Signal(str)  # the previous model's path

    def __init__(self, status_bar: QStatusBar, parent: QObject | None = None):
        super().__init__(parent)
        self._status_bar = status_bar
        self._current: str | None = None
        self._previous: str | None = None
        self._trained: set[str] = set()
        self.button = QPushButton(objectName="switchBackButton", flat=True)
        self.button.clicked.connect(self._on_clicked)
        self.button.hide()
        status_bar.addPermanentWidget(self.button)

    @Slot(str)
    def note_trained(self, path: str) -> None:
        """A run saved this model; when it takes over, say what changed."""
        self._trained.add(_key(path))

    @Slot(str)
    def model_changed(self, path: str) -> None:
        previous, self._current = self._current, path
        if _key(path) in self._trained and previous and _key(previous) != _key(path):
            self._trained.discard(_key(path))
            self._offer_switch_back(path, previous)
        else:
            self._previous = None
            self.button.hide()

    def previous_model(self) -> str | None:
        """The model "Switch back" would load, or None when the button is hidden."""
        return self._previous

    def _offer_switch_back(self, path: str, previous: str) -> None:
        self._previous = previous
        self.button.setText(elided(f"Switch back to {Path(previous).stem}", self.button.fontMetrics(),
                                   BUTTON_TEXT_WIDEST))
        self.button.setToolTip(previous)
        self.button.show()  # before the message, which gets the room the button leaves
        self._status_bar.showMessage(change_message(path, previous), MESSAGE_MS)

    @Slot()
    def _on_clicked(self) -> None:
        if self._previous:
            self.switch_requested.emit(self._previous)


def _key(path: str) -> str:
    return str(Path(path).resolve())
