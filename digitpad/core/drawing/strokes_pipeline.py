"""Vector strokes -> the 28x28 float32 image MNIST would have for them, or None. Pure numpy.

The drawing is re-rendered at the target scale, so the pen is PEN_WIDTH px on the 20 px digit
whatever size it was drawn at; its ink is then shifted so the centre of mass lands on CENTRE.
Cheap enough to run on every stroke update: about 0.5 ms for a drawing of drawn-dev (3 views).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from digitpad.core.drawing.mnist_field import CENTRE, DIGIT_BOX, MNIST_SIZE, PEN_WIDTH, centre_of_mass
from digitpad.core.drawing.sparse_strokes import smoothed
from digitpad.core.drawing.stroke_points import parse_strokes
from digitpad.core.drawing.view_placing import ViewPlacing

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


def _window(reach: float) -> tuple[int, np.ndarray, np.ndarray]:
    """The side of the square of pixels a segment can ink, and its pixels' y and x offsets (1, side**2).

    A segment is at most RESAMPLE_STEP long, so its ink spans at most RESAMPLE_STEP + 2 * reach
    across, which holds at most the floor of that, plus one, whole pixel centres in a row.
    """
    side = int(np.floor(RESAMPLE_STEP + 2 * reach)) + 1
    offsets_y, offsets_x = (a.ravel()[None, :].astype(np.float32) for a in np.mgrid[0:side, 0:side])
    return side, offsets_y, offsets_x


_WINDOW, _WINDOW_Y, _WINDOW_X = _window(_REACH)


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

    All strokes and all views go through each step together: at 28x28, numpy's cost is per call
    more than per value, so a loop over views or strokes would cost most of a drawing's time.
    """
    ink = parse_strokes(strokes)
    if ink is None:
        return None
    points, pressure, firsts = ink
    widths = _pen_widths(pressure)
    low = points.min(axis=0)
    with np.errstate(over="ignore", invalid="ignore"):  # a drawing wider than floats reach is no digit
        extent = float((points.max(axis=0) - low).max())
    if extent < min_extent or not extent > 0 or not np.isfinite(extent):
        return None
    # Brought to the digit's size first (the render rescales anyway): with coordinates near
    # 1e308, midpoints and stroke lengths would overflow to inf.
    points = (points - low) * (DIGIT_BOX / extent)
    points, widths, firsts = smoothed(points, widths, firsts)  # far-apart points joined by curves
    placing = ViewPlacing(points, tuple(rotations), PEN_WIDTH)
    samples, radii, view, start, end = _resample(points, widths, firsts, placing.scales)
    placed = placing.place(samples, view).astype(np.float32)
    radius_a, radius_b = (radii, radii) if np.isscalar(radii) else (radii[start], radii[end])
    segments = _Segments(placed[start], placed[end], radius_a, radius_b, view[start], len(placing.scales))
    shifts = CENTRE - centre_of_mass(segments.render(np.zeros(2, np.float32)))[:, ::-1]  # (dx, dy) each
    return segments.render(shifts.astype(np.float32))


def _pen_widths(pressure) -> np.ndarray | float:
    """PEN_WIDTH scaled by each point's pressure relative to the drawing's mean pressure.

    A single float when every point has the same width (a mouse, or no pressure given: None),
    so the render can skip varying the radius along each segment.
    """
    if pressure is None or pressure.min() == pressure.max():  # one pressure throughout (never true with a NaN in it)
        return PEN_WIDTH
    pressure = np.clip(np.where(np.isnan(pressure), 0.0, pressure), 0.0, 1.0)  # nan_to_num: 4x the time
    mean = pressure.mean()
    if mean <= 0:
        return PEN_WIDTH
    return PEN_WIDTH * np.clip(pressure / mean, *PRESSURE_GAIN)


def _resample(points, widths, firsts, scales):
    """Every stroke as segments of equal length at most RESAMPLE_STEP once placed, in every view.

    A stroke L long is L * scale long in a view of that scale (`scales`, (V,)), so it is cut
    into ceil(L * scale / RESAMPLE_STEP) equal segments there; a single point is a dot. Returns
    the samples along the strokes (M, 2), not yet placed, the pen's radius at each ((M,), or one
    float for all), each sample's view (M,), and the segments' start and end samples (S,).
    Equal short segments bound each one's reach, so rendering only looks at a small window of
    pixels around each; cutting a corner by a quarter step is invisible.
    """
    lasts = np.append(firsts[1:], len(points)) - 1
    steps = np.hypot(*np.diff(points, axis=0).T)
    # One pen-up gap between strokes keeps `travelled` rising, so interpolation never blends two strokes.
    steps[firsts[1:] - 1] = 1.0
    travelled = np.concatenate([[0.0], np.cumsum(steps)])
    lengths = travelled[lasts] - travelled[firsts]
    counts = np.ceil(lengths[:, None] * scales / RESAMPLE_STEP).astype(np.intp).ravel()  # per (stroke, view)
    origins = np.repeat(travelled[firsts], len(scales))
    spacing = np.where(counts > 0, np.repeat(lengths, len(scales)) / np.maximum(counts, 1), 0.0)
    pair = np.repeat(np.arange(len(counts)), counts + 1)  # each sample's (stroke, view)
    index = np.arange(len(pair)) - (np.cumsum(counts + 1) - (counts + 1))[pair]  # 0..count along it
    at = origins[pair] + index * spacing[pair]  # as np.linspace spaces them
    samples = np.stack([np.interp(at, travelled, points[:, 0]), np.interp(at, travelled, points[:, 1])], axis=1)
    radii = widths / 2 if np.isscalar(widths) else np.interp(at, travelled, widths) / 2
    # A segment starts at each sample but its pair's last; a pair of no segment draws a dot.
    count = counts[pair]
    start = np.flatnonzero((index < count) | (count == 0))
    end = start + (count[start] > 0)
    return samples, radii, pair % len(scales), start, end


class _Segments:
    """Round-capped segments of a pen, each drawn into one of `views` 28x28 images.

    Coverage is clip(radius - distance + 0.5): the share of a pixel a straight edge covers at
    that distance. Each segment only touches the pixels of a small window near its start.
    In float32 and in place where it can be: on arrays of a few thousand values, numpy's cost
    is per call and per byte, and the image is float32 anyway.
    """

    # Rendered into a field this much wider on each side, so a window that reaches past the
    # 28x28 needs no test: the ink's box is 20 px about the centre, so is its centre of mass,
    # and moving that to the centre moves the ink by 10 px at most; a window reaches _WINDOW px
    # further. Windows beyond the margin (none, but a test is cheap) are clipped onto its ring.
    MARGIN = 24

    def __init__(self, starts, ends, radius_a, radius_b, view, views: int):
        self.starts, self.views = starts, views
        self.view = view
        delta = ends - starts
        self.dx, self.dy = delta[:, 0:1], delta[:, 1:2]
        length2 = self.dx * self.dx + self.dy * self.dy
        length2[length2 == 0] = 1.0  # a dot: t is 0, the distance is to its point
        self.inverse_length2 = 1 / length2
        self.lows = np.minimum(starts, ends) - np.float32(_REACH)
        if np.isscalar(radius_a):  # one pen width throughout: the radius needs no varying along a segment
            self.radius, self.widening = np.float32(radius_a + 0.5), None
        else:
            radius_a, radius_b = radius_a.astype(np.float32)[:, None], radius_b.astype(np.float32)[:, None]
            self.radius, self.widening = radius_a + np.float32(0.5), radius_b - radius_a

    def render(self, shifts: np.ndarray) -> np.ndarray:
        """(views, 28, 28) float32 images, each view's segments moved by its (dx, dy) in `shifts` (V, 2)."""
        shift = shifts[self.view] if shifts.ndim == 2 else shifts
        origin = np.ceil(self.lows + shift)  # each window's top-left pixel
        offset = origin - (self.starts + shift)  # from the segment's start to that pixel's centre
        ox, oy = offset[:, 0:1] + _WINDOW_X, offset[:, 1:2] + _WINDOW_Y  # (S, window)
        t = ox * self.dx
        t += oy * self.dy
        t *= self.inverse_length2
        np.clip(t, 0.0, 1.0, out=t)
        ox -= t * self.dx
        oy -= t * self.dy
        ox *= ox
        oy *= oy
        ox += oy
        coverage = np.sqrt(ox, out=ox)  # the distance; float32 np.hypot is 5x slower
        np.subtract(self.radius, coverage, out=coverage)
        if self.widening is not None:
            t *= self.widening
            coverage += t
        np.minimum(coverage, 1.0, out=coverage)  # below 0 leaves the (zero) pixel as it is
        return self._paint(origin.astype(np.intp), coverage)

    def _paint(self, origin: np.ndarray, coverage: np.ndarray) -> np.ndarray:
        """Each window's coverage into its view's image, the greatest where windows overlap."""
        side = MNIST_SIZE + 2 * self.MARGIN
        np.clip(origin, -self.MARGIN, MNIST_SIZE + self.MARGIN - _WINDOW, out=origin)
        corner = (self.view * side + origin[:, 1] + self.MARGIN) * side + origin[:, 0] + self.MARGIN
        pixel = corner[:, None] + (_WINDOW_Y.astype(np.intp) * side + _WINDOW_X.astype(np.intp))
        field = np.zeros(self.views * side * side, np.float32)
        # Flat indices and values of the image's own dtype keep ufunc.at on its fast path: 2-D
        # indices take 10x longer, float64 values about 50x.
        np.maximum.at(field, pixel.ravel(), coverage.ravel())
        inner = slice(self.MARGIN, self.MARGIN + MNIST_SIZE)
        return np.ascontiguousarray(field.reshape(self.views, side, side)[:, inner, inner])
