"""A development set for reading drawings that spares drawn-dev: MNIST test digits re-drawn as pen strokes.

Each of the 10,000 MNIST test images is binarised at half intensity, thinned to its skeleton
and re-drawn as strokes along it (bench/mnist_stroke_width.py), then rendered by DigitPad's own
stroke pipeline, as a drawing on the canvas is. The shapes are MNIST's, the rendering is the
app's, and no digit of drawn-dev is read: a choice made here (a view, a recipe) can then be
measured once on drawn-dev without having been fitted to it.

It prints each model's accuracy with the app's views (as drawn and turned by 8 degrees each way,
averaged) and with the as-drawn view alone; `--widths` adds the views at MNIST's 10th and 90th
percentile pen widths (1.7 and 3.2 px), the test-time augmentation tried on 2026-12-03.

    .venv/bin/python bench/redrawn_mnist.py [--widths] [MODEL.keras ...]
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import sys
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from mnist_stroke_width import MNIST_DIR, mnist_images, skeleton_strokes, thin  # noqa: E402

from digitpad.core.drawing import strokes_pipeline  # noqa: E402
from digitpad.core.inference.loading import load_predictor  # noqa: E402

CACHE = ROOT / ".cache" / "redrawn_mnist_test.pkl"
OTHER_WIDTHS = (1.7, 3.2)  # MNIST's 10th and 90th percentile pen widths (bench/mnist_stroke_width.py)


def redrawn_test_set() -> tuple[list, np.ndarray]:
    """The test digits' skeleton strokes and their labels, cached under .cache/."""
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    images = mnist_images("t10k-images-idx3-ubyte.gz")
    labels = np.frombuffer(gzip.open(MNIST_DIR / "t10k-labels-idx1-ubyte.gz").read(), np.uint8, offset=8)
    drawings = [skeleton_strokes(skeleton) for skeleton in thin(images > 0.5)]
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_bytes(pickle.dumps((drawings, labels)))
    return drawings, labels


@contextmanager
def pen_width(width: float):
    """Render at another pen width: the module's width and the pixel window it sizes, restored after."""
    module = strokes_pipeline
    saved = module.PEN_WIDTH, module._REACH, module._WINDOW, module._WINDOW_Y, module._WINDOW_X
    module.PEN_WIDTH = width
    module._REACH = width * module.PRESSURE_GAIN[1] / 2 + 0.5
    module._WINDOW, module._WINDOW_Y, module._WINDOW_X = module._window(module._REACH)
    try:
        yield
    finally:
        module.PEN_WIDTH, module._REACH, module._WINDOW, module._WINDOW_Y, module._WINDOW_X = saved


def views(drawings: list, widths: bool) -> np.ndarray:
    """(N, V, 28, 28): the app's views of each drawing, then (with `widths`) the same at the other widths."""
    rendered = [np.stack([strokes_pipeline.strokes_to_mnist_views(d, min_extent=0) for d in drawings])]
    for width in OTHER_WIDTHS if widths else ():
        with pen_width(width):
            rendered.append(np.stack([strokes_pipeline.strokes_to_mnist_views(d, min_extent=0) for d in drawings]))
    return np.concatenate(rendered, axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", action="store_true", help="also average views at pen widths 1.7 and 3.2 px")
    parser.add_argument("models", nargs="*", type=Path)
    arguments = parser.parse_args()
    drawings, labels = redrawn_test_set()
    stack = views(drawings, arguments.widths)
    count, per_width = len(labels), len(strokes_pipeline.VIEW_ROTATIONS)
    print(f"{count} MNIST test digits re-drawn along their skeletons, rendered by the stroke pipeline")
    for path in arguments.models or [ROOT / "assets" / "cnn.keras", ROOT / "assets" / "mlp.keras"]:
        probabilities = load_predictor(path).probabilities_batch(stack.reshape(-1, 28, 28)).reshape(count, -1, 10)
        choices = {"as drawn alone": probabilities[:, :1], "the app's views": probabilities[:, :per_width]}
        if arguments.widths:
            choices["the app's views at 3 widths"] = probabilities
        cells = "   ".join(f"{name} {np.mean(p.mean(axis=1).argmax(1) == labels):.2%}" for name, p in choices.items())
        print(f"{path.stem:6s} {cells}")


if __name__ == "__main__":
    main()
