"""Filing a drawing under its true digit, and getting a filed one back onto the canvas. Pure: no Qt."""

from __future__ import annotations

NOTHING_TO_FILE = "Nothing to file: draw a digit first."
# Strokes are kept in the canvas's logical pixels, and the canvas may be smaller now than when
# a sample was drawn; one redrawn past the edge would be cut off on screen.
FIT_MARGIN = 0.05


def filed_message(digit: int, count: int) -> str:
    """The confirmation after filing: `Filed as 7 — 12 samples of 7`."""
    return f"Filed as {digit} — {count:,} sample{'' if count == 1 else 's'} of {digit}"


def fit_strokes(strokes, side: float) -> list[list[tuple[float, ...]]]:
    """The strokes as they are when they fit a canvas `side` pixels square, else shrunk and moved to fit."""
    points = [point for stroke in strokes for point in stroke]
    if not points:
        return [list(stroke) for stroke in strokes]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    low, high = side * FIT_MARGIN, side * (1 - FIT_MARGIN)
    if min(xs) >= 0 and min(ys) >= 0 and max(xs) <= side and max(ys) <= side:
        return [[tuple(p) for p in stroke] for stroke in strokes]
    scale = min(1.0, (high - low) / max(max(xs) - min(xs), max(ys) - min(ys), 1e-9))
    dx = side / 2 - scale * (min(xs) + max(xs)) / 2
    dy = side / 2 - scale * (min(ys) + max(ys)) / 2
    return [[(p[0] * scale + dx, p[1] * scale + dy, *p[2:]) for p in stroke] for stroke in strokes]
