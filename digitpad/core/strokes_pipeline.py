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

    All views go through each render pass together: at 28x28, numpy's per-call cost is most
    of a pass, so three views in one call cost little more than one.
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
    middle = (points.max(axis=0) - low) * size / 2
    per_view = [_segments(_scaled(_turned(parsed, middle, degrees))) for degrees in rotations]
    view = np.concatenate([np.full(len(segments[0]), i) for i, segments in enumerate(per_view)])
    starts, ends, radius_a, radius_b = (np.concatenate(column) for column in zip(*per_view))
    first = _render(starts, ends, radius_a, radius_b, view, len(rotations))
    shifts = CENTRE - np.array([centre_of_mass(image)[::-1] for image in first])  # (dx, dy) each
    return _render(starts + shifts[view], ends + shifts[view], radius_a, radius_b, view, len(rotations))


def _turned(parsed, middle, degrees: float):
    """The parsed strokes turned by `degrees` (clockwise on screen, y down) about `middle`."""
    if not degrees:
        return parsed
    angle = np.radians(degrees)
    turn = np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
    return [((xy - middle) @ turn + middle, widths) for xy, widths in parsed]


def _scaled(parsed):
    """The parsed strokes scaled so the ink's longest side is DIGIT_BOX, its box's middle at CENTRE."""
    points = np.concatenate([xy for xy, _ in parsed])
    low, high = points.min(axis=0), points.max(axis=0)
    scale = (DIGIT_BOX - PEN_WIDTH) / float((high - low).max())
    middle = (low + high) / 2
    return [((xy - middle) * scale + CENTRE, widths) for xy, widths in parsed]


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


def _segments(strokes):
    """Starts, ends (S, 2) and radii at each end (S,) of all strokes, resampled."""
    parts = [_resample(xy, width) for xy, width in strokes]
    return tuple(np.concatenate(column) for column in zip(*parts))


def _resample(points, widths):
    """One stroke as segments of equal length at most RESAMPLE_STEP; one point is a dot.

    Equal short segments bound each one's reach, so rendering only looks at a small window of
    pixels around each segment; cutting a sharp corner by at most a quarter step is invisible.
    """
    travelled = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(points, axis=0).T))])
    count = int(np.ceil(travelled[-1] / RESAMPLE_STEP))
    at = np.linspace(0.0, travelled[-1], count + 1)
    xy = np.stack([np.interp(at, travelled, points[:, 0]), np.interp(at, travelled, points[:, 1])], axis=1)
    radii = np.interp(at, travelled, widths) / 2
    if count == 0:
        return xy, xy, radii, radii
    return xy[:-1], xy[1:], radii[:-1], radii[1:]


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
