"""The Model menu: the shipped models, the ten most recent runs, and any opened file; the active one checked.

A student keeps hundreds of runs: all of them are in the Runs dock (All runs...), not here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from digitpad.core.assets import shipped_models
from digitpad.qt.app.app_paths import models_dir, recent_runs


class ModelMenu(QMenu):
    """Lists model files as exclusive, checkable actions; rebuilt each time it opens."""

    model_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("&Model", parent)
        self.setObjectName("modelMenu")
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self._active: Path | None = None
        self._extra: list[Path] = []
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def model_paths(self) -> list[Path]:
        """Every model the menu offers, in menu order: shipped, the recent runs, the one in use, opened files."""
        active = [self._active] if self._active is not None else []
        paths = shipped_models() + recent_runs() + active + self._extra
        return list(dict.fromkeys(path.resolve() for path in paths))

    def set_active(self, path: str | Path | None) -> None:
        """Check the action of the model now in use."""
        self._active = None if path is None else Path(path).resolve()
        if self._active is not None and self._active.parent != models_dir().resolve() and (
                self._active not in self._extra and self._active not in self.model_paths()):
            self._extra.append(self._active)  # a file opened from elsewhere stays listed
        if self._active in [Path(action.data()) for action in self._group.actions()]:
            self._check_active()
        else:
            self.refresh()

    def active_action(self) -> QAction | None:
        return self._group.checkedAction()

    @Slot()
    def refresh(self) -> None:
        """Rebuild the list: trained models may have appeared since it was last shown."""
        for action in self._group.actions():
            self._group.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        shipped, trained = {p.resolve() for p in shipped_models()}, models_dir().resolve()
        for path in self.model_paths():
            self.addAction(self._action_for(path, _title(path, shipped, trained)))

    def _action_for(self, path: Path, title: str) -> QAction:
        action = QAction(title, self._group)
        action.setCheckable(True)
        action.setChecked(path == self._active)
        action.setData(str(path))
        action.setToolTip(str(path))
        action.triggered.connect(self._on_triggered)
        return action

    def _check_active(self) -> None:
        for action in self._group.actions():
            action.setChecked(Path(action.data()) == self._active)

    @Slot()
    def _on_triggered(self) -> None:
        path = self.sender().data()
        self._check_active()  # the check moves only once the model has loaded
        self.model_chosen.emit(path)


def _title(path: Path, shipped: set[Path], models: Path) -> str:
    """`cnn.keras` -> "cnn", with where it comes from: shipped, trained (in the models folder), or its folder."""
    if path in shipped:
        return f"{path.stem} (shipped)"
    return f"{path.stem} (trained)" if path.parent == models else f"{path.stem} ({path.parent})"
