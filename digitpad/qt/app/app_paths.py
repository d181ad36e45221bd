"""The app's identity for QSettings and QStandardPaths, and the folders it writes to."""

from __future__ import annotations

import heapq
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from digitpad.core.atomic_files import is_temporary

ORGANIZATION = "DigitPad"
APPLICATION = "DigitPad"
RECENT_RUNS = 10  # the menus list this many of the person's runs; the Runs dock lists them all


def set_app_identity() -> None:
    """Name the app so that `QSettings()` and `QStandardPaths` use DigitPad's folders."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def app_data_dir() -> Path:
    """AppDataLocation: on Linux `$XDG_DATA_HOME/DigitPad/DigitPad` (organisation, then application)."""
    set_app_identity()
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def models_dir() -> Path:
    """The folder for models the person trains: AppDataLocation/models."""
    return app_data_dir() / "models"


def cache_dir() -> Path:
    """What can be made again but is kept to save time (the maps of the shipped models): AppDataLocation/cache."""
    return app_data_dir() / "cache"


def samples_dir() -> Path:
    """The folder of the person's labelled drawings: AppDataLocation/samples."""
    return app_data_dir() / "samples"


def session_trash_dir() -> Path:
    """This process's trash: deleted runs and samples wait there until the app closes.

    One per process, so that two windows open at once never purge each other's.
    """
    return app_data_dir() / "trash" / f"session-{os.getpid()}"


def remove_session_trash() -> None:
    """Remove this process's trash folder once the runs' and samples' trash in it are purged."""
    try:
        session_trash_dir().rmdir()  # only when empty: what is still in it is not ours to remove
    except OSError:
        pass


def trained_models() -> list[Path]:
    """Every `.keras` model in the models folder, by name."""
    folder = models_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.keras") if not is_temporary(p))



def recent_runs(count: int = RECENT_RUNS, folder: Path | None = None) -> list[Path]:
    """The `count` models saved last in the models folder (or `folder`), newest first (the menus list these)."""
    stamped = []
    try:
        for entry in os.scandir(folder or models_dir()):
            if entry.name.endswith(".keras") and not is_temporary(entry.path):
                try:
                    stamped.append((entry.stat().st_mtime_ns, entry.name, Path(entry.path)))
                except OSError:  # deleted meanwhile
                    continue
    except OSError:
        return []
    return [path for *_, path in heapq.nlargest(count, stamped)]


def unwritable_reason(folder: Path) -> str:
    """Why nothing can be saved in `folder`, as the system puts it; "" when it can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return error.strerror or str(error)
    return ""
