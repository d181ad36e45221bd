"""Synthetic handwriting in one consistent odd style: digits drawn like a seven-segment display.

A person who writes boxy, calculator-like digits is a realistic stand-in for "someone whose
handwriting the model misreads": every digit is made of straight horizontal and vertical bars,
which MNIST's round strokes rarely show. Each drawing gets its own random slant, size, aspect,
position, per-corner jitter and pen wobble, so no two are alike, but the style is consistent.
"""

from __future__ import annotations

import numpy as np

# The display's corners on a cell one wide and two high, y downward (top/middle/bottom,
# left/right), plus where a hand-written 1's flag starts.
_CORNERS = {
    "tl": (0.0, 0.0),
    "tr": (1.0, 0.0),
    "ml": (0.0, 1.0),
    "mr": (1.0, 1.0),
    "bl": (0.0, 2.0),
    "br": (1.0, 2.0),
    "fl": (0.55, 0.35),
}

# Each digit as pen strokes through corners, in the order a person drawing a display would go.
DIGIT_STROKES = {
    0: [["tl", "tr", "br", "bl", "tl"]],
    1: [["fl", "tr", "br"]],  # with a short flag, as many people write it
    2: [["tl", "tr", "mr", "ml", "bl", "br"]],
    3: [["tl", "tr", "br", "bl"], ["ml", "mr"]],
    4: [["tl", "ml", "mr"], ["tr", "br"]],
    5: [["tr", "tl", "ml", "mr", "br", "bl"]],
    6: [["tr", "tl", "bl", "br", "mr", "ml"]],
    7: [["ml", "tl", "tr", "br"]],  # with the left tick some displays show
    8: [["tl", "tr", "br", "bl", "tl"], ["ml", "mr"]],
    9: [["mr", "ml", "tl", "tr", "br", "bl"]],
}


def draw(digit: int, rng: np.random.Generator) -> list[list[tuple[float, float, float]]]:
    """One seven-segment drawing of `digit` in canvas pixels, as the canvas would record it."""
    slant = rng.uniform(0.15, 0.35)  # forward lean: x moves right as y goes up
    width, height = rng.uniform(1.6, 2.2), rng.uniform(0.9, 1.1)  # boxy, nearly square
    size = rng.uniform(60.0, 140.0)
    origin = rng.uniform(40.0, 120.0, size=2)
    jitter = {name: rng.normal(0.0, 0.04, size=2) for name in _CORNERS}
    strokes = []
    for path in DIGIT_STROKES[digit]:
        corners = [np.add(_CORNERS[name], jitter[name]) for name in path]
        points = _polyline(corners, rng)
        x = (points[:, 0] * width + (2.0 - points[:, 1]) * slant) * size + origin[0]
        y = points[:, 1] * height * size + origin[1]
        strokes.append([(float(px), float(py), 0.5) for px, py in zip(x, y)])
    return strokes


def drawings(per_digit: int, seed: int = 0) -> tuple[list, np.ndarray]:
    """`per_digit` drawings of each digit, interleaved 0..9, 0..9, ...; returns (strokes list, labels)."""
    rng = np.random.default_rng(seed)
    labels = np.tile(np.arange(10), per_digit)
    return [draw(int(label), rng) for label in labels], labels


def _polyline(corners, rng) -> np.ndarray:
    """Points every few hundredths along the corner path, with a slight hand tremor."""
    points = []
    for start, end in zip(corners, corners[1:]):
        steps = np.linspace(0.0, 1.0, 12, endpoint=False)[:, None]
        points.append(start + (end - start) * steps)
    points.append(corners[-1][None])
    points = np.concatenate(points)
    return points + rng.normal(0.0, 0.008, size=points.shape)
