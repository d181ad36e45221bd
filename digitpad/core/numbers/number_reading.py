"""A written number -> its digits: each group of strokes rendered as one MNIST digit, all read in one call.

Pure: `predictor` is anything with `probabilities_batch(images (N, 28, 28)) -> (N, 10)`, the
core's Predictor in the app. Every digit goes through the single-digit preprocessing (the
`preprocess` facade), so a digit of a number is seen exactly as it would be drawn alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from digitpad.core.drawing.preprocess import image_to_mnist, strokes_to_mnist_views
from digitpad.core.numbers.number_grouping import group_strokes
from digitpad.core.numbers.stroke_boxes import Box, Pair, group_box, stroke_box

# Below this a digit is marked "not sure": the single-digit view's threshold (UNSURE_BELOW in
# qt/widgets/prediction_view.py), chosen on MNIST before any drawn digit was seen.
UNSURE_BELOW = 0.6


@dataclass(frozen=True)
class DigitReading:
    """One digit of a number: its strokes (indices), where it is, what the model saw and said."""

    strokes: tuple[int, ...]
    box: Box | None
    image: np.ndarray  # (28, 28) float32, the model's input (view 0)
    probabilities: np.ndarray  # (10,)

    @property
    def digit(self) -> int:
        return int(np.argmax(self.probabilities))

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.digit])

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE_BELOW


@dataclass(frozen=True)
class NumberReading:
    """The digits of a number, left to right."""

    digits: tuple[DigitReading, ...]

    @property
    def text(self) -> str | None:
        """The number as a string of digits, or None when there is no digit."""
        return "".join(str(d.digit) for d in self.digits) or None


def read_strokes(strokes, predictor, joined: Iterable[Pair] = (), separated: Iterable[Pair] = ()) -> NumberReading:
    """Group the strokes into digits (see number_grouping) and read them all in one batched call."""
    boxes = [stroke_box(s) for s in strokes]
    groups = group_strokes(strokes, joined, separated)
    views = [strokes_to_mnist_views([strokes[i] for i in group]) for group in groups]
    kept = [(g, v) for g, v in zip(groups, views) if v is not None]  # a group too small to be a digit
    return read_views([v for _, v in kept], predictor, [(tuple(g), group_box(boxes, g)) for g, _ in kept])


def read_images(crops: Sequence[np.ndarray], predictor, boxes: Sequence[Box] | None = None) -> NumberReading:
    """Read raster crops of single digits (any polarity) as one number, in one batched call."""
    images = [image_to_mnist(crop, rendered=True) for crop in crops]  # ink already found, on black
    boxes = list(boxes) if boxes is not None else [None] * len(crops)
    kept = [(image[np.newaxis], ((), box)) for image, box in zip(images, boxes) if image is not None]
    return read_views([v for v, _ in kept], predictor, [where for _, where in kept])


def read_views(views: Sequence[np.ndarray], predictor, where: Sequence[tuple]) -> NumberReading:
    """Digits from per-digit view stacks (K, 28, 28), averaged over each stack's views; one model call."""
    if not views:
        return NumberReading(())
    counts = [len(v) for v in views]
    probabilities = np.asarray(predictor.probabilities_batch(np.concatenate(views)), np.float64)
    starts = np.cumsum([0, *counts[:-1]])
    digits = tuple(
        DigitReading(tuple(indices), box, np.asarray(v[0], np.float32), probabilities[s : s + n].mean(axis=0))
        for v, (indices, box), s, n in zip(views, where, starts, counts)
    )
    return NumberReading(digits)
