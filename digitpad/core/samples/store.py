"""The person's own labelled drawings: a folder of small JSON files, one per sample. Pure: no Qt.

Each sample is written once, atomically, and never rewritten, so a crash or a full disk can
only lose the sample being written, never one saved before. A file that cannot be read is
skipped with a warning and listed in `SampleStore.skipped`; it never stops the others loading.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import time
import uuid
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.drawing.pixels import to_float, to_uint8

FORMAT = "digitpad-sample"
VERSION = 1

# 3000-01-01 in seconds since the epoch: later than any drawing, early enough for every calendar.
LATEST_DATE = 32_503_680_000.0

log = logging.getLogger(__name__)

# The only ids DigitPad makes (uuid4().hex). An id becomes part of a file name, so one from an
# imported CSV such as "x/../../.config/foo" must never get that far.
SAMPLE_ID = re.compile(r"[0-9a-f]{32}")

Strokes = list[list[tuple[float, ...]]]


class SampleError(ValueError):
    """A sample file or an export row is unusable; the message says why in one sentence."""


@dataclass(frozen=True, eq=False)
class Sample:
    """One labelled drawing: its vector strokes, its 28x28 model input and its true digit."""

    id: str
    label: int
    strokes: Strokes
    pixels: np.ndarray  # (28, 28) uint8, white ink on black, as MNIST stores it
    created: float  # seconds since the epoch

    @property
    def image(self) -> np.ndarray:
        """The (28, 28) float32 model input in [0, 1]."""
        return to_float(self.pixels)

    def to_json(self) -> dict:
        """The sample as stored on disk."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "label": self.label,
            "created": self.created,
            "strokes": self.strokes,
            "image": base64.b64encode(self.pixels.tobytes()).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: dict) -> Sample:
        """Parse and check a stored sample; SampleError if anything is off."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SampleError("it is not a DigitPad sample")
        try:
            pixels = np.frombuffer(base64.b64decode(data["image"], validate=True), np.uint8)
            image, created = pixels.reshape(28, 28), float(data["created"])
            return make_sample(data["strokes"], image, data["label"], str(data["id"]), created)
        except (KeyError, TypeError, ValueError) as error:
            raise SampleError(f"it has a missing or malformed field ({error})") from error


def make_sample(strokes, image, label, sample_id: str | None = None, created: float | None = None) -> Sample:
    """A checked Sample; `image` is 28x28, float in [0, 1] or uint8."""
    label = _checked_label(label)
    return Sample(
        id=uuid.uuid4().hex if sample_id is None else checked_id(sample_id),
        label=label,
        strokes=checked_strokes(strokes),
        pixels=to_pixels(image),
        created=time.time() if created is None else _checked_created(created),
    )


def to_pixels(image) -> np.ndarray:
    """A 28x28 image as uint8 pixels: floats in [0, 1] are scaled by 255 and rounded."""
    image = np.asarray(image)
    if image.size != 784:
        raise SampleError(f"the image has {image.size} pixels, not 28x28")
    image = image.reshape(28, 28)
    if image.dtype != np.uint8 and not np.all(np.isfinite(image)):
        raise SampleError("the image has non-finite pixels")
    return to_uint8(image).copy()


class SampleStore:
    """The samples in one folder, loaded at construction; `add` and `delete` write through."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.skipped: list[Path] = []
        self._samples: dict[str, Sample] = {}
        self._files: dict[str, Path] = {}  # the file each sample was read from or written to
        self.reload()

    def reload(self) -> None:
        """Read the folder again, skipping (with a warning) files that cannot be read."""
        self._samples.clear()
        self._files.clear()
        self.skipped = []
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.json")):
            try:
                sample = Sample.from_json(json.loads(path.read_bytes()))
            except (OSError, ValueError) as error:  # SampleError and JSONDecodeError are ValueErrors
                self._skip(path, error)
                continue
            self._samples[sample.id] = sample
            self._files[sample.id] = path

    def add(self, strokes, image28, label: int) -> Sample:
        """File a drawing under its true digit and write it to disk before returning it."""
        sample = make_sample(strokes, image28, label)
        self._write(sample)
        return sample

    def add_sample(self, sample: Sample) -> bool:
        """Store an existing sample (e.g. imported); False if one with its id is already here."""
        if sample.id in self._samples:
            return False
        self._write(sample)
        return True

    def delete(self, sample_id: str) -> None:
        """Remove a sample from memory and disk: the file it came from, whatever its id says."""
        self._samples.pop(sample_id, None)
        path = self._files.pop(sample_id, None)
        if path is not None:
            path.unlink(missing_ok=True)

    def samples(self, label: int | None = None) -> list[Sample]:
        """All samples (or one digit's), oldest first."""
        chosen = [s for s in self._samples.values() if label is None or s.label == label]
        return sorted(chosen, key=lambda s: (s.created, s.id))

    def get(self, sample_id: str) -> Sample | None:
        return self._samples.get(sample_id)

    def counts(self) -> list[int]:
        """How many samples each digit 0-9 has."""
        counts = [0] * 10
        for sample in self._samples.values():
            counts[sample.label] += 1
        return counts

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Images (N, 28, 28) float32 in [0, 1] and labels (N,) int64, oldest first."""
        return sample_arrays(self.samples())

    def __len__(self) -> int:
        return len(self._samples)

    def _write(self, sample: Sample) -> None:
        path = self.folder / f"sample-{checked_id(sample.id)}.json"
        write_bytes_atomically(path, json.dumps(sample.to_json()).encode())
        self._samples[sample.id] = sample
        self._files[sample.id] = path

    def _skip(self, path: Path, error: Exception) -> None:
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


def checked_id(sample_id) -> str:
    """The id as DigitPad makes them (32 lowercase hex digits); SampleError for anything else."""
    if not isinstance(sample_id, str) or not SAMPLE_ID.fullmatch(sample_id):
        raise SampleError(f"the id {str(sample_id)[:40]!r} is not one DigitPad makes (32 hex digits)")
    return sample_id


def _checked_created(created) -> float:
    """Seconds since the epoch that a calendar can show: finite, from 1970 to the year 3000."""
    created = float(created)
    if not 0.0 <= created <= LATEST_DATE:  # also false for NaN
        raise SampleError(f"the date {created!r} is not a real moment")
    return created


def _checked_label(label) -> int:
    text = str(label).strip()
    integral = isinstance(label, (int, np.integer)) and not isinstance(label, bool)
    if not (integral or text.isdigit()) or not 0 <= int(text) <= 9:
        raise SampleError(f"the label {label!r} is not a digit 0-9")
    return int(text)


def checked_strokes(strokes) -> Strokes:
    """Plain lists of (x, y) or (x, y, pressure) float tuples, so JSON round-trips them exactly."""
    checked = []
    for stroke in strokes:
        points = []
        for point in stroke:
            values = tuple(float(v) for v in point)
            if len(values) not in (2, 3) or not all(np.isfinite(values)):
                raise SampleError(f"the point {point!r} is not (x, y) or (x, y, pressure)")
            points.append(values)
        checked.append(points)
    return checked
