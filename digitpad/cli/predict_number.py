"""`python -m digitpad predict --number IMAGE...`: read each image as a number written left to right.

The ink is split into digits (core/number_raster), each digit gets the single-digit
preprocessing, and all of them are read in one batched call (core/number_reading).
"""

from __future__ import annotations

import json

from digitpad.core.drawing.image_files import ImageFileError, read_image_file
from digitpad.core.numbers.number_raster import split_number_image
from digitpad.core.numbers.number_reading import NumberReading, read_images


def number_report(path: str, predictor, as_json: bool) -> str:
    """`path: 2026 (99.1% 97.0% 88.2% 99.9%)`, or a JSON object; ImageFileError when there is no digit."""
    reading = read_number_file(path, predictor)
    if as_json:
        return json.dumps(
            {
                "path": path,
                "number": reading.text,
                "digits": [d.digit for d in reading.digits],
                "probabilities": [[float(p) for p in d.probabilities] for d in reading.digits],
            }
        )
    confidences = " ".join(f"{d.confidence:.1%}" for d in reading.digits)
    return f"{path}: {reading.text} ({confidences})"


def read_number_file(path: str, predictor) -> NumberReading:
    """The number written in an image file; ImageFileError if the file is unreadable or has no digit."""
    pixels, _ = read_image_file(path)  # the same hostile-file checks as a single digit
    pieces = split_number_image(pixels)
    reading = read_images([crop for crop, _ in pieces], predictor, [box for _, box in pieces])
    if not reading.digits:
        raise ImageFileError("no digit in it (the image is blank)")
    return reading

