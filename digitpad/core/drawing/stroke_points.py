"""Strokes as a person's input gives them -> clean arrays: finite points, pressure, where each stroke starts.

Input comes from the canvas, sample files and other programs, so anything goes: ragged points,
(x, y) beside (x, y, pressure), NaNs. Pure numpy.
"""

from __future__ import annotations

import numpy as np


def parse_strokes(strokes):
    """Every finite point (N, 2), its pressure (N,) or None, where each stroke starts (K,); or None.

    A stroke mixing (x, y) and (x, y, pressure) points keeps only x, y; so does a drawing whose
    strokes differ in that, stroke by stroke.
    """
    strokes = [s for s in strokes if len(s)]
    sizes = [len(s) for s in strokes]
    try:  # the usual drawing, points all alike: one conversion for all of it
        values = np.asarray([point for stroke in strokes for point in stroke], dtype=np.float64).reshape(sum(sizes), -1)
    except ValueError:
        values = None
    if values is None or values.shape[1] < 2:
        return _parse_stroke_by_stroke(strokes)
    firsts = np.cumsum([0] + sizes[:-1])
    if not np.isfinite(values[:, :2]).all():  # drop those points, and any stroke left without one
        stroke = np.repeat(np.arange(len(sizes)), sizes)
        keep = np.isfinite(values[:, :2]).all(axis=1)
        values, stroke = values[keep], stroke[keep]
        if not len(values):
            return None
        firsts = np.flatnonzero(np.diff(stroke, prepend=-1))
    return values[:, :2], values[:, 2] if values.shape[1] > 2 else None, firsts


def _parse_stroke_by_stroke(strokes):
    """As parse_strokes, for strokes of points of different lengths."""
    arrays = [_points(s) for s in strokes]
    arrays = [a[np.isfinite(a[:, :2]).all(axis=1)] for a in arrays if a.shape[1] >= 2]
    arrays = [a for a in arrays if len(a)]
    if not arrays:
        return None
    pressure = np.concatenate([a[:, 2] if a.shape[1] > 2 else np.ones(len(a)) for a in arrays])
    firsts = np.cumsum([0] + [len(a) for a in arrays[:-1]])
    return np.concatenate([a[:, :2] for a in arrays]), pressure, firsts


def _points(stroke) -> np.ndarray:
    """(n, 2) or (n, 3) floats; a stroke mixing (x, y) and (x, y, pressure) points keeps only x, y."""
    try:
        return np.asarray(stroke, dtype=np.float64).reshape(len(stroke), -1)
    except ValueError:  # ragged
        return np.asarray([tuple(point)[:2] for point in stroke], dtype=np.float64).reshape(len(stroke), -1)
