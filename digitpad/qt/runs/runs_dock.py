"""The "Runs" dock: the run history of the models folder, with a trash that empties when the app closes."""

from __future__ import annotations

import os

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDockWidget, QWidget

from digitpad.core.runs.run_files import RunTrash, purge_stale_trash
from digitpad.qt.app.app_paths import app_data_dir, models_dir
from digitpad.qt.runs.runs_view import RunsView


class RunsDock(QDockWidget):
    """Lists the saved runs; refreshed whenever it is shown and after each run."""

    status_message = Signal(str, int)  # text, milliseconds to show it (for the status bar)
    active_model_renamed = Signal(str)  # the model in use has a new path: load it from there

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Runs", parent, objectName="runsDock")
        # One trash folder per process, so two windows open at once never purge each other's.
        own = app_data_dir() / "trash" / f"session-{os.getpid()}"
        purge_stale_trash(own.parent, own)
        self.trash = RunTrash(own)
        self.view = RunsView(models_dir(), self.trash)
        self.setWidget(self.view)
        self.view.status_message.connect(self.status_message)
        self.view.active_model_renamed.connect(self.active_model_renamed)

    def open(self) -> None:
        """Show the dock in front of the others it is tabbed with."""
        self.show()
        self.raise_()

    @Slot(str)
    def set_active_model(self, path: str) -> None:
        self.view.set_active_model(path)

    @Slot()
    def refresh(self) -> None:
        """A run was saved: list it (only while shown; showing refreshes anyway)."""
        if self.isVisible():
            self.view.refresh()

    def shutdown(self) -> None:
        """The app closes: deleted runs go for good."""
        self.view.shutdown()
        self.trash.purge()
