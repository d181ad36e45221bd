"""Constructed pen strokes of digits for the number-mode tests: unit height, y downward."""

from __future__ import annotations

import numpy as np


def line(*corners, step: float = 0.05) -> list[tuple[float, float]]:
    """A polyline through the corners, with points about `step` apart."""
    points = [corners[0]]
    for (x0, y0), (x1, y1) in zip(corners, corners[1:]):
        count = max(1, int(np.hypot(x1 - x0, y1 - y0) / step))
        points += [(x0 + (x1 - x0) * t / count, y0 + (y1 - y0) * t / count) for t in range(1, count + 1)]
    return points


def arc(cx, cy, rx, ry, start_deg, end_deg, count: int = 24) -> list[tuple[float, float]]:
    angles = np.radians(np.linspace(start_deg, end_deg, count))
    return [(cx + rx * np.cos(a), cy + ry * np.sin(a)) for a in angles]


# Each digit: its strokes in writing order, in a box about 0.6 wide and 1 high.
DIGITS = {
    0: [arc(0.3, 0.5, 0.3, 0.5, -90, 275)],
    1: [line((0.1, 0.15), (0.3, 0.0), (0.3, 1.0))],
    2: [arc(0.3, 0.28, 0.28, 0.28, 200, 370, 12) + line((0.58, 0.33), (0.0, 1.0), (0.6, 1.0))[1:]],
    3: [arc(0.3, 0.25, 0.27, 0.25, 200, 450, 14) + arc(0.3, 0.73, 0.3, 0.27, -90, 160, 14)],
    4: [line((0.4, 0.0), (0.0, 0.65), (0.6, 0.65)), line((0.45, 0.3), (0.45, 1.0))],  # two strokes
    5: [line((0.1, 0.0), (0.05, 0.45)) + arc(0.3, 0.7, 0.3, 0.3, -120, 150, 16), line((0.1, 0.0), (0.6, 0.0))],
    6: [arc(0.35, 0.5, 0.3, 0.5, -80, 90, 10) + arc(0.3, 0.72, 0.28, 0.28, 90, 450, 20)],
    7: [line((0.0, 0.0), (0.6, 0.0)), line((0.6, 0.0), (0.2, 1.0))],  # two strokes
    8: [arc(0.3, 0.25, 0.22, 0.25, 0, 360, 16) + arc(0.3, 0.74, 0.3, 0.26, -90, 270, 20)],
    9: [arc(0.3, 0.28, 0.28, 0.28, 0, 360, 20) + line((0.58, 0.28), (0.5, 1.0))[1:]],
}


def placed(strokes, x: float, y: float = 0.0, scale: float = 1.0):
    """The strokes moved right by `x` and down by `y`, then all scaled by `scale` about the origin."""
    return [[((px + x) * scale, (py + y) * scale) for px, py in stroke] for stroke in strokes]


def width(digit: int) -> float:
    xs = [x for stroke in DIGITS[digit] for x, _ in stroke]
    return max(xs) - min(xs)


def number(text: str, gap: float = 0.3, scale: float = 100.0, bars_last: bool = False):
    """Strokes of `text` written left to right with `gap` (a share of the height) between digits.

    Returns the strokes and, per digit, the indices of its strokes. `bars_last`: each 5's bar is
    drawn after the whole number, as some people dot their i's.
    """
    strokes, truth, deferred, x = [], [], [], 0.0
    for char in text:
        digit = int(char)
        own = placed(DIGITS[digit], x - min(p[0] for s in DIGITS[digit] for p in s), 0.0, scale)
        if bars_last and digit == 5:
            deferred.append((len(truth), own[1]))
            own = own[:1]
        truth.append(list(range(len(strokes), len(strokes) + len(own))))
        strokes += own
        x += width(digit) + gap
    for position, bar in deferred:
        truth[position].append(len(strokes))
        strokes.append(bar)
    return strokes, truth
