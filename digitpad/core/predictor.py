"""A loaded model behind a fast single-image call. Pure: no Qt.

`model.predict()` is a batch API with per-call set-up that costs ~100x a single image's
arithmetic; a traced `tf.function` over `model(x, training=False)` does not.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from digitpad.core.model_checks import UnsafeModel, check_model_archive


class ModelLoadError(Exception):
    """A model file could not be used; the message is one sentence for the user."""


class Predictor:
    """Turns 28x28 float images into the 10 digit probabilities."""

    def __init__(self, model, path: str | os.PathLike | None = None):
        import tensorflow as tf

        _check_shapes(model, path)
        self.model = model
        self.path = None if path is None else Path(path)
        self._flat_input = len(model.inputs[0].shape) == 2

        @tf.function(input_signature=[tf.TensorSpec([None, 28, 28, 1], tf.float32)], reduce_retracing=True)
        def probabilities(images):
            if self._flat_input:
                images = tf.reshape(images, [-1, 784])
            return tf.nn.softmax(model(images, training=False))

        # Traced now, not on the first stroke; calling the concrete function skips tf.function's
        # per-call signature matching, a fifth of a single image's cost.
        self._probabilities = probabilities.get_concrete_function()

    @classmethod
    def load(cls, path: str | os.PathLike) -> Predictor:
        """Load a `.keras` file in Keras' safe mode; ModelLoadError says what is wrong."""
        path = Path(path)
        if path.suffix != ".keras":
            raise ModelLoadError(f"{path.name} is not a Keras model file; choose a file ending in .keras.")
        if not path.is_file():
            raise ModelLoadError(f"The model file {path} does not exist.")
        try:
            check_model_archive(path)  # before Keras reads it: safe mode alone has had bypasses
        except UnsafeModel as error:
            raise ModelLoadError(str(error)) from error
        import keras

        try:
            model = keras.saving.load_model(path, compile=False, safe_mode=True)
        except Exception as error:
            raise ModelLoadError(
                f"The model file {path.name} is corrupt or unreadable ({type(error).__name__})."
            ) from error
        return cls(model, path)

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self.model.name

    def probabilities(self, image: np.ndarray) -> np.ndarray:
        """Probabilities (10,) for one 28x28 image with values in [0, 1]."""
        return self.probabilities_batch(image[np.newaxis])[0]

    def probabilities_of_views(self, views: np.ndarray) -> np.ndarray:
        """Probabilities (10,) averaged over several views (K, 28, 28) of one drawing, in one call."""
        return self.probabilities_batch(views).mean(axis=0)

    def probabilities_batch(self, images: np.ndarray, batch_size: int = 2048) -> np.ndarray:
        """Probabilities (N, 10) for N images shaped (N, 28, 28) or (N, 28, 28, 1)."""
        import tensorflow as tf

        images = np.asarray(images, np.float32).reshape(-1, 28, 28, 1)
        chunks = [
            self._probabilities(tf.constant(images[i : i + batch_size])).numpy()
            for i in range(0, len(images), batch_size)
        ]
        return np.concatenate(chunks) if chunks else np.zeros((0, 10), np.float32)


def _check_shapes(model, path) -> None:
    name = Path(path).name if path else model.name
    try:
        inputs = tuple(model.inputs[0].shape[1:])
        outputs = tuple(model.outputs[0].shape[1:])
    except (AttributeError, IndexError, TypeError) as error:
        raise ModelLoadError(
            f"The model {name} has no fixed input and output; DigitPad needs a 28x28 -> 10 model."
        ) from error
    if inputs not in {(28, 28, 1), (28, 28), (784,)} or outputs != (10,):
        raise ModelLoadError(
            f"The model {name} maps {inputs} to {outputs}; DigitPad needs 28x28 images in and 10 digit scores out."
        )
