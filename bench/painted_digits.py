"""Digits painted in a paint program: MNIST test digits as lines of several pen widths, read as `predict` reads.

Each digit's skeleton (bench/redrawn_mnist.py: the MNIST test image thinned, re-drawn along its
skeleton) is painted black on a white 280 x 280 image, as a mouse draws in a paint program:
with a hard pencil (aliased) or an anti-aliased brush, from 1 px to 24 px (MNIST's own pen is
about 24 px at this size). Each image goes through `image_to_mnist`, as `predict` and a dropped
picture do, and each shipped model reads it alone (no views). `--as-before` switches off the
re-inking of hairlines (`digitpad.core.drawing.pen_width`), for the comparison; `--side 28`
paints on a smaller canvas (the strokes scaled with it), as in a paint program opened at MNIST's
own size, where a 1 px line steps from pixel to pixel. No digit of drawn-dev is read.

    .venv/bin/python bench/painted_digits.py [--count 2000] [--side 280] [--as-before] [MODEL.keras ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from redrawn_mnist import redrawn_test_set  # noqa: E402

import digitpad  # noqa: E402,F401  (quiet TensorFlow logging)
from digitpad.core.drawing import pen_width  # noqa: E402
from digitpad.core.drawing.raster_pipeline import image_to_mnist  # noqa: E402
from digitpad.core.inference.loading import load_predictor  # noqa: E402

PENS = (1, 2, 4, 8, 16, 24, 40)
SIDE, ANTI_ALIAS = 280, 4


def painted(strokes: list, pen: int, anti_aliased: bool, side: int = SIDE) -> np.ndarray:
    """The strokes (on the 10x grid of a 28 px image) painted black on white, `side` px square."""
    factor = ANTI_ALIAS if anti_aliased else 1
    canvas = Image.new("L", (side * factor, side * factor), 255)
    draw = ImageDraw.Draw(canvas)
    width = pen * factor
    scale = factor * side / SIDE
    for stroke in strokes:
        points = [((x + 5) * scale, (y + 5) * scale) for x, y in stroke]
        if len(points) > 1:
            draw.line(points, fill=0, width=width)
        for x, y in (points[0], points[-1]):  # a round pen's ends
            draw.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=0)
    if anti_aliased:
        canvas = canvas.resize((side, side), Image.Resampling.BOX)
    return np.asarray(canvas)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shipped = [ROOT / "assets" / "cnn.keras", ROOT / "assets" / "mlp.keras"]
    parser.add_argument("models", nargs="*", type=Path, default=shipped)
    parser.add_argument("--count", type=int, default=2000, help="MNIST test digits, drawn at random (seed 0)")
    parser.add_argument("--side", type=int, default=SIDE, help="the canvas's side in px (the strokes scaled to it)")
    parser.add_argument("--as-before", action="store_true", help="no re-inking of hairlines")
    arguments = parser.parse_args()
    if arguments.as_before:
        pen_width.HAIRLINE = 0.0
    drawings, labels = redrawn_test_set()
    chosen = np.random.default_rng(0).choice(len(labels), arguments.count, replace=False)
    readers = {path.stem: load_predictor(path) for path in arguments.models}
    reinking = "off" if arguments.as_before else "on"
    print(f"{arguments.count} MNIST test digits painted on {arguments.side} px; re-inking of hairlines {reinking}")
    for anti_aliased in (False, True):
        for pen in PENS:
            images = np.stack([image_to_mnist(painted(drawings[i], pen, anti_aliased, arguments.side)) for i in chosen])
            scores = [f"{name} {np.mean(reader.probabilities_batch(images).argmax(1) == labels[chosen]):.2%}"
                      for name, reader in readers.items()]
            brush = "anti-aliased" if anti_aliased else "aliased"
            print(f"{brush:>12} pen {pen:2d} px: {'  '.join(scores)}", flush=True)


if __name__ == "__main__":
    main()
