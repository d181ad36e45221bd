"""Where each test-time view of a drawing puts its points: turned, scaled to the digit's box, centred.

Pure numpy; the strokes pipeline resamples strokes first and places the samples with this.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from digitpad.core.drawing.mnist_field import CENTRE, DIGIT_BOX


class ViewPlacing:
    """Where each view puts a point of the drawing.

    A view turns the drawing by its angle (clockwise on screen, y down) about the middle of its
    box, then scales it so the turned ink's longest side is DIGIT_BOX less the pen's width, with the
    turned box's middle at CENTRE. Both are affine, so a stroke can be resampled before it is
    placed: the points along it land where resampling the placed stroke would put them.
    """

    def __init__(self, points: np.ndarray, rotations: tuple, pen_width: float):
        self.middle = (points.max(axis=0) + points.min(axis=0)) / 2
        self.turns = turns(rotations)  # (V, 2, 2)
        turned = (points - self.middle) @ self.turns  # (V, N, 2), about the middle
        low, high = turned.min(axis=1), turned.max(axis=1)
        self.scales = (DIGIT_BOX - pen_width) / (high - low).max(axis=1)  # (V,)
        self._box_middles = (low + high) / 2  # (V, 2), from the middle

    def place(self, points: np.ndarray, view: np.ndarray) -> np.ndarray:
        """(S, 2) points, each placed as view `view[i]` places it."""
        turned = np.einsum("si,sij->sj", points - self.middle, self.turns[view])
        return (turned - self._box_middles[view]) * self.scales[view, np.newaxis] + CENTRE


@lru_cache(maxsize=8)
def turns(rotations: tuple) -> np.ndarray:
    """(V, 2, 2) matrices that turn row vectors (x, y) by each angle in degrees, clockwise with y down."""
    angles = np.radians(np.asarray(rotations, np.float64))
    cos, sin = np.cos(angles), np.sin(angles)
    turns = np.stack([np.stack([cos, sin], -1), np.stack([-sin, cos], -1)], 1)
    turns.flags.writeable = False  # shared by every call
    return turns
