"""A model's LiteRT twin behind the Predictor calls: no TensorFlow, a fraction of a millisecond a call.

LiteRT interpreters have a fixed batch size, and resizing one re-plans its XNNPACK graph (about
a millisecond for the CNN), so each batch size in use (3 views, a saliency batch, a chunk of a
test set) keeps an interpreter of its own. An interpreter is not thread-safe: a Predictor
belongs to the thread that calls it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from ai_edge_litert.interpreter import Interpreter

from digitpad.core.inference.outputs import LEARNED_SPACE, PROBABILITIES, network_order
from digitpad.core.inference.predictor import ModelLoadError, Predictor, Reading, as_model_input
from digitpad.core.native_stderr import native_stderr_to

MAX_INTERPRETERS = 12  # the bars' views, saliency batches in steps of 8, a test-set chunk
# A saliency batch (tens of images) runs about twice as fast on two threads; for the bars'
# three views, handing work to threads costs more than it saves.
PARALLEL_BATCH = 16
THREADS = max(1, min(4, os.cpu_count() or 1))
_NATIVE_STDERR = threading.Lock()


class LiteRTPredictor(Predictor):
    """Runs the `.tflite` twin of a model (see digitpad.core.inference.twin)."""

    runtime = "litert"

    def __init__(self, content: bytes, path: str | os.PathLike | None = None, name: str = "model"):
        super().__init__(path, name)
        self._content = content
        self._interpreters: OrderedDict[int, Interpreter] = OrderedDict()
        first = self._interpreter(1)
        signature = first.get_signature_list()["serving_default"]
        self._input = signature["inputs"][0]
        # Every interpreter of these bytes numbers its tensors alike; asking each call cost 0.05 ms.
        self._input_index = first.get_input_details()[0]["index"]
        self._outputs = _output_indices(first)
        self._check_shapes(first)
        self._weights = _weights(first)
        self._dense_layers = _dense_layers(first)

    @classmethod
    def from_file(cls, twin: str | os.PathLike, model_path: str | os.PathLike | None = None) -> LiteRTPredictor:
        """The twin file as a Predictor named after `model_path`; ModelLoadError if unusable."""
        twin = Path(twin)
        try:
            return cls(twin.read_bytes(), model_path or twin, twin.stem)
        except (OSError, ValueError, RuntimeError, KeyError, IndexError) as error:
            raise ModelLoadError(f"The LiteRT file {twin.name} is unusable ({type(error).__name__}).") from error

    def read(
        self, images: np.ndarray, layers: bool = False, layer_rows: int | None = None, embedding: bool = False
    ) -> Reading:
        images = as_model_input(images)
        if len(images) == 0:
            return Reading(np.zeros((0, 10), np.float32))
        interpreter = self._interpreter(len(images))
        interpreter.set_tensor(self._input_index, images)
        interpreter.invoke()
        probabilities = interpreter.get_tensor(self._outputs[PROBABILITIES])  # a copy
        # A view of the interpreter's buffer, copied at once, only the rows asked for.
        outputs = self._layer_outputs() if layers else []
        values = {name: interpreter.tensor(index)()[:layer_rows].copy() for name, index in outputs}
        space = self.learned_space() if embedding else None
        point = interpreter.get_tensor(self._outputs[space]) if space else None
        return Reading(probabilities, values, point)

    def _layer_outputs(self) -> list[tuple[str, int]]:
        return [(name, self._outputs[name]) for name in self.layer_names()]

    def layer_names(self) -> list[str]:
        return [name for name in self._outputs if name != PROBABILITIES and name not in LEARNED_SPACE]

    def for_another_thread(self) -> LiteRTPredictor:
        return LiteRTPredictor(self._content, self.path, self._name)

    def learned_space(self) -> str | None:
        return next((name for name in LEARNED_SPACE if name in self._outputs), None)

    def first_layer_weights(self) -> np.ndarray | None:
        return self._weights[0]

    def output_weights(self) -> np.ndarray | None:
        return self._weights[1]

    def dense_layers(self) -> list[tuple[np.ndarray, np.ndarray]] | None:
        return self._dense_layers

    def _interpreter(self, batch: int) -> Interpreter:
        if batch in self._interpreters:
            self._interpreters.move_to_end(batch)
            return self._interpreters[batch]
        threads = THREADS if batch >= PARALLEL_BATCH else 1
        interpreter = Interpreter(model_content=self._content, num_threads=threads)
        index = interpreter.get_input_details()[0]["index"]
        interpreter.resize_tensor_input(index, [batch, 28, 28, 1], strict=True)
        with _native_stderr_silenced():
            interpreter.allocate_tensors()
        self._interpreters[batch] = interpreter
        if len(self._interpreters) > MAX_INTERPRETERS:
            self._interpreters.popitem(last=False)
        return interpreter

    def _check_shapes(self, interpreter: Interpreter) -> None:
        inputs = tuple(interpreter.get_input_details()[0]["shape_signature"][1:])
        shapes = {detail["index"]: detail["shape_signature"] for detail in interpreter.get_output_details()}
        outputs = tuple(shapes[self._outputs[PROBABILITIES]][1:])
        if inputs != (28, 28, 1) or outputs != (10,):
            raise ModelLoadError(f"The twin of {self.name} maps {inputs} to {outputs}, not 28x28 images to 10 digits.")


@contextmanager
def _native_stderr_silenced():
    """The process's stderr (file descriptor 2) sent to the null device for the block, one thread at a time.

    LiteRT's runtime writes "INFO: Created TensorFlow Lite XNNPACK delegate for CPU." there
    from C++ for every interpreter it plans, with no setting to stop it from Python; in
    `predict`'s output it read as something gone wrong. The block is the plan alone (about a
    millisecond, once per batch size); another thread's line written within it is lost too.
    """
    with _NATIVE_STDERR:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            with native_stderr_to(null):
                yield
        finally:
            os.close(null)


def _output_indices(interpreter: Interpreter) -> dict[str, int]:
    """Output name -> tensor index, the probabilities first, then the layers in the network's order."""
    # The public signature list has the names only; the full one (same data) has the indices.
    outputs = interpreter._get_full_signature_list()["serving_default"]["outputs"]
    if PROBABILITIES not in outputs:
        raise KeyError(PROBABILITIES)
    layers = sorted((name for name in outputs if name != PROBABILITIES), key=network_order)
    return {PROBABILITIES: outputs[PROBABILITIES], **{name: outputs[name] for name in layers}}


def _weights(interpreter: Interpreter) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The first layer's kernel and the last Dense kernel, in Keras' layout, read from the twin's constants."""
    # LiteRT stores Dense kernels as (units, inputs) and Conv2D filters as (filters, kh, kw, 1).
    ops = [op for op in interpreter._get_ops_details() if op["op_name"] in ("FULLY_CONNECTED", "CONV_2D")]
    if not ops:
        return None, None
    first = interpreter.get_tensor(ops[0]["inputs"][1])
    first = first.T.copy() if ops[0]["op_name"] == "FULLY_CONNECTED" else first.transpose(1, 2, 3, 0).copy()
    last = ops[-1]
    output = interpreter.get_tensor(last["inputs"][1]).T.copy() if last["op_name"] == "FULLY_CONNECTED" else None
    return first, output


# Ops that only reshape or normalise: a network of Dense layers and these is Dense layers alone.
# DELEGATE is XNNPACK's node standing in for ops that stay listed themselves.
_SHAPING_OPS = {"SHAPE", "STRIDED_SLICE", "PACK", "RESHAPE", "SOFTMAX", "DELEGATE"}


def _dense_layers(interpreter: Interpreter) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """Every FULLY_CONNECTED op's (kernel (inputs, units), bias), if the twin computes nothing else."""
    ops = [op for op in interpreter._get_ops_details() if op["op_name"] not in _SHAPING_OPS]
    if not ops or any(op["op_name"] != "FULLY_CONNECTED" for op in ops):
        return None
    try:
        return [_kernel_and_bias(interpreter, op["inputs"]) for op in ops]
    except ValueError:  # a kernel computed at run time, not a constant
        return None


def _kernel_and_bias(interpreter: Interpreter, inputs) -> tuple[np.ndarray, np.ndarray]:
    kernel = interpreter.get_tensor(inputs[1]).T.copy()  # LiteRT keeps (units, inputs)
    has_bias = len(inputs) > 2 and inputs[2] >= 0  # -1: a layer without a bias
    return kernel, interpreter.get_tensor(inputs[2]) if has_bias else np.zeros(kernel.shape[1], kernel.dtype)
