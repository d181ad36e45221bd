"""`python -m digitpad predict IMAGE...`: classify image files with the app's own preprocessing.

No Qt here: the command must work (and start fast) on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np

from digitpad.cli.predict_number import number_report
from digitpad.core.assets import default_model_path
from digitpad.core.drawing.image_files import ImageFileError
from digitpad.core.drawing.preprocess import digit_in_file


class ImageError(Exception):
    """One image could not be classified; the message says why in a few words."""


def run(argv: list[str]) -> int:
    """Print one line per image; 0 when all were classified, 1 if any failed, 2 for a bad model."""
    args = _parser().parse_args(argv)
    from digitpad.core.inference.loading import load_predictor
    from digitpad.core.inference.predictor import ModelLoadError  # the twin: no TensorFlow

    try:
        predictor = load_predictor(args.model or default_model_path())
    except ModelLoadError as error:
        print(f"digitpad predict: {error}", file=sys.stderr)
        return 2
    failures = 0
    for path in image_paths(args.images):
        if os.path.isdir(path):
            print(f"{path}: error: there are no image files in this folder", file=sys.stderr, flush=True)
            failures += 1
            continue
        try:
            if args.number:
                print(number_report(path, predictor, args.json), flush=True)
                continue
            digit, notes = read_digit_and_notes(path)
            for note in notes:
                print(f"{path}: note: {note}", file=sys.stderr, flush=True)
            print(_report(path, predictor.probabilities(digit), args.json), flush=True)
        except (ImageError, ImageFileError) as error:
            print(f"{path}: error: {error}", file=sys.stderr, flush=True)
            failures += 1
    return 1 if failures else 0


def image_paths(arguments: list[str]) -> list[str]:
    """The paths to read: each argument, a folder standing for the image files in it, by name.

    A folder without any stands for itself, and is reported as such.
    """
    from PIL import Image

    kinds = set(Image.registered_extensions())
    paths = []
    for argument in arguments:
        inside = sorted(os.path.join(argument, name) for name in _names_in(argument)
                        if os.path.splitext(name)[1].lower() in kinds)
        paths += inside or [argument]
    return paths


def _names_in(path: str) -> list[str]:
    try:
        return os.listdir(path) if os.path.isdir(path) else []
    except OSError:  # unreadable: reading it as a file says why
        return []


def read_digit(path: str) -> np.ndarray:
    """The 28x28 model input for an image file; ImageError if there is none."""
    digit, _ = read_digit_and_notes(path)
    return digit


def read_digit_and_notes(path: str) -> tuple[np.ndarray, list[str]]:
    """The 28x28 model input and what to say about the file once (e.g. "it has 5 frames")."""
    try:
        digit, notes = digit_in_file(path)
    except ImageFileError as error:
        raise ImageError(str(error)) from error
    if digit is None:
        raise ImageError("no digit in it (the image is blank)")
    return digit, notes


def _report(path: str, probabilities: np.ndarray, as_json: bool) -> str:
    digit = int(np.argmax(probabilities))
    if as_json:
        return json.dumps({"path": path, "digit": digit, "probabilities": [float(p) for p in probabilities]})
    return f"{path}: {digit} ({probabilities[digit]:.1%})"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digitpad predict", description="Classify images of digits.")
    parser.add_argument("images", nargs="+", metavar="IMAGE",
                        help="PNG, JPEG, ... files, either polarity, or folders of them")
    parser.add_argument("--json", action="store_true", help="JSON lines: path, digit, probabilities")
    parser.add_argument("--number", action="store_true", help="each image is a number: read it digit by digit")
    parser.add_argument("--model", help=f"a .keras model (default: assets/{default_model_path().name})")
    return parser
