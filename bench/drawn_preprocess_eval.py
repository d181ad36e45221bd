"""Score the shipped models on people's pen-stroke digits through `strokes_to_mnist` alone.

Each of the 1,200 digits in ../shared/drawn-dev/strokes.jsonl is fitted to a random 35%-85% of
a 280 px canvas at a random position (fixed seed), as people draw, and turned into the model's
input by `strokes_to_mnist`. An evaluation set: never tune preprocessing constants on it.
Run: .venv/bin/python bench/drawn_preprocess_eval.py [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from digitpad.preprocess import strokes_to_mnist  # noqa: E402

DRAWN_DEV = ROOT.parent / "shared" / "drawn-dev" / "strokes.jsonl"
CANVAS = 280.0
MIN_EXTENT = 0.04 * CANVAS  # what the canvas passes


def load_digits(path=DRAWN_DEV):
    """(label, strokes) pairs, strokes as lists of (N, 2) float arrays."""
    with open(path) as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [(r["label"], [np.asarray(s, float).reshape(-1, 2) for s in r["strokes"]]) for r in records]


def place_on_canvas(strokes, rng):
    """The strokes fitted to a random 35%-85% of the canvas at a random position inside it."""
    points = np.concatenate(strokes)
    low = points.min(axis=0)
    extent = max(float((points.max(axis=0) - low).max()), 1e-9)
    size = rng.uniform(0.35, 0.85) * CANVAS
    scale = size / extent
    span = (points.max(axis=0) - low) * scale
    corner = rng.uniform(0, 1, 2) * (CANVAS - span)
    return [((s - low) * scale + corner).tolist() for s in strokes]


def model_paths():
    """The shipped models that exist: mlp always, cnn once it has been trained."""
    return [p for p in (ROOT / "assets" / "mlp.keras", ROOT / "assets" / "cnn.keras") if p.is_file()]


def report(name, labels, predicted):
    """Print accuracy per digit and overall."""
    per_digit = "  ".join(f"{d}:{(predicted[labels == d] == d).mean():.0%}" for d in range(10))
    print(f"{name:>5}: {(predicted == labels).mean():.2%} overall   {per_digit}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from digitpad.predictor import Predictor

    rng = np.random.default_rng(args.seed)
    digits = load_digits()
    images = [strokes_to_mnist(place_on_canvas(strokes, rng), min_extent=MIN_EXTENT) for _, strokes in digits]
    labels = np.array([label for label, _ in digits])
    missing = sum(image is None for image in images)
    batch = np.stack([np.zeros((28, 28), np.float32) if image is None else image for image in images])
    print(f"{len(digits)} drawn digits, {missing} rejected as blank (scored wrong)")
    for path in model_paths():
        predicted = Predictor.load(path).probabilities_batch(batch).argmax(axis=1)
        predicted[[image is None for image in images]] = -1
        report(path.stem, labels, predicted)


if __name__ == "__main__":
    main()
