"""Digits written as pen strokes from the descriptions of handwriting styles, by writers made at random.

An allograph is one way of writing a digit: the 7 with or without a crossbar, the 4 closed or open
at the top. Each is written here as the strokes a pen makes, in a box one unit high (x to the right,
y down), from the style's description, not from any data set: the common forms of every digit,
and the variants issue 28 names (the slashed 0, the 1 with a long flag, the crossed 7, the open 4,
the 9 with a hooked tail or an open loop). A writer, drawn at random, then changes the whole: how
wide, how slanted and how turned they write, a smooth wobble of the hand, strokes of a many-stroke
digit put down a little off, and how densely the pen reports its points.

Nothing here is read from MNIST, drawn-dev or the training augmentation, so a model's reading of
these sets is not the reading of its own training data.
"""

from __future__ import annotations

import math

import numpy as np

HEIGHT = 200.0  # canvas px for the box's unit: a digit drawn on most of a 280 px canvas
SLANT = (-0.15, 0.35)  # x moved by this much of the height per unit of height upward: most writers lean forward
WIDTH = (0.6, 1.0)  # the template's width scaled by this
TURN_DEGREES = 6.0
WOBBLE = 0.035  # of the height: a smooth displacement of the whole drawing, a hand that is not a plotter
STROKE_OFFSET = 0.025  # of the height: where each later stroke of a digit is put down, off its place
POINT_SPACING_PX = (2.0, 5.0)  # how far apart the pen reports its points


def arc(cx, cy, rx, ry, start, end, count=40):
    """Points on an ellipse from `start` to `end` degrees, counter-clockwise as seen (y is down)."""
    angles = np.radians(np.linspace(start, end, count))
    return np.stack([cx + rx * np.cos(angles), cy - ry * np.sin(angles)], axis=1)


def line(*points):
    """Straight segments through the points, each cut into points a hundredth of the height apart."""
    points = np.asarray(points, dtype=float)
    pieces = [np.linspace(a, b, max(2, int(np.hypot(*(b - a)) * 100)), endpoint=False)
              for a, b in zip(points, points[1:])]
    return np.concatenate([*pieces, points[-1:]])


def joined(*pieces):
    """One stroke from pieces drawn one after the other without lifting the pen."""
    return np.concatenate(pieces)


def _figure_eight(count=120):
    # Gerono's lemniscate stood upright: from the top, down the right of the upper loop, through the
    # middle, round the lower loop and back up; the lower loop a little wider, as most people write it.
    t = np.linspace(0, 2 * np.pi, count)
    width = 0.62 * (0.85 + 0.15 * (1 - np.cos(t)) / 2)
    return np.stack([0.5 - width * np.sin(t) * np.cos(t), 0.5 - 0.5 * np.cos(t)], axis=1)


def _nine_loop():
    return arc(0.45, 0.27, 0.32, 0.26, 10, 370)


def _seven_bar():
    return line((0.08, 0.02), (0.92, 0.02), (0.38, 1.0))


# Every template: digit, name, strokes. The names of issue 28's styles are marked with a star.
TEMPLATES = (
    (0, "oval", lambda: [arc(0.5, 0.5, 0.38, 0.5, 100, 460)]),
    (0, "slashed*", lambda: [arc(0.5, 0.5, 0.38, 0.5, 100, 460), line((0.1, 1.04), (0.9, -0.04))]),
    (1, "stroke", lambda: [line((0.5, 0.0), (0.5, 1.0))]),
    (1, "long flag*", lambda: [line((0.22, 0.36), (0.5, 0.0), (0.5, 1.0))]),
    (1, "flag and base", lambda: [line((0.26, 0.3), (0.5, 0.0), (0.5, 1.0)), line((0.25, 1.0), (0.75, 1.0))]),
    (2, "plain", lambda: [joined(arc(0.5, 0.27, 0.36, 0.27, 160, -40), line((0.78, 0.45), (0.08, 1.0), (0.92, 0.98)))]),
    (3, "round", lambda: [joined(arc(0.47, 0.25, 0.33, 0.25, 150, -90), arc(0.47, 0.74, 0.38, 0.26, 90, -150))]),
    (3, "flat top", lambda: [joined(line((0.15, 0.0), (0.85, 0.0), (0.42, 0.42)),
                                    arc(0.47, 0.7, 0.38, 0.29, 100, -150))]),
    (4, "closed", lambda: [line((0.62, 0.0), (0.05, 0.66), (0.95, 0.66)), line((0.68, 0.12), (0.68, 1.0))]),
    (4, "open top*", lambda: [line((0.14, 0.0), (0.1, 0.62), (0.92, 0.62)), line((0.7, 0.0), (0.7, 1.0))]),
    (5, "plain", lambda: [joined(line((0.3, 0.02), (0.23, 0.46)), arc(0.5, 0.68, 0.36, 0.3, 140, -150)),
                          line((0.3, 0.02), (0.88, 0.0))]),
    (6, "plain", lambda: [joined(arc(1.05, 0.72, 0.9, 0.72, 110, 180), arc(0.5, 0.72, 0.35, 0.27, 180, 530))]),
    (7, "plain", lambda: [_seven_bar()]),
    (7, "crossed*", lambda: [_seven_bar(), line((0.42, 0.52), (0.88, 0.5))]),
    (8, "one stroke", lambda: [_figure_eight()]),
    (8, "two loops", lambda: [arc(0.5, 0.24, 0.26, 0.24, 90, 450), arc(0.5, 0.73, 0.34, 0.27, 90, 450)]),
    (9, "straight stem", lambda: [joined(_nine_loop(), line((0.77, 0.22), (0.74, 1.0)))]),
    (9, "hooked tail*", lambda: [joined(_nine_loop(), line((0.77, 0.22), (0.75, 0.82)),
                                        arc(0.55, 0.82, 0.2, 0.18, 0, -150))]),
    (9, "open loop*", lambda: [arc(0.45, 0.27, 0.32, 0.26, 60, 300), line((0.8, 0.04), (0.76, 1.0))]),
)


def written(template, rng: np.random.Generator, care: float = 1.0,
            spacing: tuple[float, float] = POINT_SPACING_PX) -> list[list[tuple[float, float]]]:
    """The template's strokes as one random writer draws them: canvas px, points as a pen reports them.

    `care` below 1 is a hastier hand: the wobble and the strokes' misplacement grow as 1 / care.
    `spacing`: the range of px between the points reported (a tablet that reports few: tens of px).
    """
    strokes = [np.array(stroke, dtype=float) for stroke in template()]
    width, slant = rng.uniform(*WIDTH), rng.uniform(*SLANT)
    turn = math.radians(rng.uniform(-TURN_DEGREES, TURN_DEGREES))
    wobble = _wobble(rng, WOBBLE / care)
    drawn = []
    for index, stroke in enumerate(strokes):
        points = stroke + (rng.normal(0, STROKE_OFFSET / care, 2) if index else 0.0)
        points = points + wobble(points)
        x, y = (points[:, 0] - 0.5) * width, points[:, 1] - 0.5
        x = x - slant * y  # y is down: the top leans right for a positive slant
        x, y = x * math.cos(turn) - y * math.sin(turn), x * math.sin(turn) + y * math.cos(turn)
        drawn.append(_as_pen_reports(np.stack([x, y], axis=1) * HEIGHT + 140.0, rng.uniform(*spacing)))
    return drawn


def _wobble(rng: np.random.Generator, size: float):
    """A smooth displacement: two sine waves across the box for each axis, about one cycle each."""
    frequencies = rng.uniform(0.4, 1.2, (2, 2, 2))
    phases = rng.uniform(0, 2 * np.pi, (2, 2))
    amplitude = rng.uniform(0.3, 1.0) * size

    def displacement(points):
        waves = np.sin(2 * np.pi * points @ frequencies.reshape(2, 4) + phases.reshape(4))
        return amplitude * np.stack([waves[:, 0] + waves[:, 1], waves[:, 2] + waves[:, 3]], axis=1) / 2

    return displacement


def _as_pen_reports(points: np.ndarray, spacing: float) -> list[tuple[float, float]]:
    """The path resampled every `spacing` px along it, as a mouse or tablet reports a steady stroke."""
    lengths = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(points, axis=0).T))])
    if lengths[-1] == 0:
        return [tuple(points[0])]
    at = np.append(np.arange(0, lengths[-1], spacing), lengths[-1])
    return list(zip(np.interp(at, lengths, points[:, 0]).tolist(), np.interp(at, lengths, points[:, 1]).tolist()))


def allograph_sets(per_template: int, seed: int = 0, care: float = 1.0, spacing=POINT_SPACING_PX):
    """{(digit, name): list of drawings}, each template written by `per_template` random writers."""
    rng = np.random.default_rng(seed)
    return {(digit, name): [written(make, rng, care, spacing) for _ in range(per_template)]
            for digit, name, make in TEMPLATES}


def allograph_writers(writers: int, per_digit: int, seed: int = 0, care: float = 1.0) -> list[dict]:
    """Records shaped as drawn-dev's ({"label", "writer", "strokes"}), from writers made at random.

    Each writer keeps one allograph of every digit, as a person keeps their own way of writing it
    (a slashed 0, an open 4), and writes it `per_digit` times, each time as a fresh random hand.
    """
    rng = np.random.default_rng(seed)
    forms: dict[int, list] = {}
    for digit, _, make in TEMPLATES:
        forms.setdefault(digit, []).append(make)
    records = []
    for writer in range(writers):
        for digit, makes in forms.items():
            own = makes[rng.integers(len(makes))]  # this writer's way of writing the digit
            records += [{"label": digit, "writer": f"writer {writer}", "strokes": written(own, rng, care)}
                        for _ in range(per_digit)]
    return records
