"""Samples in and out as files a person can open: one 28x28 PNG each plus a samples.csv. Pure: no Qt.

Importing is forgiving: a row that cannot be used is reported in one line and the others still load.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from digitpad.core.atomic_files import text_written_atomically
from digitpad.core.drawing.image_files import ImageFileError, read_image_file
from digitpad.core.samples.sample import MALFORMED, Sample, SampleError, Strokes, checked_strokes, make_sample
from digitpad.core.samples.sample_files import write_sample_file
from digitpad.core.samples.store import SampleStore

EXPORT_CSV = "samples.csv"
EXPORT_COLUMNS = ("file", "label", "strokes", "id", "created")
# The csv module refuses fields over 128 KiB, and a drawing's strokes pass that at about 2,800
# points (a slow pen on a tablet): what DigitPad exports, it must import again.
LARGEST_FIELD = 64 * 1024 * 1024


def export_samples(samples: Iterable[Sample], folder: str | os.PathLike) -> Path:
    """Write each sample as a 28x28 PNG plus one CSV (file, label, strokes, id, created); return the CSV.

    The CSV is written a row at a time beside its place, then moved there: a semester's 40 MB in one
    `writerows` held the interpreter for 150 ms (a stall of the window), and a half-written CSV is
    never left where an import would read it.
    """
    from PIL import Image

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / EXPORT_CSV
    with text_written_atomically(csv_path) as file:
        writer = csv.writer(file)
        writer.writerow(EXPORT_COLUMNS)
        for number, sample in enumerate(samples, start=1):
            name = f"{number:05d}-digit{sample.label}-{sample.id[:8]}.png"
            Image.fromarray(sample.pixels).save(folder / name)
            writer.writerow((name, sample.label, json.dumps(sample.strokes), sample.id, repr(sample.created)))
    return csv_path


def read_export(folder: str | os.PathLike) -> tuple[list[Sample], list[str]]:
    """The samples in an export folder, strokes and all, and one line per row that could not be used."""
    samples, problems = [], []
    for sample, problem in _samples_in(folder):
        if sample is None:
            problems.append(problem)
        else:
            samples.append(sample)
    return samples, problems


def import_samples(store: SampleStore, folder: str | os.PathLike) -> tuple[list[Sample], list[str]]:
    """Add an export folder's samples to the store; returns those added and the problems met.

    Samples already in the store (same id) are left alone, so importing twice adds nothing.
    """
    added, problems = import_files(store.folder, folder, store.ids())
    store.merge(added)
    return added, problems


def import_files(samples_folder: str | os.PathLike, folder: str | os.PathLike,
                 known: set[str]) -> tuple[list[Sample], list[str]]:
    """Write the export folder's samples whose ids are not `known` into the samples folder.

    Returns them, stored, and the problems met; the store takes them with `merge`. It touches no
    store, so a thread can import thousands while the window goes on. Each sample is written as
    it is read, its strokes then left in its file: holding a semester's strokes at once was
    millions of objects, and every collection of the garbage scanned them (100 ms stalls).
    """
    known, added, problems = set(known), [], []
    for sample, problem in _samples_in(folder):
        if sample is None:
            problems.append(problem)
        elif sample.id not in known:
            known.add(sample.id)
            added.append(write_sample_file(samples_folder, sample))
    return added, problems


def _samples_in(folder: str | os.PathLike) -> Iterator[tuple[Sample | None, str | None]]:
    """Each row of the export's CSV in turn: (its sample, None), or (None, the line that says why not).

    The CSV is read whole first (text only), so one that cannot be read is a SampleError before
    any sample is made.
    """
    folder = Path(folder)
    csv_path = folder / EXPORT_CSV
    csv.field_size_limit(max(csv.field_size_limit(), LARGEST_FIELD))
    try:
        # utf-8-sig: a spreadsheet saving "CSV UTF-8" puts a byte-order mark before the first column's name.
        with open(csv_path, newline="", encoding="utf-8-sig") as file:
            rows = list(csv.DictReader(file))
    except OSError as error:
        raise SampleError(f"{csv_path} cannot be read ({error.strerror or error}).") from error
    except UnicodeDecodeError:
        raise SampleError(f"{csv_path} is not UTF-8 text; save it as CSV UTF-8 and import it again.") from None
    except csv.Error as error:
        raise SampleError(f"{csv_path} cannot be read as CSV ({error}).") from None
    for line, row in enumerate(rows, start=2):
        try:
            yield _sample_from_row(folder, row), None
        except (OSError, *MALFORMED) as error:
            yield None, f"{csv_path.name} line {line}: {error}"


def _sample_from_row(folder: Path, row: dict) -> Sample:
    strokes = checked_strokes(json.loads(row.get("strokes") or "[]"))
    created = float(row["created"]) if row.get("created") else None
    image = _row_image(folder / _plain_name(row.get("file") or ""), strokes)
    return make_sample(strokes, image, row.get("label"), row.get("id") or None, created)


def _plain_name(name: str) -> str:
    """A file name inside the export folder; SampleError for a path that would lead out of it."""
    if name and (Path(name).name != name or name in (".", "..") or "\\" in name or ":" in name):
        raise SampleError(f"the file {name[:40]!r} is not a plain name in the export folder")
    return name


def _row_image(png_path: Path, strokes: Strokes) -> np.ndarray:
    """The PNG as is when it is a 28x28 model input; otherwise re-derived from the strokes or the picture."""
    from digitpad.core.drawing.preprocess import image_to_mnist, strokes_to_mnist

    picture = None
    if png_path.is_file():
        try:
            picture, _ = read_image_file(png_path)
        except ImageFileError as error:
            raise SampleError(f"{png_path.name}: {error}") from error
        if picture.shape == (28, 28) and picture.dtype == np.uint8:
            return picture
    image = strokes_to_mnist(strokes) if strokes else None
    if image is None and picture is not None:
        image = image_to_mnist(picture)
    if image is None:
        raise SampleError(f"{png_path.name} is missing or blank and the row has no strokes")
    return image
