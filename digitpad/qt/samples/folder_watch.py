"""A folder watched for files another process adds or removes, its bursts of changes merged into one signal."""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

# Filing writes a temporary file, then renames it: two changes. An import writes hundreds.
SETTLE_MS = 400


class FolderWatch(QObject):
    """Emits `changed` once a burst of changes in the folder has settled for SETTLE_MS."""

    changed = Signal()

    def __init__(self, folder: str | os.PathLike, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = os.fspath(folder)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_directory_changed)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.changed)
        self.watch()

    def watch(self) -> bool:
        """Watch the folder, or its parent until a first sample creates it; whether the folder is watched."""
        watched = self._watcher.directories()
        if self.folder not in watched and os.path.isdir(self.folder):
            if watched:  # the parent, watched until the folder appeared
                self._watcher.removePaths(watched)
            self._watcher.addPath(self.folder)
        elif not watched and os.path.isdir(os.path.dirname(self.folder)):
            self._watcher.addPath(os.path.dirname(self.folder))
        return self.folder in self._watcher.directories()

    @Slot(str)
    def _on_directory_changed(self, _path: str) -> None:
        self.watch()
        self._settle.start()  # restarts: one signal per burst
