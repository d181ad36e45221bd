"""A Keras model behind the Predictor calls: the fallback for a model without a fresh LiteRT twin.

`model.predict()` is a batch API with per-call set-up that costs ~100x a single image's
arithmetic; a traced `tf.function` over the model does not. It traces the same multi-output
model the twin is converted from, so both runtimes return the same layers.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from digitpad.core.inference.model_checks import check_model_file
from digitpad.core.inference.outputs import LEARNED_SPACE, PROBABILITIES, network_order
from digitpad.core.inference.predictor import ModelLoadError, Predictor, Reading, as_model_input


class KerasPredictor(Predictor):
    """Turns 28x28 float images into the 10 digit probabilities with TensorFlow."""

    runtime = "keras"

    def __init__(self, model, path: str | os.PathLike | None = None):
        import tensorflow as tf

        from digitpad.core.inference.twin import explaining_model, first_layer_weights, output_weights

        _check_shapes(model, path)
        super().__init__(path, model.name)
        self.model = model
        explained = explaining_model(model)
        self._weights = first_layer_weights(model), output_weights(model)

        @tf.function(input_signature=[tf.TensorSpec([None, 28, 28, 1], tf.float32)], reduce_retracing=True)
        def outputs(images):
            return explained(images, training=False)

        # Traced now, not on the first stroke; calling the concrete function skips tf.function's
        # per-call signature matching, a fifth of a single image's cost.
        self._outputs = outputs.get_concrete_function()
        names = [name for name in self._outputs.structured_outputs if name != PROBABILITIES]
        self._layer_names = sorted((name for name in names if name not in LEARNED_SPACE), key=network_order)
        self._space = next((name for name in LEARNED_SPACE if name in names), None)

    @classmethod
    def load(cls, path: str | os.PathLike) -> KerasPredictor:
        """Load a `.keras` file in Keras' safe mode; ModelLoadError says what is wrong."""
        path = check_model_file(path)
        import keras

        try:
            model = keras.saving.load_model(path, compile=False, safe_mode=True)
        except Exception as error:
            raise ModelLoadError(
                f"The model file {path.name} is corrupt or unreadable ({type(error).__name__})."
            ) from error
        return cls(model, path)

    def read(
        self, images: np.ndarray, layers: bool = False, layer_rows: int | None = None, embedding: bool = False
    ) -> Reading:
        import tensorflow as tf

        outputs = self._outputs(tf.constant(as_model_input(images)))
        values = {name: outputs[name][:layer_rows].numpy() for name in self._layer_names if layers}
        point = outputs[self._space].numpy() if embedding and self._space else None
        return Reading(outputs[PROBABILITIES].numpy(), values, point)

    def layer_names(self) -> list[str]:
        return list(self._layer_names)

    def learned_space(self) -> str | None:
        return self._space

    def first_layer_weights(self) -> np.ndarray | None:
        return self._weights[0]

    def output_weights(self) -> np.ndarray | None:
        return self._weights[1]


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
