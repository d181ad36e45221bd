"""One labelled drawing, as kept in memory and in its JSON file (format version 1). Pure: no Qt.

A sample read from its file keeps its 28x28 pixels in memory but not its strokes: they are most
of the file (tens of kilobytes of tuples in memory each), needed only to redraw or export one,
so `strokes` reads them from the file again when asked.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import re
import time
import uuid
from dataclasses import dataclass

import numpy as np

from digitpad.core.drawing.pixels import to_float, to_uint8

FORMAT = "digitpad-sample"
VERSION = 1

# 3000-01-01 in seconds since the epoch: later than any drawing, early enough for every calendar.
LATEST_DATE = 32_503_680_000.0

# The only ids DigitPad makes (uuid4().hex). An id becomes part of a file name, so one from an
# imported CSV such as "x/../../.config/foo" must never get that far.
SAMPLE_ID = re.compile(r"[0-9a-f]{32}")

Strokes = list[list[tuple[float, ...]]]

log = logging.getLogger(__name__)


class SampleError(ValueError):
    """A sample file or an export row is unusable; the message says why in one sentence."""


# What a hand-edited or hostile file raises on its way in. JSON allows integers of any length,
# and float() of one past 1e308 raises OverflowError, which is no ValueError; lists nested
# thousands deep raise RecursionError as they are parsed.
MALFORMED = (KeyError, TypeError, ValueError, OverflowError, RecursionError)


@dataclass(frozen=True, eq=False, slots=True)
class Sample:
    """One labelled drawing: its 28x28 model input, its true digit, and its vector strokes."""

    id: str
    label: int
    pixels: np.ndarray  # (28, 28) uint8, white ink on black, as MNIST stores it
    created: float  # seconds since the epoch
    file: str | None = None  # the file it is stored in, where its strokes are read from
    drawn: Strokes | None = None  # the strokes when held in memory (a sample not stored yet)

    @property
    def strokes(self) -> Strokes:
        """The vector strokes: from memory, else read again from the file ([] if it is gone)."""
        if self.drawn is not None or self.file is None:
            return self.drawn or []
        try:
            return read_strokes(self.file)
        except (OSError, *MALFORMED) as error:  # another window deleted it, or someone edited it
            log.warning("The strokes of %s could not be read again: %s", self.file, error)
            return []

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
    def from_json(cls, data: dict, file: str | None = None) -> Sample:
        """Parse and check a stored sample; SampleError if anything is off.

        With `file`, the strokes are checked but left there (see the module's docstring).
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SampleError("it is not a DigitPad sample")
        try:
            pixels = np.frombuffer(base64.b64decode(data["image"], validate=True), np.uint8)
            image, created, strokes = pixels.reshape(28, 28), float(data["created"]), data["strokes"]
            if file is not None:
                check_strokes(strokes)  # now, so a bad file is reported at once; they stay in the file
                strokes = []
            sample = make_sample(strokes, image, data["label"], str(data["id"]), created)
        except MALFORMED as error:
            raise SampleError(f"it has a missing or malformed field ({error})") from error
        return sample if file is None else stored_at(sample, file)


def stored_at(sample: Sample, file: str) -> Sample:
    """The same sample, its strokes left in `file` instead of memory."""
    return Sample(sample.id, sample.label, sample.pixels, sample.created, file=file)


def read_strokes(path: str) -> Strokes:
    """The checked strokes of one sample file."""
    with open(path, "rb") as file:
        return checked_strokes(json.loads(file.read())["strokes"])


def make_sample(strokes, image, label, sample_id: str | None = None, created: float | None = None) -> Sample:
    """A checked Sample held in memory; `image` is 28x28, float in [0, 1] or uint8."""
    label = _checked_label(label)
    return Sample(
        id=uuid.uuid4().hex if sample_id is None else checked_id(sample_id),
        label=label,
        drawn=checked_strokes(strokes),
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
            # math.isfinite, not numpy's: this runs for every point of 20,000 files at start-up.
            if len(values) not in (2, 3) or not all(map(math.isfinite, values)):
                raise SampleError(f"the point {point!r} is not (x, y) or (x, y, pressure)")
            points.append(values)
        checked.append(points)
    return checked


def check_strokes(strokes) -> None:
    """Raise unless every point is (x, y) or (x, y, pressure) of finite numbers; nothing is kept.

    Loading a folder checks every point of every file (20,000 files at start-up), so each stroke
    goes to numpy whole; only a stroke numpy cannot take as one table of finite numbers (points of
    both lengths, or a bad point) is checked point by point, and a bad point is named.
    """
    for stroke in strokes:
        try:
            points = np.asarray(stroke, dtype=np.float64)
            empty = points.shape == (0,)
            plain = empty or (points.ndim == 2 and points.shape[1] in (2, 3) and bool(np.isfinite(points).all()))
        except MALFORMED:
            plain = False
        if not plain:
            checked_strokes([stroke])
