"""A saved run's design put back to work: into the training panel (to edit, or to train again with the
same seed, so from the same starting weights), or shown as a script.

A run saved before designs existed has its design derived from its recipe (card_designs).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Slot

from digitpad.core.networks.card_designs import design_of_card
from digitpad.core.networks.design import DesignError
from digitpad.core.runs.model_files import read_card
from digitpad.qt.training.code_dialog import CodeDialog

MESSAGE_MS = 8000


class RunDesigns(QObject):
    """Loads runs' designs into the window's training panel, and opens Show code."""

    def __init__(self, window):
        super().__init__(window)  # the window is parent(): a reference to it would be a cycle
        self.dialog: CodeDialog | None = None

    @Slot(object, bool)
    def load(self, card: dict, train: bool) -> None:
        """The run's design into the panel (which comes to the front); with `train`, start it too."""
        design = self._design(card)
        if design is None:
            return
        panel = self.parent().training_panel
        try:
            panel.set_design(design)
        except DesignError as error:
            self._say(f"The run's design cannot be loaded: {error}")
            return
        self.parent().training_dock.show()
        self.parent().training_dock.raise_()
        if train:
            panel.start()

    @Slot(str)
    def show_code_of_run(self, path: str) -> None:
        design = self._design(read_card(path) or {}, Path(path).stem)
        if design is not None:
            self.show_code(design)

    @Slot()
    def show_code_of_active_model(self) -> None:
        path = self.parent().model_path()
        if path is not None:
            self.show_code_of_run(path)

    @Slot(object)
    def show_code(self, design: dict) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = CodeDialog(design, self.parent())
        self.dialog.show()

    def _design(self, card: dict, name: str = "the run") -> dict | None:
        design = design_of_card(card)
        if design is None:
            self._say(f"{name} has no design or recipe on its card, so there is nothing to show or train.")
        return design

    def _say(self, text: str) -> None:
        self.parent().statusBar().showMessage(text, MESSAGE_MS)
