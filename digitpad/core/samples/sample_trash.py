"""Deleted samples, brought back by Undo delete until the app closes. Pure: no Qt.

A deletion moves the samples' files into a trash folder (`core/file_trash.py`) and keeps the
samples themselves, so an undo puts the files back and the samples into the store as they were,
without reading a semester's files again.
"""

from __future__ import annotations

import os
from pathlib import Path

from digitpad.core.file_trash import FileTrash
from digitpad.core.samples.sample import Sample
from digitpad.core.samples.store import SampleStore


class SampleTrash:
    """Undoable deletions from a SampleStore; FileMoveError (nothing changed) when a file cannot move."""

    def __init__(self, folder: str | os.PathLike):
        self.files = FileTrash(folder)
        self._batches: list[list[Sample]] = []  # the samples of each deletion, in step with the files' batches

    def delete(self, store: SampleStore, sample_ids: list[str]) -> int:
        """Move these samples' files into the trash and take them out of the store; how many went."""
        samples = [sample for sample in map(store.get, sample_ids) if sample is not None]
        # A sample whose file another window deleted meanwhile is forgotten, and not brought back.
        kept = [sample for sample in samples if sample.file is not None and Path(sample.file).exists()]
        if kept:
            self.files.delete_files([Path(sample.file) for sample in kept])
            self._batches.append(kept)
        for sample in samples:
            store.forget(sample.id)
        return len(samples)

    def can_undo(self) -> bool:
        return bool(self._batches)

    def undo(self, store: SampleStore) -> int:
        """Put the last deletion's files back and its samples into the store; how many came back."""
        self.files.undo_files()
        return store.merge(self._batches.pop())

    def purge(self) -> None:
        """Remove the deleted samples for good."""
        self._batches.clear()
        self.files.purge()
