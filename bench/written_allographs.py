"""Reading the world's ways of writing each digit: allographs written as strokes by random writers.

Each template of `bench/allographs.py` (the common forms of every digit and issue 28's styles, marked
with a star) is written by `--count` random writers and read as DigitPad reads it:

- through the canvas: the strokes rendered by the app's pipeline, its three views averaged;
- as a picture, as `predict` reads a file: the same strokes painted black on a white 280 px image
  with a 1 px pencil (a mouse in a paint program) and with an anti-aliased 8 px brush.

The sets are built from the styles' descriptions, not from MNIST, drawn-dev or the training
augmentation (which draws its styles on MNIST's rasters with other code), so they can judge a
recipe without flattering it. Fixed seed: every model reads the same drawings.

    .venv/bin/python bench/written_allographs.py [--count 200] [MODEL.keras ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from allographs import POINT_SPACING_PX, allograph_sets  # noqa: E402
from painted_digits import painted  # noqa: E402

from digitpad.core.drawing.raster_pipeline import image_to_mnist  # noqa: E402
from digitpad.core.drawing.strokes_pipeline import strokes_to_mnist_views  # noqa: E402
from digitpad.core.inference.loading import load_predictor  # noqa: E402

PATHS = ("canvas", "pencil 1 px", "brush 8 px")


def renderings(drawings: list) -> dict[str, np.ndarray]:
    """Each path's images of the drawings: (N, views, 28, 28) for the canvas, (N, 1, 28, 28) for the pictures."""
    pictures = {
        "pencil 1 px": [image_to_mnist(painted(d, 1, anti_aliased=False)) for d in drawings],
        "brush 8 px": [image_to_mnist(painted(d, 8, anti_aliased=True)) for d in drawings],
    }
    return {"canvas": np.stack([strokes_to_mnist_views(d, min_extent=0) for d in drawings]),
            **{name: np.stack(images)[:, None] for name, images in pictures.items()}}


def read(predictor, images: np.ndarray) -> np.ndarray:
    """The digit read from each drawing's views, averaged as the app averages them."""
    count, views = images.shape[:2]
    probabilities = predictor.probabilities_batch(images.reshape(-1, 28, 28)).reshape(count, views, 10)
    return probabilities.mean(axis=1).argmax(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shipped = [ROOT / "assets" / "cnn.keras", ROOT / "assets" / "mlp.keras"]
    parser.add_argument("models", nargs="*", type=Path, default=shipped)
    parser.add_argument("--count", type=int, default=200, help="writers for each template")
    parser.add_argument("--care", type=float, default=0.4, help="how carefully they write: 1 neat, 0.4 hasty (default)")
    parser.add_argument("--spacing", type=float, nargs=2, default=POINT_SPACING_PX, metavar=("LEAST", "MOST"),
                        help="px between the points a pen reports, on a digit 200 px high (default: 2 5)")
    arguments = parser.parse_args()
    sets = allograph_sets(arguments.count, care=arguments.care, spacing=tuple(arguments.spacing))
    rendered = {key: renderings(drawings) for key, drawings in sets.items()}
    print(f"{len(sets)} allographs, each written by {arguments.count} random writers with care {arguments.care}, "
          f"a point every {arguments.spacing[0]:g}-{arguments.spacing[1]:g} px; "
          "per path, % read right")
    for path in arguments.models:
        predictor = load_predictor(path)
        print(f"\n{path.name:28s}" + "".join(f"{name:>13s}" for name in PATHS) + "   most often misread as (canvas)")
        totals = {name: [] for name in PATHS}
        for (digit, name), images in rendered.items():
            digits = {way: read(predictor, images[way]) for way in PATHS}
            for way, read_as in digits.items():
                totals[way].append(np.mean(read_as == digit))
            wrong = digits["canvas"][digits["canvas"] != digit]
            misread = ", ".join(f"{d} x{n}" for d, n in zip(*np.unique(wrong, return_counts=True))) or "-"
            cells = "".join(f"{np.mean(digits[way] == digit):13.1%}" for way in PATHS)
            print(f"  {digit} {name:24s}{cells}   {misread}")
        print(f"  {'mean of the allographs':26s}" + "".join(f"{np.mean(totals[way]):13.2%}" for way in PATHS))


if __name__ == "__main__":
    main()
