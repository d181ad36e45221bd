"""`python -m digitpad predict --number IMAGE...`: read each image as a number written left to right.

The ink is split into digits (core/number_raster), each digit gets the single-digit
preprocessing, and all of them are read in one batched call (core/number_reading).
"""

from __future__ import annotations

import json

import numpy as np

from digitpad.core.number_raster import split_number_image
from digitpad.core.number_reading import NumberReading, read_images


def number_report(path: str, predictor, as_json: bool) -> str:
    """`path: 2026 (99.1% 97.0% 88.2% 99.9%)`, or a JSON object; ImageError when there is no digit."""
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
    """The number written in an image file; ImageError if the file is unreadable or has no digit."""
    from digitpad.cli.predict import ImageError  # predict imports this module

    pieces = split_number_image(_read_pixels(path, ImageError))
    reading = read_images([crop for crop, _ in pieces], predictor, [box for _, box in pieces])
    if not reading.digits:
        raise ImageError("no digit in it (the image is blank)")
    return reading


def _read_pixels(path: str, error_type) -> np.ndarray:
    """Grey pixels (RGBA where the file has transparency), read with Pillow; `error_type` if unreadable."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            return np.asarray(image.convert("RGBA" if transparent else "L"))
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise error_type(f"cannot read it as an image ({type(error).__name__})") from error
