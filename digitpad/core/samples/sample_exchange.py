"""Samples in and out as files a person can open: one 28x28 PNG each plus a samples.csv. Pure: no Qt.

Importing is forgiving: a row that cannot be used is reported in one line and the others still load.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from digitpad.core.drawing.image_files import ImageFileError, read_image_file
from digitpad.core.samples.sample import MALFORMED, Sample, SampleError, Strokes, checked_strokes, make_sample
from digitpad.core.samples.store import SampleStore

EXPORT_CSV = "samples.csv"
EXPORT_COLUMNS = ("file", "label", "strokes", "id", "created")
# The csv module refuses fields over 128 KiB, and a drawing's strokes pass that at about 2,800
# points (a slow pen on a tablet): what DigitPad exports, it must import again.
LARGEST_FIELD = 64 * 1024 * 1024


def export_samples(samples: Iterable[Sample], folder: str | os.PathLike) -> Path:
    """Write each sample as a 28x28 PNG plus one CSV (file, label, strokes, id, created); return the CSV."""
    from PIL import Image

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for number, sample in enumerate(samples, start=1):
        name = f"{number:05d}-digit{sample.label}-{sample.id[:8]}.png"
        Image.fromarray(sample.pixels).save(folder / name)
        rows.append((name, sample.label, json.dumps(sample.strokes), sample.id, repr(sample.created)))
    csv_path = folder / EXPORT_CSV
    with open(csv_path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(rows)
    return csv_path


def read_export(folder: str | os.PathLike) -> tuple[list[Sample], list[str]]:
    """The samples in an export folder, and one line per row that could not be used."""
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
    samples, problems = [], []
    for line, row in enumerate(rows, start=2):
        try:
            samples.append(_sample_from_row(folder, row))
        except (OSError, *MALFORMED) as error:
            problems.append(f"{csv_path.name} line {line}: {error}")
    return samples, problems


def import_samples(store: SampleStore, folder: str | os.PathLike) -> tuple[list[Sample], list[str]]:
    """Add an export folder's samples to the store; returns those added and the problems met.

    Samples already in the store (same id) are left alone, so importing twice adds nothing.
    """
    samples, problems = read_export(folder)
    added = [sample for sample in samples if store.add_sample(sample)]
    return added, problems


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
