"""The person's own labelled drawings: a folder of small JSON files, one per sample. Pure: no Qt.

Each sample is written once, atomically, and never rewritten, so a crash or a full disk can
only lose the sample being written, never one saved before. A file that cannot be read is
skipped with a warning and listed in `SampleStore.skipped`; it never stops the others loading.

`SampleStore(folder)` reads every file at once. The window builds it with `load=False` and
hands it the files a thread read (`merge`), so start-up never waits for thousands of them;
filing, deleting and counting work the same before, while and after that.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from digitpad.core.drawing.pixels import to_float
from digitpad.core.samples.sample import (  # noqa: F401 - re-exported: the store's names since format version 1
    FORMAT,
    LATEST_DATE,
    VERSION,
    Sample,
    SampleError,
    Strokes,
    checked_id,
    checked_strokes,
    make_sample,
    stored_at,
    to_pixels,
)
from digitpad.core.samples.sample_files import read_sample_files, sample_file_names, write_sample_file

log = logging.getLogger(__name__)


class SampleStore:
    """The samples in one folder; `add` writes through, `merge` takes files read elsewhere, `forget` neither."""

    def __init__(self, folder: str | os.PathLike, load: bool = True):
        self.folder = Path(folder)
        self.skipped: list[Path] = []
        self.loaded = False  # every file the folder had when loading began has been read
        self._samples: dict[str, Sample] = {}
        self._by_file: dict[str, str] = {}  # file name -> id, for the files read or written here
        self._copies: set[str] = set()  # files holding a sample already read from another file
        self._counts = [0] * 10
        if load:
            self.reload()

    def reload(self) -> None:
        """Read the folder again, skipping (with a warning) files that cannot be read."""
        self._samples.clear()
        self._by_file.clear()
        self._copies.clear()
        self._counts = [0] * 10
        self.skipped = []
        self.merge(*read_sample_files(self.folder, sample_file_names(self.folder)))
        self.loaded = True

    def merge(self, samples: Iterable[Sample], problems: Iterable[tuple[Path, str]] = ()) -> int:
        """Take samples read from its files (unless here already), report the unreadable; how many were new."""
        added = 0
        for sample in samples:
            if sample.id not in self._samples:
                self._keep(sample)
                added += 1
            elif sample.file is not None and os.path.basename(sample.file) not in self._by_file:
                # A second file holding it. Its own file, which the loader may read while an import writes it, is none.
                self._copies.add(os.path.basename(sample.file))
        for path, message in problems:
            self._skip(path, message)
        return added

    def unknown_files(self, names: Iterable[str]) -> list[str]:
        """The file names neither read, written nor skipped here."""
        known = self._copies | {path.name for path in self.skipped}
        return [name for name in names if name not in self._by_file and name not in known]

    def forget_missing(self, names: Iterable[str]) -> int:
        """Drop the samples whose files are not among `names` and are gone (another window deleted them); how many."""
        present = set(names)
        # A file written here after `names` was listed is not among them, but still there.
        gone = [name for name in self._by_file if name not in present and not (self.folder / name).exists()]
        for name in gone:
            self._drop(self._by_file[name])
        return len(gone)

    def add(self, strokes, image28, label: int) -> Sample:
        """File a drawing under its true digit and write it to disk before returning it."""
        return self._write(make_sample(strokes, image28, label))

    def forget(self, sample_id: str) -> Sample | None:
        """Take a sample out of memory and leave its file alone (a trash has moved it); the sample."""
        return self._drop(sample_id)

    def samples(self, label: int | None = None) -> list[Sample]:
        """All samples (or one digit's), oldest first."""
        chosen = [s for s in self._samples.values() if label is None or s.label == label]
        return sorted(chosen, key=lambda s: (s.created, s.id))

    def get(self, sample_id: str) -> Sample | None:
        return self._samples.get(sample_id)

    def ids(self) -> set[str]:
        """The ids of the samples held now (a copy: a thread may check against it)."""
        return set(self._samples)

    def counts(self) -> list[int]:
        """How many samples each digit 0-9 has."""
        return list(self._counts)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Images (N, 28, 28) float32 in [0, 1] and labels (N,) int64, oldest first."""
        return sample_arrays(self.samples())

    def pixel_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Pixels (N, 28, 28) uint8 and labels (N,) int64, oldest first: a quarter of `arrays`' memory."""
        samples = self.samples()
        if not samples:
            return np.zeros((0, 28, 28), np.uint8), np.zeros((0,), np.int64)
        return np.stack([s.pixels for s in samples]), np.array([s.label for s in samples], np.int64)

    def __len__(self) -> int:
        return len(self._samples)

    def __iter__(self) -> Iterator[Sample]:
        """Every sample, in no particular order (`samples()` sorts)."""
        return iter(list(self._samples.values()))

    def _write(self, sample: Sample) -> Sample:
        return self._keep(write_sample_file(self.folder, sample))

    def _keep(self, sample: Sample) -> Sample:
        self._samples[sample.id] = sample
        self._by_file[os.path.basename(sample.file)] = sample.id
        self._counts[sample.label] += 1
        return sample

    def _drop(self, sample_id: str) -> Sample | None:
        sample = self._samples.pop(sample_id, None)
        if sample is not None:
            self._by_file.pop(os.path.basename(sample.file), None)
            self._counts[sample.label] -= 1
        return sample

    def _skip(self, path: Path, error) -> None:
        message = f"Skipped the unreadable sample file {path.name}: {error}"
        log.warning(message)
        warnings.warn(message, stacklevel=3)
        self.skipped.append(path)


def sample_arrays(samples: Sequence[Sample]) -> tuple[np.ndarray, np.ndarray]:
    """Stack samples into images (N, 28, 28) float32 in [0, 1] and labels (N,) int64."""
    if not samples:
        return np.zeros((0, 28, 28), np.float32), np.zeros((0,), np.int64)
    images = to_float(np.stack([s.pixels for s in samples]))
    return images, np.array([s.label for s in samples], np.int64)
