"""Renaming and deleting a run as one unit (model, card, curve, twin), with deletions undoable. Pure: no Qt.

A deletion moves the run's files into a trash folder instead of removing them, so it can be
undone until the trash is purged (the app purges it when it closes).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from digitpad.core.runs.run_history import MODEL_SUFFIX, run_files

FORBIDDEN_CHARACTERS = set('/\\:*?"<>|')
# Another session's trash is purged when that session closes; one untouched this long was left
# by a session that crashed (a session still open a day after its last deletion loses its undo).
STALE_TRASH_S = 24 * 3600


class RunFileError(Exception):
    """A rename, delete or undo that cannot be done; the message is one sentence for the person."""


def checked_name(text: str) -> str:
    """The run name `text` asks for (a trailing `.keras` dropped); RunFileError says what is wrong with it."""
    name = text.strip()
    if name.endswith(MODEL_SUFFIX):
        name = name[: -len(MODEL_SUFFIX)].strip()
    if not name:
        raise RunFileError("A run needs a name.")
    if name.startswith(".") or FORBIDDEN_CHARACTERS & set(name) or any(ord(c) < 32 for c in name):
        raise RunFileError(f"{name!r} cannot be a file name; use letters, digits, spaces, dashes and dots.")
    if name.endswith(".partial"):
        raise RunFileError("Names ending in .partial are kept for saves in progress; choose another.")
    return name


def rename_run(model_path: Path, new_name: str) -> Path:
    """Give every file of the run the new name; return the new model path. All or nothing."""
    model_path = Path(model_path)
    name = checked_name(new_name)
    target = model_path.with_name(name + MODEL_SUFFIX)
    if target == model_path:
        return model_path
    if not model_path.exists():
        raise RunFileError(f"The run {model_path.stem} no longer exists.")
    moves = [(old, target.with_suffix(old.suffix)) for old in run_files(model_path) if old.exists()]
    if any(new.exists() for _, new in moves):
        raise RunFileError(f"A run named {name} already exists; choose another name.")
    _move_all(moves)
    return target


class RunTrash:
    """Deleted runs, kept in `folder` until `purge`; `undo` restores the last deletion."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._batches: list[tuple[Path, list[tuple[Path, Path]]]] = []  # (batch folder, (trashed, original))

    def delete(self, model_paths: list[Path]) -> None:
        """Move every file of these runs into the trash, as one deletion that one undo brings back."""
        files = [path for model in model_paths for path in run_files(Path(model)) if path.exists()]
        if not files:
            raise RunFileError("Those runs no longer exist.")
        batch = self._new_batch_folder()
        moves = [(path, batch / path.name) for path in files]
        _move_all(moves)
        self._batches.append((batch, [(trashed, original) for original, trashed in moves]))

    def can_undo(self) -> bool:
        return bool(self._batches)

    def undo(self) -> list[Path]:
        """Put the last deletion's files back; return the restored model paths."""
        if not self._batches:
            raise RunFileError("Nothing was deleted.")
        batch, moves = self._batches[-1]
        back = [original for _, original in moves if original.exists()]
        if back:
            raise RunFileError(f"{back[0].name} exists again; rename it before undoing the deletion.")
        _move_all(moves)
        self._batches.pop()
        shutil.rmtree(batch, ignore_errors=True)
        return [original for _, original in moves if original.suffix == MODEL_SUFFIX]

    def purge(self) -> None:
        """Remove the deleted runs for good; nothing can be undone after this."""
        self._batches.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _new_batch_folder(self) -> Path:
        number = len(self._batches) + 1
        while (self.folder / str(number)).exists():
            number += 1
        batch = self.folder / str(number)
        batch.mkdir(parents=True)
        return batch


def _move_all(moves: list[tuple[Path, Path]]) -> None:
    """Move each (source, target); if one fails, move the ones done back and raise RunFileError."""
    done = []
    try:
        for source, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)  # same file system: the trash is inside the app's data folder
            done.append((source, target))
    except OSError as error:
        for source, target in reversed(done):
            os.replace(target, source)
        raise RunFileError(f"Could not move {source.name} ({error.strerror or error}); nothing was changed.") from error


def purge_stale_trash(root: Path, own: Path, max_age_s: float = STALE_TRASH_S) -> None:
    """Remove other sessions' trash folders untouched for `max_age_s`: left by a session that crashed."""
    root, own = Path(root), Path(own)
    if not root.is_dir():
        return
    now = time.time()
    for folder in root.iterdir():
        try:
            stale = folder != own and folder.is_dir() and now - folder.stat().st_mtime > max_age_s
        except OSError:
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
