"""The model in use: loaded in the background, remembered in QSettings, and never lost to a bad file.

A model asked for explicitly that fails to load leaves the one in use in place. The remembered
model is different: if it has vanished or no longer loads, the shipped default takes its place,
the status bar says so once, and the broken path is forgotten so the next start is quiet.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal, Slot

from digitpad.core.assets import default_model_path
from digitpad.qt.app.settings_values import as_text
from digitpad.qt.workers.model_loader import ModelLoader

SETTINGS_KEY = "model/active"
LOADING = "loading model..."
NO_MODEL = "no model: open or train one"


class ActiveModel(QObject):
    """Holds the Predictor in use; `load(path)` swaps it when the new one is ready."""

    changed = Signal(str)  # path of the model that became active
    load_failed = Signal(str)  # one sentence: why the model asked for is not in use
    message = Signal(str, int)  # text for the status bar, milliseconds (0: until replaced)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._predictor = None
        self._path: str | None = None
        self._remembered_broken: str | None = None  # the remembered path while it is being tried
        self._notice = ""  # said once, when the fallback model is in use
        self._loader = ModelLoader(self)
        self._loader.done.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)

    def predictor(self):
        """The Predictor in use, or None while none has loaded."""
        return self._predictor

    def path(self) -> str | None:
        return self._path

    def is_loading(self) -> bool:
        return self._loader.is_loading()

    def waiting_text(self) -> str:
        """What the prediction view says while there is no model to ask."""
        return LOADING if self.is_loading() else NO_MODEL

    @Slot(str)
    def load(self, path: str | Path) -> None:
        """Load a model in the background; it becomes active (and `changed` fires) when ready."""
        self._loader.load(path)
        self.message.emit(LOADING, 0)

    def load_remembered(self) -> None:
        """Load the model in use when the app last closed, else the shipped default."""
        saved = as_text(QSettings().value(SETTINGS_KEY))
        if not saved:
            self.load(default_model_path())
        elif not Path(saved).is_file():
            self._fall_back(saved, "is gone")
        else:
            self._remembered_broken = saved
            self.load(saved)

    def remember(self) -> None:
        """Write the model in use to the settings, for the next start."""
        if self._path:
            QSettings().setValue(SETTINGS_KEY, self._path)

    def shutdown(self) -> None:
        self._loader.shutdown()

    def _fall_back(self, broken: str, why: str) -> None:
        QSettings().remove(SETTINGS_KEY)
        self._remembered_broken = None
        default = default_model_path()
        self._notice = f"The model in use last time, {Path(broken).name}, {why}; using the shipped {default.stem}."
        self.load(default)

    @Slot(str, object)
    def _on_loaded(self, path: str, predictor) -> None:
        self._predictor, self._path, self._remembered_broken = predictor, path, None
        notice, self._notice = self._notice, ""
        if notice:
            self.message.emit(notice, 0)
        else:
            self.message.emit(f"Model {predictor.name} ready.", 5000)
        self.changed.emit(path)

    @Slot(str, str)
    def _on_failed(self, path: str, message: str) -> None:
        if path == self._remembered_broken:
            self._fall_back(path, f"no longer loads ({message.rstrip('.')})")
            return
        self.message.emit(message, 0)
        self.load_failed.emit(message)
