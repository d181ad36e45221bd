"""Boxes of ink: a stroke's extent, a group's union, and the pairs of strokes a person joins or splits.

Pure numpy; number mode's grouping, fixes, rasters and reading all measure strokes this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

Pair = tuple[int, int]


@dataclass(frozen=True)
class Box:
    """An axis-aligned extent in the strokes' units, y downward."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre_x(self) -> float:
        return (self.left + self.right) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left), min(self.top, other.top),
            max(self.right, other.right), max(self.bottom, other.bottom),
        )  # fmt: skip


def stroke_box(stroke: Sequence[Sequence[float]]) -> Box | None:
    """The extent of a stroke's finite points, or None if it has none."""
    points = np.asarray([p[:2] for p in stroke], dtype=np.float64).reshape(-1, 2)
    points = points[np.isfinite(points).all(axis=1)]
    if not len(points):
        return None
    (left, top), (right, bottom) = points.min(axis=0), points.max(axis=0)
    return Box(float(left), float(top), float(right), float(bottom))


def group_box(boxes: Sequence[Box | None], group: Iterable[int]) -> Box:
    """The union of the boxes of one group."""
    chosen = [boxes[i] for i in group if boxes[i] is not None]
    union = chosen[0]
    for box in chosen[1:]:
        union = union.union(box)
    return union
