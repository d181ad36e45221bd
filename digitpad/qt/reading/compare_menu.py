"""Model > Compare with...: pick a second model to read the same drawing, or stop comparing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from digitpad.core.assets import shipped_models
from digitpad.qt.app.app_paths import models_dir, recent_runs


class CompareMenu(QMenu):
    """The shipped models, the recent runs, another file, and Stop comparing; rebuilt each time it opens."""

    model_chosen = Signal(str)
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("&Compare with...", parent)
        self.setObjectName("compareMenu")
        self.aboutToShow.connect(self.refresh)
        self._comparing: str | None = None
        self._active: str | None = None
        self.refresh()

    def set_comparing(self, path: str | None) -> None:
        """The model compared with now (checked in the list), or None."""
        self._comparing = str(Path(path).resolve()) if path else None

    @Slot(str)
    def set_active(self, path: str | None) -> None:
        """The model in use: listed, but not to be compared with itself."""
        self._active = str(Path(path).resolve()) if path else None

    @Slot()
    def refresh(self) -> None:
        self.clear()
        comparing = [Path(self._comparing)] if self._comparing else []
        for path in dict.fromkeys(p.resolve() for p in shipped_models() + recent_runs() + comparing):
            in_use = str(path) == self._active
            action = self.addAction(f"{path.stem} (in use)" if in_use else path.stem)
            action.setData(str(path))
            action.setCheckable(True)
            action.setChecked(str(path) == self._comparing)
            action.setEnabled(not in_use)
            action.triggered.connect(self._on_model_triggered)
        self.addSeparator()
        self.addAction(QAction("Other model file...", self, triggered=self._choose_file))
        stop = self.addAction("Stop comparing")
        stop.setObjectName("stopComparingAction")
        stop.setEnabled(self._comparing is not None)
        stop.triggered.connect(self.stop_requested)

    @Slot()
    def _on_model_triggered(self) -> None:
        self.model_chosen.emit(self.sender().data())

    @Slot()
    def _choose_file(self) -> None:
        kinds = "Keras models (*.keras);;All files (*)"
        path, _ = QFileDialog.getOpenFileName(self.parentWidget(), "Compare with", str(models_dir()), kinds)
        if path:
            self.model_chosen.emit(path)
