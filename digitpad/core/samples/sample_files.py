"""A samples folder's files: read a few at a time (a thread hands them on in chunks), written one by one. Pure: no Qt.

Every sample is its own file named by its uuid, written once and atomically, so two windows
filing into one folder never write the same file; a window learns what another wrote by
listing the folder again and reading only the names it does not know.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.samples.sample import MALFORMED, Sample, checked_id, stored_at

SUFFIX = ".json"


def sample_file_names(folder: str | os.PathLike) -> list[str]:
    """The sample files' names in the folder, sorted ([] when there is no folder yet)."""
    try:
        with os.scandir(folder) as entries:
            # Atomic writes leave ".sample-<id>.json.<pid>.tmp" until their rename: not a sample yet.
            return sorted(e.name for e in entries if e.name.endswith(SUFFIX) and not e.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return []


def read_sample_files(folder: str | os.PathLike, names) -> tuple[list[Sample], list[tuple[Path, str]]]:
    """The samples in the named files, and (path, why) for each file that cannot be used.

    A file deleted since it was listed (by another window) is neither: it is simply gone.
    """
    samples, problems = [], []
    for name in names:
        path = Path(folder) / name
        try:
            samples.append(read_sample_file(path))
        except FileNotFoundError:
            continue
        except (OSError, *MALFORMED) as error:  # SampleError and JSONDecodeError are ValueErrors
            problems.append((path, str(error)))
    return samples, problems


def read_sample_file(path: Path) -> Sample:
    """One sample file as a Sample whose strokes stay on disk."""
    return Sample.from_json(json.loads(path.read_bytes()), file=str(path))


def write_sample_file(folder: str | os.PathLike, sample: Sample) -> Sample:
    """Write the sample's file into the folder, atomically; the same sample, its strokes left in the file."""
    path = Path(folder) / f"sample-{checked_id(sample.id)}{SUFFIX}"
    write_bytes_atomically(path, json.dumps(sample.to_json()).encode())
    return stored_at(sample, str(path))
