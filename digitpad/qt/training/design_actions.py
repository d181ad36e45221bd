"""The panel's Design menu: open and save a design as a JSON file, and show it as a Keras script.

Files are read whole and checked before anything in the editor changes, and written atomically;
a file that is not a design is refused in one sentence in the status bar, the editor unchanged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton

from digitpad.core.networks.design import DesignError
from digitpad.core.networks.design_files import read_design, write_design

DESIGN_FILES = "Network designs (*.json);;All files (*)"
FOLDER_KEY = "training/design_folder"


class DesignActions(QObject):
    """A tool button with Open design..., Save design as... and Show code... for the panel's form."""

    message = Signal(str)  # one sentence for the status bar
    code_requested = Signal(object)  # the design to show as a script

    def __init__(self, form, parent=None):
        super().__init__(parent)
        self.form = form
        self.button = QToolButton(objectName="designMenuButton", text="Design",
                                  popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.open_action = menu.addAction("Open design...", self.open_file)
        self.save_action = menu.addAction("Save design as...", self.save_file)
        self.code_action = menu.addAction("Show code...", self._show_code)
        self.open_action.setObjectName("openDesignAction")
        self.save_action.setObjectName("saveDesignAction")
        self.button.setMenu(menu)

    @Slot()
    def open_file(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getOpenFileName(self.form, "Open a network design", _folder(), DESIGN_FILES)[0]
        if not path:
            return False
        try:
            self.form.set_design(read_design(path))
        except (DesignError, OSError) as error:
            self.message.emit(str(error))
            return False
        _remember(path)
        self.message.emit(f"Opened the design {self.form.design()['name']}.")
        return True

    @Slot()
    def save_file(self, path: str | None = None) -> bool:
        design = self.form.design()
        suggested = f"{_folder()}/{design['name']}.json"
        path = path or QFileDialog.getSaveFileName(self.form, "Save the network design", suggested, DESIGN_FILES)[0]
        if not path:
            return False
        try:
            write_design(path, design)
        except OSError as error:
            self.message.emit(f"Could not write {path} ({error.strerror or error}).")
            return False
        _remember(path)
        self.message.emit(f"Saved the design in {path}.")
        return True

    @Slot()
    def _show_code(self) -> None:
        self.code_requested.emit(self.form.design())


def _folder() -> str:
    return str(QSettings().value(FOLDER_KEY, "") or "")


def _remember(path: str) -> None:
    QSettings().setValue(FOLDER_KEY, str(Path(path).parent))
