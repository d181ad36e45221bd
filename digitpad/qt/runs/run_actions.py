"""What the Runs dock's buttons do: rename, delete and undo as units of files; train again, edit, show code.

The files are handled by the pure core (`run_files`); this only asks it, says what happened in
one sentence, and keeps the table in step without listing the folder again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from digitpad.core.runs.run_files import RunFileError, RunTrash, rename_run
from digitpad.core.runs.run_history import Run

MESSAGE_MS = 8000
NAMED_AT_MOST = 3  # runs restored at once that the message names; past it, how many


class RunActions(QObject):
    """The buttons under the Runs table, and the actions behind them, for `view` (a RunsView)."""

    def __init__(self, view, trash: RunTrash):
        super().__init__(view)
        self.view, self.trash = view, trash
        self.active: Path | None = None
        self.rename_button = self._button("Rename", "renameRunButton", self._edit_selected_name)
        self.delete_button = self._button("Delete", "deleteRunButton", view.delete_selected)
        self.undo_button = self._button("Undo delete", "undoDeleteButton", view.undo_delete)
        self.train_button = self._button("Train again", "trainAgainButton", self._train_again)
        self.edit_button = self._button("Edit design", "editDesignButton", self._edit_design)
        self.code_button = self._button("Show code", "showCodeButton", self._show_code)
        # Two rows, the run's files then its design: in one row of six the dock asked for 540 px, and
        # with the canvas beside it the window no longer fitted a 1024 px screen (a classroom projector).
        self.buttons = QVBoxLayout()
        for row in ((self.rename_button, self.delete_button, self.undo_button),
                    (self.train_button, self.edit_button, self.code_button)):
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            line.addStretch(1)
            self.buttons.addLayout(line)

    def rename(self, run: Run, new_name: str) -> Path | None:
        try:
            new_path = rename_run(run.path, new_name)
        except RunFileError as error:
            self._say(str(error))
            return None
        if new_path != run.path:
            self._say(f"Renamed {run.name} to {new_path.stem}.")
        self.view.refresh(select=[new_path.stem])
        if self.active == run.path.resolve():
            self.active = new_path.resolve()
            self.view.active_model_renamed.emit(str(new_path))
        return new_path

    def delete(self, runs: list[Run]) -> None:
        if not runs:
            return
        in_use = [run for run in runs if run.path.resolve() == self.active]
        if in_use:
            self._say(f"{in_use[0].name} is the model in use; choose another in the Model menu before deleting it.")
            return
        try:
            self.trash.delete([run.path for run in runs])
        except RunFileError as error:
            self._say(str(error))
        else:
            what, it = (runs[0].name, "it") if len(runs) == 1 else (f"{len(runs):,} runs", "them")
            self._say(f"Deleted {what}; Undo delete brings {it} back until DigitPad closes.")
            self.view.model.remove_runs({run.name for run in runs})
        self.view.refresh()

    def undo(self) -> None:
        try:
            restored = self.trash.undo()
        except RunFileError as error:
            self._say(str(error))
            restored = None
        self.view.refresh(select=[path.stem for path in restored or ()])
        if restored:
            names = ", ".join(path.stem for path in restored) if len(restored) <= NAMED_AT_MOST else None
            self._say(f"Restored {names or f'{len(restored):,} runs'}.")
        self.update_buttons()

    def update_buttons(self, count: int | None = None) -> None:
        """Enable what the selection allows; `count` is how many runs are selected, when the caller knows."""
        count = len(self.view.selected_runs()) if count is None else count
        for button in (self.rename_button, self.train_button, self.edit_button, self.code_button):
            button.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)
        self.undo_button.setEnabled(self.trash.can_undo())

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.clicked.connect(slot)
        return button

    def _say(self, text: str) -> None:
        self.view.status_message.emit(text, MESSAGE_MS)

    def _selected(self) -> Run | None:
        runs = self.view.selected_runs()
        return runs[0] if len(runs) == 1 else None

    @Slot()
    def _edit_selected_name(self) -> None:
        indexes = self.view.table.selectionModel().selectedRows()
        if indexes:
            self.view.table.edit(indexes[0])

    @Slot()
    def _train_again(self) -> None:
        if (run := self._selected()) is not None:
            self.view.design_requested.emit(run.card, True)

    @Slot()
    def _edit_design(self) -> None:
        if (run := self._selected()) is not None:
            self.view.design_requested.emit(run.card, False)

    @Slot()
    def _show_code(self) -> None:
        if (run := self._selected()) is not None:
            self.view.code_requested.emit(str(run.path))
