"""Vector strokes -> the 28x28 float32 image MNIST would have for them, or None. Pure numpy.

The drawing is re-rendered at the target scale, so the pen is PEN_WIDTH px on the 20 px digit
whatever size it was drawn at; its ink is then shifted so the centre of mass lands on CENTRE.
Cheap enough to run on every stroke update: well under 2 ms for a 300-point drawing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from digitpad.core.mnist_field import CENTRE, DIGIT_BOX, MNIST_SIZE, centre_of_mass

# Pen width in px on the 20 px digit, measured on MNIST (bench/mnist_stroke_width.py): MNIST
# digits re-drawn along their own skeletons carry MNIST's ink (mean pixel 0.131) at 2.41 px;
# per image the width spreads from 1.7 (10th percentile) to 3.2 px (90th). Twice area over
# outline length agrees: 2.53 on MNIST, 2.54 on those re-drawings at 2.4 px.
PEN_WIDTH = 2.4
# Tablet pressure varies the width around PEN_WIDTH by at most this factor either way, relative
# to the drawing's mean pressure, so a mouse (constant pressure) draws exactly PEN_WIDTH.
PRESSURE_GAIN = (0.8, 1.2)
# Smaller than this (in the strokes' units, i.e. the canvas's logical pixels) is a dot or a slip
# of the pen, not a digit: 8 px is 3% of a 280 px canvas.
DEFAULT_MIN_EXTENT = 8.0
# Strokes are re-sampled every this many px of the 28x28 grid. A pixel: the render's cost grows
# with the number of segments, and the corners a coarser step cuts (half a pixel at most) hide
# under the pen's round joins; accuracy on drawn-dev moved by under 0.2 points.
RESAMPLE_STEP = 1.0
# Test-time views: a person's slant is as likely as MNIST's either way, so the model also sees
# the drawing tilted by 8 degrees each way (inside the ±10 degrees it was trained with) and the
# prediction is their average. Chosen a priori from the training augmentation, not tuned.
VIEW_ROTATIONS = (0.0, -8.0, 8.0)
# How far ink can reach from a segment's end: the widest radius plus the anti-aliased half pixel.
_REACH = PEN_WIDTH * PRESSURE_GAIN[1] / 2 + 0.5
_WINDOW = int(np.ceil(RESAMPLE_STEP + 2 * _REACH)) + 1
_WINDOW_Y, _WINDOW_X = (a.ravel()[None, :].astype(np.float32) for a in np.mgrid[0:_WINDOW, 0:_WINDOW])


def strokes_to_mnist(
    strokes: Sequence[Sequence[Sequence[float]]], min_extent: float = DEFAULT_MIN_EXTENT
) -> np.ndarray | None:
    """The (28, 28) float32 MNIST image of vector strokes, or None for no digit.

    `strokes`: a sequence of strokes, each a sequence of points (x, y) or (x, y, pressure),
    pressure in 0..1 and optional, in any units, y downward. Returns None when there is no
    finite point, all points coincide (a dot), or the ink's longest side is below `min_extent`
    units. The drawing is re-rendered at the target scale, so the stroke width is PEN_WIDTH px
    whatever size it was drawn at or with what brush; pressure varies it by PRESSURE_GAIN.
    """
    views = _render_views(strokes, min_extent, (0.0,))
    return None if views is None else views[0]


def strokes_to_mnist_views(
    strokes: Sequence[Sequence[Sequence[float]]], min_extent: float = DEFAULT_MIN_EXTENT
) -> np.ndarray | None:
    """A (len(VIEW_ROTATIONS), 28, 28) float32 stack of MNIST images, or None for no digit.

    The same input as `strokes_to_mnist`; view 0 is the drawing as drawn (what
    `strokes_to_mnist` returns), the others are it tilted by VIEW_ROTATIONS degrees about its
    middle before it is scaled and centred.
    """
    return _render_views(strokes, min_extent, VIEW_ROTATIONS)


def _render_views(strokes, min_extent: float, rotations) -> np.ndarray | None:
    """The MNIST image of the strokes turned by each angle, (len(rotations), 28, 28), or None.

    All views go through each step together, a stroke's resampling included: at 28x28,
    numpy's per-call cost is most of a step, so three views in one call cost little more than
    one (a loop over views and strokes was half the time of a drawing).
    """
    parsed = _parse(strokes)
    if not parsed:
        return None
    points = np.concatenate([xy for xy, _ in parsed])
    low = points.min(axis=0)
    with np.errstate(over="ignore", invalid="ignore"):  # a drawing wider than floats reach is no digit
        extent = float((points.max(axis=0) - low).max())
    if extent < min_extent or not extent > 0 or not np.isfinite(extent):
        return None
    # Brought to the digit's size first (the render rescales anyway): with coordinates near
    # 1e308, midpoints and stroke lengths would overflow to inf.
    size = DIGIT_BOX / extent
    parsed = [((xy - low) * size, widths) for xy, widths in parsed]
    placing = _ViewPlacing(np.concatenate([xy for xy, _ in parsed]), rotations)
    pieces = [_resample(xy, widths, placing.scales) for xy, widths in parsed]
    starts, ends, radius_a, radius_b, view = (np.concatenate(column) for column in zip(*pieces))
    starts, ends = placing.place(starts, view), placing.place(ends, view)
    first = _render(starts, ends, radius_a, radius_b, view, len(rotations))
    shifts = CENTRE - np.array([centre_of_mass(image)[::-1] for image in first])  # (dx, dy) each
    return _render(starts + shifts[view], ends + shifts[view], radius_a, radius_b, view, len(rotations))


class _ViewPlacing:
    """Where each view puts a point of the drawing.

    A view turns the drawing by its angle (clockwise on screen, y down) about the middle of its
    box, then scales it so the turned ink's longest side is DIGIT_BOX less the pen, with the
    turned box's middle at CENTRE. Both are affine, so a stroke can be resampled before it is
    placed: the points along it land where resampling the placed stroke would put them.
    """

    def __init__(self, points: np.ndarray, rotations):
        self.middle = (points.max(axis=0) + points.min(axis=0)) / 2
        angles = np.radians(np.asarray(rotations, np.float64))
        cos, sin = np.cos(angles), np.sin(angles)
        self.turns = np.stack([np.stack([cos, sin], -1), np.stack([-sin, cos], -1)], 1)  # (V, 2, 2)
        turned = (points - self.middle) @ self.turns  # (V, N, 2), about the middle
        low, high = turned.min(axis=1), turned.max(axis=1)
        self.scales = (DIGIT_BOX - PEN_WIDTH) / (high - low).max(axis=1)  # (V,)
        self._box_middles = (low + high) / 2  # (V, 2), from the middle

    def place(self, points: np.ndarray, view: np.ndarray) -> np.ndarray:
        """(S, 2) points, each placed as view `view[i]` places it."""
        turned = np.einsum("si,sij->sj", points - self.middle, self.turns[view])
        return (turned - self._box_middles[view]) * self.scales[view, np.newaxis] + CENTRE


def _parse(strokes):
    """Per stroke with a finite point: its points (n, 2) and pen widths (n,)."""
    arrays = [_points(s) for s in strokes if len(s)]
    arrays = [a[np.isfinite(a[:, :2]).all(axis=1)] for a in arrays if a.shape[1] >= 2]
    arrays = [a for a in arrays if len(a)]
    if not arrays:
        return []
    pressure = [a[:, 2] if a.shape[1] > 2 else np.ones(len(a)) for a in arrays]
    widths = np.split(_pen_widths(np.concatenate(pressure)), np.cumsum([len(a) for a in arrays])[:-1])
    return [(a[:, :2], w) for a, w in zip(arrays, widths)]


def _points(stroke) -> np.ndarray:
    """(n, 2) or (n, 3) floats; a stroke mixing (x, y) and (x, y, pressure) points keeps only x, y."""
    try:
        return np.asarray(stroke, dtype=np.float64).reshape(len(stroke), -1)
    except ValueError:  # ragged
        return np.asarray([tuple(point)[:2] for point in stroke], dtype=np.float64).reshape(len(stroke), -1)


def _pen_widths(pressure):
    """PEN_WIDTH scaled by each point's pressure relative to the drawing's mean pressure."""
    pressure = np.clip(np.where(np.isnan(pressure), 0.0, pressure), 0.0, 1.0)  # nan_to_num: 4x the time
    mean = pressure.mean()
    if mean <= 0:
        return np.full(len(pressure), PEN_WIDTH)
    return PEN_WIDTH * np.clip(pressure / mean, *PRESSURE_GAIN)


def _resample(points, widths, scales):
    """One stroke as segments of equal length at most RESAMPLE_STEP once placed, in every view.

    A stroke L long is L * scale long in a view of that scale (`scales`, (V,)), so it is cut
    into ceil(L * scale / RESAMPLE_STEP) equal segments there; a single point is a dot. Returns
    the segments' starts and ends (S, 2), not yet placed, the pen's radius at each (S,), and
    each segment's view (S,). Equal short segments bound each one's reach, so rendering only
    looks at a small window of pixels around each; cutting a corner by a quarter step is invisible.
    """
    travelled = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(points, axis=0).T))])
    length = travelled[-1]
    counts = np.ceil(length * scales / RESAMPLE_STEP).astype(np.intp)  # segments in each view
    view = np.repeat(np.arange(len(scales)), counts + 1)  # each sample's view
    index = np.arange(len(view)) - (np.cumsum(counts + 1) - (counts + 1))[view]  # 0..count in its view
    at = index * np.where(counts > 0, length / np.maximum(counts, 1), 0.0)[view]  # as np.linspace spaces them
    xy = np.stack([np.interp(at, travelled, points[:, 0]), np.interp(at, travelled, points[:, 1])], axis=1)
    radii = np.interp(at, travelled, widths) / 2
    # A segment starts at each sample but its view's last; a view of no segment draws a dot.
    count = counts[view]
    start = np.flatnonzero((index < count) | (count == 0))
    end = start + (count[start] > 0)
    return xy[start], xy[end], radii[start], radii[end], view[start]


def _render(starts, ends, radius_a, radius_b, view, views: int):
    """Coverage of round-capped segments at each pixel centre, with a 1 px anti-aliased edge.

    Coverage is clip(radius - distance + 0.5): the share of a pixel a straight edge covers at
    that distance. Each segment only touches the pixels of a small window near its start.
    `view` (S,) says which of the `views` images each segment is drawn into.
    In float32 and in place where it can be: on arrays of a few thousand values, numpy's cost
    is per call and per byte, and the image is float32 anyway (over drawn-dev the pixels move by under 5e-6).
    """
    starts, ends = starts.astype(np.float32), ends.astype(np.float32)
    origin = np.ceil(np.minimum(starts, ends) - np.float32(_REACH))
    x, y = origin[:, :1] + _WINDOW_X, origin[:, 1:] + _WINDOW_Y  # (S, window) pixel centres
    delta = ends - starts
    dx, dy = delta[:, 0:1], delta[:, 1:2]
    ox, oy = x - starts[:, 0:1], y - starts[:, 1:2]
    length2 = dx * dx + dy * dy
    length2[length2 == 0] = 1.0  # a dot: t is 0, the distance is to its point
    t = ox * dx
    t += oy * dy
    t /= length2
    np.clip(t, 0.0, 1.0, out=t)
    ox -= t * dx
    oy -= t * dy
    radius_a, radius_b = radius_a.astype(np.float32)[:, None], radius_b.astype(np.float32)[:, None]
    coverage = t * (radius_b - radius_a)
    coverage += radius_a + np.float32(0.5)
    coverage -= np.hypot(ox, oy)
    np.minimum(coverage, 1.0, out=coverage)  # below 0 is left out by `inside`
    inside = (x >= 0) & (x < MNIST_SIZE) & (y >= 0) & (y < MNIST_SIZE) & (coverage > 0)
    pixel = (view[:, None] * MNIST_SIZE + y.astype(np.intp)) * MNIST_SIZE + x.astype(np.intp)
    images = np.zeros(views * MNIST_SIZE * MNIST_SIZE, np.float32)
    # Values of the image's own dtype keep ufunc.at on its fast path (float64 ones: about 50x slower).
    np.maximum.at(images, pixel[inside], coverage[inside])
    return images.reshape(views, MNIST_SIZE, MNIST_SIZE)
