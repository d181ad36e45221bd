"""Flow F: the 10,000 MNIST test digits in a model's learned space, and where a drawing lands among them. Pure.

The learned space is the input of the model's output layer (its last hidden layer), or its
logits when it has none. `embed_test_set` pushes the test digits through it once per model
(half a second through the twin); `LearnedSpace.land` places one drawing: its nearest test digits
in that space and in raw pixels, and its point on the map.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from digitpad.core.explain.neighbours import NearestIndex, Neighbour
from digitpad.core.explain.projections import PCA, TSNE, Pca, place_by_neighbours
from digitpad.core.inference.outputs import LOGITS
from digitpad.core.inference.predictor import BATCH_SIZE

NEIGHBOURS = 8


class NoLearnedSpace(Exception):
    """The model's twin exports no learned space (made before the map existed); one sentence."""


@dataclass(frozen=True)
class Landing:
    """Where one drawing lands: its map position, its nearest test digits in both spaces, and how it was placed."""

    position: tuple[float, float]
    neighbours: list[Neighbour]
    pixel_neighbours: list[Neighbour]
    placed_by: str  # "the PCA transform" or "its 8 nearest neighbours"

    def as_contract(self) -> dict:
        """{"position", "neighbours", "pixel_neighbours"}: what `MainWindow.landed` emits."""
        return {
            "position": self.position,
            "neighbours": [n.as_contract() for n in self.neighbours],
            "pixel_neighbours": [n.as_contract() for n in self.pixel_neighbours],
        }


@dataclass
class LearnedSpace:
    """One model's view of the test set: each digit's point in its learned space, its answer, and the maps."""

    embeddings: np.ndarray  # (N, D) float32, in the official test order
    answers: np.ndarray  # (N,) the model's digit for each test image
    kind: str  # "embedding" or "logits"
    pca: Pca
    maps: dict = field(default_factory=dict)  # projection name -> (N, 2) coordinates
    _index: NearestIndex | None = field(default=None, repr=False)

    @classmethod
    def build(cls, embeddings: np.ndarray, answers: np.ndarray, kind: str) -> LearnedSpace:
        pca = Pca.fit(embeddings)
        return cls(np.asarray(embeddings, np.float32), np.asarray(answers), kind, pca, {PCA: pca.transform(embeddings)})

    def with_map(self, projection: str, coordinates: np.ndarray) -> LearnedSpace:
        """A copy with one more map (the original is left as it is: another thread may be reading it)."""
        return replace(self, maps={**self.maps, projection: coordinates})

    def describe(self) -> str:
        """What the map is made of, in one phrase."""
        if self.kind == LOGITS:
            return "its 10 output scores (logits): this model has no hidden layer"
        return f"its last hidden layer ({self.embeddings.shape[1]} numbers per digit)"

    def index(self, labels: np.ndarray) -> NearestIndex:
        if self._index is None:
            self._index = NearestIndex(self.embeddings, labels)
        return self._index

    def land(self, point: np.ndarray, projection: str, labels: np.ndarray, pixels: NearestIndex, image) -> Landing:
        """Place a drawing: `point` in the learned space, `image` (28, 28) for the pixel neighbours."""
        learned = self.index(labels).nearest(point, NEIGHBOURS)
        by_pixels = pixels.nearest(image, NEIGHBOURS)
        if projection == TSNE and TSNE in self.maps:
            where = place_by_neighbours(self.maps[TSNE], [n.index for n in learned], [n.distance for n in learned])
            placed_by = f"its {NEIGHBOURS} nearest neighbours (t-SNE has no transform)"
        else:
            where, placed_by = self.pca.transform(point)[0], "the PCA transform"
        return Landing((float(where[0]), float(where[1])), learned, by_pixels, placed_by)


def embed_test_set(predictor, images: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
    """Every test image's point in the model's learned space, its answer, and the space's kind; in batches."""
    kind = predictor.learned_space()
    if kind is None:
        raise NoLearnedSpace(f"The twin of {predictor.name} predates the map: save the model again to map it.")
    points, answers = [], []
    for start in range(0, len(images), BATCH_SIZE):
        reading = predictor.read(images[start : start + BATCH_SIZE], embedding=True)
        points.append(reading.embedding.reshape(len(reading.embedding), -1))
        answers.append(reading.probabilities.argmax(axis=1))
    return np.concatenate(points).astype(np.float32), np.concatenate(answers), kind


def drawing_point(embedding: np.ndarray) -> np.ndarray:
    """The drawing's point from its views' embeddings (K, D): their mean, as the bars average the views."""
    return np.asarray(embedding, np.float32).reshape(len(embedding), -1).mean(axis=0)
