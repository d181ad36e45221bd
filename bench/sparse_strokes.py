"""Strokes reported as few, far-apart points: MNIST test digits as sparse pen paths, read through the canvas.

Each MNIST test digit is thinned to its skeleton (bench/mnist_stroke_width.py) and its skeleton
walked into pen paths (end to end, junctions splitting them), 10 canvas px to a field pixel.
Each path is then sampled every K field pixels (its last point kept), as a tablet or a busy
computer reports a quick stroke, and rendered by the canvas's pipeline with its three views;
each shipped model reads the averaged views. `--as-before` joins the points with straight
chords (no spline, `digitpad.core.drawing.sparse_strokes`), for the comparison. Reads nothing of
drawn-dev.

    .venv/bin/python bench/sparse_strokes.py [--count 1500] [--as-before]
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from mnist_stroke_width import MNIST_DIR, mnist_images, thin  # noqa: E402

import digitpad  # noqa: E402,F401  (quiet TensorFlow logging)
from digitpad.core.drawing import sparse_strokes  # noqa: E402
from digitpad.core.drawing.strokes_pipeline import strokes_to_mnist_views  # noqa: E402
from digitpad.core.inference.loading import load_predictor  # noqa: E402

CACHE = ROOT / ".cache" / "mnist_test_pen_paths.pkl"
SPACINGS = (1, 3, 5, 8)


def pen_paths(skeleton: np.ndarray) -> list[list[tuple[float, float]]]:
    """The skeleton's pixels walked into paths, each step to an unused neighbour (sideways before diagonal)."""
    on = set(zip(*(index.tolist() for index in np.nonzero(skeleton))))
    used: set = set()

    def free_steps(pixel):
        r, c = pixel
        near = [(r + dr, c + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1) if (dr or dc) and (r + dr, c + dc) in on]
        near = [q for q in near if (min(pixel, q), max(pixel, q)) not in used]
        return sorted(near, key=lambda q: (abs(q[0] - r) + abs(q[1] - c), q))

    paths = []
    while starts := sorted(p for p in on if free_steps(p)):
        ends = [p for p in starts if len(free_steps(p)) == 1]
        path = [(ends or starts)[0]]
        while steps := free_steps(path[-1]):
            used.add((min(path[-1], steps[0]), max(path[-1], steps[0])))
            path.append(steps[0])
        paths.append(path)
    return [[(c * 10.0, r * 10.0) for r, c in path] for path in paths] or [[(0.0, 0.0)]]


def traced_test_digits(count: int):
    """The first `count` MNIST test digits as pen paths, and their labels; cached under .cache/."""
    if CACHE.exists():
        drawings, labels = pickle.loads(CACHE.read_bytes())
        if len(labels) >= count:
            return drawings[:count], labels[:count]
    images = mnist_images("t10k-images-idx3-ubyte.gz")[:count]
    labels = np.frombuffer(gzip.open(MNIST_DIR / "t10k-labels-idx1-ubyte.gz").read(), np.uint8, offset=8)[:count]
    drawings = [pen_paths(skeleton) for skeleton in thin(images > 0.5)]
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_bytes(pickle.dumps((drawings, labels)))
    return drawings, labels


def sampled(path: list, every: int) -> list:
    """Every `every`-th point of a path, and its last."""
    points = path[::every]
    return points if points[-1] == path[-1] else [*points, path[-1]]


def averaged(reader, views: np.ndarray) -> np.ndarray:
    """(N, 10): each drawing's probabilities averaged over its views, as the canvas's bars show them."""
    count, per = views.shape[:2]
    return reader.probabilities_batch(views.reshape(count * per, 28, 28)).reshape(count, per, 10).mean(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--as-before", action="store_true", help="straight chords between the points")
    arguments = parser.parse_args()
    if arguments.as_before:
        sparse_strokes.SPARSE_SEGMENT = float("inf")
    drawings, labels = traced_test_digits(arguments.count)
    readers = {name: load_predictor(ROOT / "assets" / f"{name}.keras") for name in ("cnn", "mlp")}
    print(f"{len(labels)} MNIST test digits as pen paths; {'chords' if arguments.as_before else 'splines'}")
    for every in SPACINGS:
        views = np.stack([strokes_to_mnist_views([sampled(p, every) for p in d], min_extent=0) for d in drawings])
        right = {name: np.mean(averaged(reader, views).argmax(1) == labels) for name, reader in readers.items()}
        scores = [f"{name} {share:.2%}" for name, share in right.items()]
        print(f"a point every {every} px: {'  '.join(scores)}", flush=True)


if __name__ == "__main__":
    main()
