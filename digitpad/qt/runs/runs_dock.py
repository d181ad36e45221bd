"""The "Runs" dock: the run history of the models folder, with a trash that empties when the app closes."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDockWidget, QWidget

from digitpad.core.file_trash import purge_stale_trash
from digitpad.core.runs.run_files import RunTrash
from digitpad.qt.app.app_paths import models_dir, session_trash_dir
from digitpad.qt.runs.runs_view import RunsView


class RunsDock(QDockWidget):
    """Lists the saved runs; refreshed whenever it is shown and after each run."""

    status_message = Signal(str, int)  # text, milliseconds to show it (for the status bar)
    active_model_renamed = Signal(str)  # the model in use has a new path: load it from there

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Runs", parent, objectName="runsDock")
        session = session_trash_dir()
        purge_stale_trash(session.parent, session)
        self.trash = RunTrash(session / "runs")
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
