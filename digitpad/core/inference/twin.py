"""A Keras model's LiteRT twin: the same network as a `.tflite` file that runs without TensorFlow.

The twin is a multi-output export, so one call gives the bars and, when Look inside asks, the
hidden activations (`explaining_model` says which). Converting needs TensorFlow; running the
twin (digitpad.core.inference.litert_predictor) does not.
"""

from __future__ import annotations

import gc
import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import keras
import numpy as np

from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.inference.outputs import EMBEDDING, LOGITS, PROBABILITIES
from digitpad.core.inference.twin_files import twin_path

IMAGE_SHAPE = (28, 28, 1)
_POOLING = (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)
_LEARNED = (keras.layers.Dense, keras.layers.Conv2D, keras.layers.DepthwiseConv2D, keras.layers.SeparableConv2D)


def explaining_model(model: keras.Model) -> keras.Model:
    """A model from (N, 28, 28, 1) images to {"probabilities": (N, 10), layer name: activations}.

    Also "embedding" (the output layer's input) or "logits" (no hidden layer): the map's space.
    """
    image, logits, steps = _graph(model)
    outputs = {PROBABILITIES: keras.layers.Softmax(name=PROBABILITIES)(logits), **hidden_outputs(steps)}
    outputs.update(learned_space_output(steps, logits))
    return keras.Model(image, outputs, name=f"{model.name}_explained")


def learned_space_output(steps: list, logits) -> dict:
    """{"embedding": the last Dense layer's input}, or {"logits": ...} when nothing is learned before it.

    "Before it" means a Dense or Conv2D layer: Flatten, Reshape or Dropout in front of the
    output layer leave the pixels as they are, so such a model (logistic regression) maps its logits.
    """
    learned = [index for index, (layer, _, _) in enumerate(steps) if isinstance(layer, _LEARNED)]
    if not learned or not isinstance(steps[learned[-1]][0], keras.layers.Dense):
        return {}  # no steps (shared layers), or an output layer that is not Dense: the bars only
    if len(learned) == 1:
        return {LOGITS: keras.layers.Identity(name=LOGITS)(logits)}
    before = steps[learned[-1]][1]
    # Its own node: an output that is also a Look inside layer ("hidden") would be one tensor under two names.
    return {EMBEDDING: keras.layers.Flatten(name=EMBEDDING)(before)}


def hidden_outputs(steps: list) -> dict:
    """The activations Look inside shows, by stable name, from (layer, its input, its output) steps.

    A convnet: "block1", "block2"... each block's maps after its ReLU (14x14x16 for the fast
    CNN's first block; a block that pools after its ReLU shows its full-resolution maps), or,
    with no ReLU layers, the maps each block hands to its pooling layer.
    Otherwise (the seed MLP): "hidden", "hidden2"... the outputs of every Dense layer but the last.
    """
    rectified = [after for layer, _, after in steps if isinstance(layer, keras.layers.ReLU) and len(after.shape) == 4]
    pooled = [before for layer, before, _ in steps if isinstance(layer, _POOLING)]
    if rectified or pooled:
        return {f"block{i + 1}": tensor for i, tensor in enumerate(rectified or pooled)}
    dense = [after for layer, _, after in steps if isinstance(layer, keras.layers.Dense)][:-1]
    return {("hidden" if i == 0 else f"hidden{i + 1}"): tensor for i, tensor in enumerate(dense)}


def _graph(model: keras.Model):
    """The model's image input, its logits and its (layer, input, output) steps, fed (N, 28, 28, 1).

    Built from the model's own tensors when it takes 28x28x1 images; a Sequential model that
    takes (784,) or (28, 28) is re-applied behind a Reshape (a nested model would hide its layers).
    """
    wanted = tuple(model.inputs[0].shape[1:])
    if wanted == IMAGE_SHAPE:
        try:
            steps = [(layer, layer.input, layer.output) for layer in model.layers]
        except (AttributeError, ValueError):  # shared layers: the bars only
            steps = []
        return model.inputs[0], model.outputs[0], steps
    if not isinstance(model, keras.Sequential):
        raise ValueError(f"{model.name} takes {wanted} and is not Sequential; it cannot be fed 28x28x1 images.")
    image = keras.Input(IMAGE_SHAPE, name="image")
    tensor, steps = keras.layers.Reshape(wanted)(image), []
    for layer in model.layers:
        output = layer(tensor)
        steps.append((layer, tensor, output))
        tensor = output
    return image, tensor, steps


def to_litert(model: keras.Model) -> bytes:
    """The `.tflite` bytes of the model's explaining twin (float32, builtin ops only)."""
    import tensorflow as tf

    with _converter_that_leaves_collection_to_the_main_thread(), tempfile.TemporaryDirectory(
        prefix="digitpad-twin-"
    ) as folder:
        path = Path(folder) / "twin.tflite"
        builtins_only = {"supported_ops": [tf.lite.OpsSet.TFLITE_BUILTINS]}  # LiteRT runs them without TF
        explaining_model(model).export(str(path), format="litert", verbose=False, target_spec=builtins_only)
        return path.read_bytes()


_CONVERTING = threading.Lock()


class _NoCollection:
    """The gc module as TensorFlow's converter sees it during a conversion: all of it but collect()."""

    def __getattr__(self, name):
        return getattr(gc, name)

    @staticmethod
    def collect(generation: int = 2) -> int:
        return 0


@contextmanager
def _converter_that_leaves_collection_to_the_main_thread():
    """Skip the `gc.collect()` TensorFlow's SavedModel converter makes, in whatever thread converts.

    Twins are converted on worker threads (a run's save, a model loaded without its twin), and a
    collection there destroys whatever cycles are garbage at that moment, a closed window's Qt
    widgets among them, off their own thread: the test suite crashed so. The app collects on its
    main thread instead (digitpad.qt.app.gui_thread_gc); only this one collection is skipped.
    """
    from tensorflow.lite.python import lite

    with _CONVERTING:  # one conversion at a time: the stand-in is module-wide
        lite.gc = _NoCollection()
        try:
            yield
        finally:
            lite.gc = gc


def write_twin(model: keras.Model, model_path: str | os.PathLike) -> Path:
    """Convert the model and write its twin atomically beside `model_path`; return the twin's path."""
    path = twin_path(model_path)
    write_bytes_atomically(path, to_litert(model))
    return path


def first_layer_weights(model: keras.Model) -> np.ndarray | None:
    """The first Dense or Conv2D kernel, with a batch norm right after it folded in.

    Folded because that is what the twin computes with (the converter folds it), so the filters
    shown are the same whichever runtime serves the model: Dense (784, units), Conv2D (kh, kw, 1, filters).
    """
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    for index, layer in enumerate(layers):
        if isinstance(layer, (keras.layers.Dense, keras.layers.Conv2D)):
            kernel = np.asarray(layer.kernel.numpy(), np.float32)
            after = layers[index + 1] if index + 1 < len(layers) else None
            if isinstance(after, keras.layers.BatchNormalization):
                kernel = kernel * _batch_norm_scale(after)
            return kernel
    return None


def output_weights(model: keras.Model) -> np.ndarray | None:
    """The last Dense kernel (units, 10): how each unit before it pushes each digit's score."""
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    return np.asarray(dense[-1].kernel.numpy(), np.float32) if dense else None


def _batch_norm_scale(layer) -> np.ndarray:
    gamma = layer.gamma.numpy() if layer.scale else 1.0
    return (gamma / np.sqrt(layer.moving_variance.numpy() + layer.epsilon)).astype(np.float32)
