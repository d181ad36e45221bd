"""Deleting files so that the deletion can be undone: they move into a trash folder. Pure: no Qt.

Each deletion is one batch, moved all or nothing; `undo` puts the last batch back. The trash is
purged when the app closes, so what was deleted is gone for good only then. Runs (a model with
its card, curve and twin) and samples (a JSON file each) are deleted through it.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

# Another session's trash is purged when that session closes; one untouched this long was left
# by a session that crashed (a session still open a day after its last deletion loses its undo).
STALE_TRASH_S = 24 * 3600


class FileMoveError(Exception):
    """A move, deletion or undo that cannot be done; the message is one sentence for the person."""


class FileTrash:
    """Deleted files, kept in `folder` until `purge`; `undo` restores the last deletion."""

    error = FileMoveError  # what its failures raise (a subclass names the kind of thing deleted)

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._batches: list[tuple[Path, list[tuple[Path, Path]]]] = []  # (batch folder, (trashed, original))

    def delete_files(self, files: list[Path], none_left: str = "Those files no longer exist.") -> None:
        """Move the files that still exist into the trash, as one deletion that one undo brings back."""
        files = [Path(path) for path in files if Path(path).exists()]
        if not files:
            raise self.error(none_left)
        batch = self._new_batch_folder()
        moves = [(path, batch / path.name) for path in files]
        move_all(moves, self.error)
        self._batches.append((batch, [(trashed, original) for original, trashed in moves]))

    def can_undo(self) -> bool:
        return bool(self._batches)

    def undo_files(self) -> list[Path]:
        """Put the last deletion's files back where they were; return their paths."""
        if not self._batches:
            raise self.error("Nothing was deleted.")
        batch, moves = self._batches[-1]
        back = [original for _, original in moves if original.exists()]
        if back:
            raise self.error(f"{back[0].name} exists again; rename it before undoing the deletion.")
        move_all(moves, self.error)
        self._batches.pop()
        shutil.rmtree(batch, ignore_errors=True)
        return [original for _, original in moves]

    def purge(self) -> None:
        """Remove the deleted files for good; nothing can be undone after this."""
        self._batches.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _new_batch_folder(self) -> Path:
        number = len(self._batches) + 1
        while (self.folder / str(number)).exists():
            number += 1
        batch = self.folder / str(number)
        batch.mkdir(parents=True)
        return batch


def move_all(moves: list[tuple[Path, Path]], error: type[Exception] = FileMoveError) -> None:
    """Move each (source, target); if one fails, move the ones done back and raise `error`."""
    done = []
    try:
        for source, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)  # same file system: the trash is inside the app's data folder
            done.append((source, target))
    except OSError as failure:
        for source, target in reversed(done):
            os.replace(target, source)
        raise error(f"Could not move {source.name} ({failure.strerror or failure}); nothing was changed.") from failure


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
