"""Two ways to draw a learned space in 2-D: PCA (a transform, at once) and t-SNE (no transform, slow). Pure.

t-SNE places only the points it was fitted on; a new point (the drawing) is placed at the
distance-weighted mean of its nearest fitted points, as `place_by_neighbours` does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PCA, TSNE = "PCA", "t-SNE"
TSNE_INPUT_DIMENSIONS = 50  # t-SNE runs on the first PCA components, as its authors advise


@dataclass(frozen=True)
class Pca:
    """The mean and the leading principal axes (k, D) of a set of rows."""

    mean: np.ndarray
    axes: np.ndarray

    @classmethod
    def fit(cls, rows: np.ndarray, components: int = 2) -> Pca:
        """The rows' principal axes: the covariance's leading eigenvectors (10,000 x 128: a few milliseconds).

        The D x D covariance rather than an SVD of the N x D rows: the same axes, a hundred times sooner.
        """
        rows = np.asarray(rows, np.float64)
        mean = rows.mean(axis=0)
        centred = rows - mean
        values, vectors = np.linalg.eigh(centred.T @ centred)
        axes = vectors[:, np.argsort(values)[::-1][:components]].T
        # A stable sign, so the same model gives the same picture: the largest loading positive.
        signs = np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])
        return cls(mean.astype(np.float32), (axes * signs[:, None]).astype(np.float32))

    def transform(self, rows: np.ndarray) -> np.ndarray:
        """(N, k) coordinates of rows (N, D) on the axes."""
        return (np.asarray(rows, np.float32).reshape(-1, len(self.mean)) - self.mean) @ self.axes.T


def tsne(rows: np.ndarray, seed: int = 0) -> np.ndarray:
    """(N, 2) t-SNE coordinates (scikit-learn, Barnes-Hut); tens of seconds for 10,000 rows: run it in a child."""
    from sklearn.manifold import TSNE as Tsne  # heavy: only the child process imports it

    rows = np.asarray(rows, np.float32)
    reduced = Pca.fit(rows, min(TSNE_INPUT_DIMENSIONS, rows.shape[1])).transform(rows)
    # 500 iterations, not 1000: the clusters have formed by then, and it halves the wait (25 s on 2 busy cores).
    model = Tsne(2, init="pca", learning_rate="auto", perplexity=30, random_state=seed, n_jobs=2, max_iter=500)
    return model.fit_transform(reduced).astype(np.float32)


def place_by_neighbours(coordinates: np.ndarray, indices: list[int], distances: list[float]) -> np.ndarray:
    """(2,): the neighbours' map positions averaged, each weighted by 1 / distance."""
    weights = 1.0 / (np.asarray(distances, np.float64) + 1e-6)
    return (coordinates[indices] * weights[:, None]).sum(axis=0) / weights.sum()
