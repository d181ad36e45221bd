"""How wide MNIST's pen is: re-draw MNIST digits along their own skeletons and match the ink.

For each training image: binarise at half intensity, thin it to a one-pixel skeleton
(Zhang-Suen), turn every pair of touching skeleton pixels into a two-point stroke, and render
those strokes with `strokes_to_mnist` at several pen widths. The width at which the re-drawn
digits carry as much ink as the originals is MNIST's pen width in DigitPad's renderer; the
spread of per-image widths shows MNIST's range. Run: .venv/bin/python bench/mnist_stroke_width.py
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from digitpad.core.drawing import strokes_pipeline as preprocess  # noqa: E402

SHARED_MNIST = Path(__file__).resolve().parents[2] / "shared" / "mnist"
MNIST_DIR = Path(os.environ.get("DIGITPAD_MNIST_DIR", SHARED_MNIST))


def mnist_images(name="train-images-idx3-ubyte.gz"):
    """The official images as float (N, 28, 28) in [0, 1]."""
    data = gzip.open(MNIST_DIR / name).read()
    return np.frombuffer(data, np.uint8, offset=16).reshape(-1, 28, 28) / 255.0


def thin(binary):
    """Zhang-Suen thinning of a batch of boolean images (N, H, W)."""
    image = np.pad(binary, ((0, 0), (1, 1), (1, 1)))
    while True:
        before = image.copy()
        for step in (0, 1):
            p = _neighbours(image)  # P2..P9 clockwise from north
            count = sum(p)
            ring = p + [p[0]]
            transitions = sum((~a) & b for a, b in zip(ring[:-1], ring[1:]))
            p2, p4, p6, p8 = p[0], p[2], p[4], p[6]
            if step == 0:
                keep = (p2 & p4 & p6) | (p4 & p6 & p8)
            else:
                keep = (p2 & p4 & p8) | (p2 & p6 & p8)
            remove = image & (count >= 2) & (count <= 6) & (transitions == 1) & ~keep
            image = image & ~remove
        if np.array_equal(image, before):
            return image[:, 1:-1, 1:-1]


def _neighbours(image):
    """The eight neighbours of every pixel as boolean arrays, clockwise from north."""
    padded = np.pad(image, ((0, 0), (1, 1), (1, 1)))
    h, w = image.shape[1:]
    offsets = [(-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1)]
    return [padded[:, 1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w] for dy, dx in offsets]


def skeleton_strokes(skeleton, scale=10.0):
    """Two-point strokes joining touching skeleton pixels (x, y), scaled up like a canvas."""
    rows, cols = np.nonzero(skeleton)
    on = set(zip(rows.tolist(), cols.tolist()))
    strokes = []
    for r, c in on:
        joined = [(r + dr, c + dc) for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)) if (r + dr, c + dc) in on]
        strokes += [[(c * scale, r * scale), (c2 * scale, r2 * scale)] for r2, c2 in joined]
        if not joined:
            strokes.append([(c * scale, r * scale)])
    return strokes


def main(count=2000, widths=(2.0, 2.25, 2.5, 2.75, 3.0)):
    images = mnist_images()[np.random.default_rng(0).choice(60000, count, replace=False)]
    skeletons = thin(images > 0.5)
    drawings = [skeleton_strokes(s) for s in skeletons]
    ink = images.sum(axis=(1, 2))
    print(f"MNIST: {count} training images, mean pixel {images.mean():.4f}, mean ink {ink.mean():.1f}")
    # Widths above PEN_WIDTH * PRESSURE_GAIN[1] would outgrow the renderer's pixel window.
    original = preprocess.PEN_WIDTH
    ratios = {}
    try:
        for width in widths:
            preprocess.PEN_WIDTH = width
            renders = [preprocess.strokes_to_mnist(d, min_extent=0) for d in drawings]
            ok = np.array([r is not None for r in renders])
            drawn = np.array([r.sum() if r is not None else np.nan for r in renders])
            ratios[width] = np.nanmean(drawn[ok]) / ink[ok].mean()
            per_image = width * ink[ok] / drawn[ok]
            p10, p50, p90 = np.percentile(per_image, [10, 50, 90])
            print(
                f"pen {width:.2f} px: re-drawn ink / MNIST ink = {ratios[width]:.3f}; "
                f"per-image matching width p10 {p10:.2f} median {p50:.2f} p90 {p90:.2f}"
            )
    finally:
        preprocess.PEN_WIDTH = original
    low, high = min(widths), max(widths)
    # Ink grows linearly with width over this range: interpolate where the ratio crosses 1.
    fit = np.polyfit(list(ratios.values()), list(ratios.keys()), 1)
    print(f"MNIST's pen width (ink ratio 1): {np.polyval(fit, 1.0):.2f} px (fit over {low}-{high} px)")
    renders = [preprocess.strokes_to_mnist(d, min_extent=0) for d in drawings]
    outline = np.mean([twice_area_over_outline(r) for r in renders if r is not None])
    print(
        f"2 x area / outline: MNIST {np.mean([twice_area_over_outline(x) for x in images]):.2f}, "
        f"re-drawn at PEN_WIDTH {preprocess.PEN_WIDTH} px {outline:.2f}"
    )


def twice_area_over_outline(image):
    """A ribbon's width from its ink and the length of its half-intensity outline."""
    import contourpy  # matplotlib's contouring library

    lines = contourpy.contour_generator(z=np.pad(image, 1)).lines(0.5)
    length = sum(np.hypot(*np.diff(line, axis=0).T).sum() for line in lines)
    return 2 * image.sum() / length


if __name__ == "__main__":
    main()
