"""`python -m digitpad predict IMAGE...`: classify image files with the app's own preprocessing.

No Qt here: the command must work (and start fast) on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from digitpad.core.assets import default_model_path
from digitpad.core.preprocess import image_to_mnist


class ImageError(Exception):
    """One image could not be classified; the message says why in a few words."""


def run(argv: list[str]) -> int:
    """Print one line per image; 0 when all were classified, 1 if any failed, 2 for a bad model."""
    args = _parser().parse_args(argv)
    from digitpad.core.inference import ModelLoadError, Predictor  # the twin: no TensorFlow

    try:
        predictor = Predictor.load(args.model or default_model_path())
    except ModelLoadError as error:
        print(f"digitpad predict: {error}", file=sys.stderr)
        return 2
    failures = 0
    for path in args.images:
        try:
            print(_report(path, predictor.probabilities(read_digit(path)), args.json), flush=True)
        except ImageError as error:
            print(f"{path}: error: {error}", file=sys.stderr, flush=True)
            failures += 1
    return 1 if failures else 0


def read_digit(path: str) -> np.ndarray:
    """The 28x28 model input for an image file, read with Pillow; ImageError if there is none."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            pixels = np.asarray(image.convert("RGBA" if _has_alpha(image) else "L"))
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise ImageError(f"cannot read it as an image ({type(error).__name__})") from error
    digit = image_to_mnist(pixels)
    if digit is None:
        raise ImageError("no digit in it (the image is blank)")
    return digit


def _has_alpha(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _report(path: str, probabilities: np.ndarray, as_json: bool) -> str:
    digit = int(np.argmax(probabilities))
    if as_json:
        return json.dumps({"path": path, "digit": digit, "probabilities": [float(p) for p in probabilities]})
    return f"{path}: {digit} ({probabilities[digit]:.1%})"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digitpad predict", description="Classify images of digits.")
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="PNG, JPEG, ... files, either polarity")
    parser.add_argument("--json", action="store_true", help="JSON lines: path, digit, probabilities")
    parser.add_argument("--model", help=f"a .keras model (default: assets/{default_model_path().name})")
    return parser
