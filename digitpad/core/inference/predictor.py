"""What every model runtime answers: the Predictor calls, a Reading, and the error a load gives. Pure: no Qt.

`load_predictor(path)` (loading.py) picks the runtime. The twin needs no TensorFlow, so the shipped models,
the app's first stroke and `python -m digitpad predict` never import it. Both runtimes answer
the same calls, and one call (`read`) can also return the hidden activations Look inside shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

BATCH_SIZE = 512  # large inputs go through in chunks of this many images


class ModelLoadError(Exception):
    """A model file could not be used; the message is one sentence for the user."""


@dataclass(frozen=True)
class Reading:
    """What one call computed for N images: (N, 10) probabilities and, if asked, layer activations."""

    probabilities: np.ndarray
    layers: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (N, units) or (N, H, W, C)
    embedding: np.ndarray | None = None  # (N, D): the learned space the map places digits in, if asked


class Predictor:
    """Turns 28x28 float images into the 10 digit probabilities; subclasses run one runtime."""

    runtime = "none"

    def __init__(self, path: str | os.PathLike | None, name: str):
        self.path = None if path is None else Path(path)
        self._name = name

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self._name

    def read(
        self, images: np.ndarray, layers: bool = False, layer_rows: int | None = None, embedding: bool = False
    ) -> Reading:
        """One call for up to BATCH_SIZE images (N, 28, 28[, 1]); `layers` adds the activations.

        With `layer_rows`, only the first that many images' activations are kept: a convnet's
        maps for a whole saliency batch are megabytes, copied for nothing. `embedding` adds
        every image's point in the learned space (see `learned_space`).
        """
        raise NotImplementedError

    def for_another_thread(self) -> Predictor:
        """A Predictor of the same model that another thread may call (LiteRT interpreters are per thread)."""
        return self

    def learned_space(self) -> str | None:
        """"embedding" (the output layer's input), "logits" (no hidden layer), or None (the twin has neither)."""
        return None

    def layer_names(self) -> list[str]:
        """The names `read(..., layers=True)` fills, in the network's order."""
        raise NotImplementedError

    def first_layer_weights(self) -> np.ndarray | None:
        """Dense (784, units) or Conv2D (kh, kw, 1, filters) kernel, a batch norm right after it folded in."""
        raise NotImplementedError

    def output_weights(self) -> np.ndarray | None:
        """The last Dense kernel (units, 10)."""
        raise NotImplementedError

    def dense_layers(self) -> list[tuple[np.ndarray, np.ndarray]] | None:
        """Each layer's (kernel (inputs, units), bias) when the network is Dense layers alone, else None.

        What the numbers are, not what the activations are: digitpad.core.explain.dense_network checks
        those against the model's own answers before it computes anything with them.
        """
        return None

    def probabilities(self, image: np.ndarray) -> np.ndarray:
        """Probabilities (10,) for one 28x28 image with values in [0, 1]."""
        return self.probabilities_batch(image[np.newaxis])[0]

    def probabilities_of_views(self, views: np.ndarray) -> np.ndarray:
        """Probabilities (10,) averaged over several views (K, 28, 28) of one drawing, in one call."""
        return self.read_views(views).probabilities.mean(axis=0)

    def read_views(self, views: np.ndarray, layers: bool = False, embedding: bool = False) -> Reading:
        """The views' (K, 10) probabilities in one call; `layers` adds the first view's activations.

        The bars average the probabilities; Look inside explains the first view, the drawing as
        drawn, so its layers come from the same call rather than one of their own; so does the
        map's point (`embedding`, every view's).
        """
        return self.read(views, layers=layers, layer_rows=1, embedding=embedding)

    def probabilities_batch(self, images: np.ndarray, batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Probabilities (N, 10) for N images shaped (N, 28, 28) or (N, 28, 28, 1)."""
        images = as_model_input(images)
        chunks = [self.read(images[i : i + batch_size]).probabilities for i in range(0, len(images), batch_size)]
        return np.concatenate(chunks) if chunks else np.zeros((0, 10), np.float32)


def as_model_input(images: np.ndarray) -> np.ndarray:
    """(N, 28, 28, 1) float32, C-contiguous, from (N, 28, 28) or (N, 28, 28, 1)."""
    return np.ascontiguousarray(np.asarray(images, np.float32).reshape(-1, 28, 28, 1))
