"""Renaming and deleting a run as one unit (model, card, curve, twin), with deletions undoable. Pure: no Qt.

A deletion moves the run's files into the session's trash (`core/file_trash.py`) instead of
removing them, so it can be undone until the trash is purged (the app purges it when it closes).
"""

from __future__ import annotations

from pathlib import Path

from digitpad.core.file_trash import FileMoveError, FileTrash, move_all
from digitpad.core.runs.run_history import MODEL_SUFFIX, run_files

FORBIDDEN_CHARACTERS = set('/\\:*?"<>|')


class RunFileError(FileMoveError):
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
    move_all(moves, RunFileError)
    return target


class RunTrash(FileTrash):
    """Deleted runs, kept in `folder` until `purge`; `undo` restores the last deletion."""

    error = RunFileError

    def delete(self, model_paths: list[Path]) -> None:
        """Move every file of these runs into the trash, as one deletion that one undo brings back."""
        files = [path for model in model_paths for path in run_files(Path(model))]
        self.delete_files(files, none_left="Those runs no longer exist.")

    def undo(self) -> list[Path]:
        """Put the last deletion's files back; return the restored model paths."""
        return [path for path in self.undo_files() if path.suffix == MODEL_SUFFIX]
