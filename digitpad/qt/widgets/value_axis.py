"""A y axis whose labels never crowd each other and never all fall off its ends, however short the plot."""

from __future__ import annotations

import math

import pyqtgraph as pg

# pyqtgraph spaces its ticks by the logarithm of the axis' length and always labels its top
# level, so a plot squeezed to 35 px (the training panel in a 680 px window) drew four labels
# on top of one another. 11 px text wants about as much air again between labels, and a label
# is only drawn when its whole text fits inside the axis: half a line from either end.
LABEL_GAP = 22
LABEL_MARGIN = 7
NICE_FACTORS = (1, 2, 5)


class SpacedAxis(pg.AxisItem):
    """pyqtgraph's axis, labelled at round values (1, 2 or 5 times a power of ten) chosen by `label_values`."""

    def __init__(self, orientation: str = "left", **kwargs):
        super().__init__(orientation, **kwargs)

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 (pyqtgraph's name)
        step, values = label_values(minVal, maxVal, size)
        return [(step, values)]


def label_values(low: float, high: float, pixels: float, gap: float = LABEL_GAP,
                 margin: float = LABEL_MARGIN) -> tuple[float, list[float]]:
    """The step and the round values to label between `low` and `high`, drawn over `pixels`.

    As many as fit `gap` pixels apart, none within `margin` pixels of an end. When even one
    such step leaves nothing between the margins (a very short axis), the next finer steps are
    tried, and of what they give only the value nearest the middle is kept.
    """
    low, high = sorted((low, high))
    span = high - low
    if not (span > 0 and math.isfinite(span) and pixels > 2 * margin):
        return 1.0, []
    per_pixel = span / pixels
    inner_low, inner_high = low + margin * per_pixel, high - margin * per_pixel
    step = nice_step_at_least(gap * per_pixel)
    values = multiples(step, inner_low, inner_high)
    while not values:  # ends when the step is finer than the inner stretch
        step = next_finer(step)
        values = multiples(step, inner_low, inner_high)
    if len(values) > 1 and step / per_pixel < gap:
        middle = (low + high) / 2
        values = [min(values, key=lambda value: abs(value - middle))]
    return step, values


def nice_step_at_least(least: float) -> float:
    power = 10.0 ** math.floor(math.log10(least))
    return next(f * power for f in (*NICE_FACTORS, 10) if f * power >= least * (1 - 1e-9))


def next_finer(step: float) -> float:
    """The nice step below `step`: 10 -> 5 -> 2 -> 1 -> 0.5..."""
    power = 10.0 ** math.floor(math.log10(step) + 1e-9)
    factor = round(step / power)
    finer = [f for f in NICE_FACTORS if f < factor]
    return finer[-1] * power if finer else 5 * power / 10


def multiples(step: float, low: float, high: float) -> list[float]:
    """The multiples of `step` from `low` to `high`, rounded so that 0.1 x 3 prints as 0.3."""
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return [round(k * step, 12) for k in range(first, last + 1)]
