"""Nearest neighbours by Euclidean distance, brute force in numpy: 10,000 rows answer in a millisecond or two. Pure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Neighbour:
    """One of the nearest rows: its index into the rows given, its label, its distance."""

    index: int
    label: int
    distance: float

    def as_contract(self) -> dict:
        return {"index": self.index, "label": self.label, "distance": self.distance}


class NearestIndex:
    """Rows (N, D) with their labels; `nearest(point, k)` lists the k closest, nearest first."""

    def __init__(self, rows: np.ndarray, labels: np.ndarray):
        self.rows = np.ascontiguousarray(np.asarray(rows, np.float32).reshape(len(rows), -1))
        self.labels = np.asarray(labels, np.int64)
        # |a - b|^2 = |a|^2 - 2 a.b + |b|^2: one matrix-vector product per query.
        self._norms = np.einsum("ij,ij->i", self.rows, self.rows)

    def distances(self, point: np.ndarray) -> np.ndarray:
        """(N,) Euclidean distances from `point` to every row."""
        point = np.asarray(point, np.float32).ravel()
        squared = self._norms - 2.0 * (self.rows @ point) + float(point @ point)
        return np.sqrt(np.maximum(squared, 0.0))

    def nearest(self, point: np.ndarray, k: int = 8) -> list[Neighbour]:
        """The k rows closest to `point`, nearest first (ties by index)."""
        distances = self.distances(point)
        k = min(k, len(distances))
        closest = np.argpartition(distances, k - 1)[:k]
        closest = closest[np.lexsort((closest, distances[closest]))]
        return [Neighbour(int(i), int(self.labels[i]), float(distances[i])) for i in closest]


def majority(labels: list[int]) -> int:
    """The label most of the neighbours (nearest first) have; a tie goes to the nearer one's."""
    counts = np.bincount(labels, minlength=10)
    best = np.flatnonzero(counts == counts.max())
    return next(label for label in labels if label in best)
