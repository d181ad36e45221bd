"""A LiteRT twin's weights written over those of another conversion of the same network. Pure: no Qt, no TensorFlow.

TensorFlow's converter turns each weight of a plain network (Dense and Conv2D layers, no batch
norm folded into them) into one constant buffer of the `.tflite` flatbuffer, its values as they
are or with their axes permuted: a fully connected layer stores its kernel transposed, a
convolution its filters first. Converted once with random weights as markers, every constant is
found among them by its values (its layout); any other weights for the same network are then
that file with each constant overwritten by the weight it holds, permuted the same way.
"""

from __future__ import annotations

import itertools

import numpy as np
from ai_edge_litert import schema_py_generated as schema

# (buffer, weight, axes): the flatbuffer's buffer holds model weight number `weight`, transposed by `axes`.
Layout = tuple[int, int, tuple[int, ...]]


def layouts_of(tflite: bytes, markers: list[np.ndarray]) -> list[Layout] | None:
    """Where each marker weight went in a conversion of a network that had them, or None.

    None when a constant is not exactly one marker (a batch norm folded into a kernel, a constant
    of the network's own) or a marker is in no constant: such a twin cannot be refilled, only
    converted again.
    """
    constants = _float_constants(bytearray(tflite))
    if constants is None:
        return None
    layouts = []
    for buffer, values in constants.items():
        found = _marker_in(values, markers)
        if found is None:
            return None
        layouts.append((buffer, *found))
    if sorted(weight for _, weight, _ in layouts) != list(range(len(markers))):
        return None
    return layouts


def refilled(tflite: bytes, layouts: list[Layout], weights: list[np.ndarray]) -> bytes:
    """`tflite` with `weights` (the model's, in order) written where `layouts` say; ValueError if they do not fit."""
    data = bytearray(tflite)
    constants = _float_constants(data)
    if constants is None or sorted(constants) != sorted(buffer for buffer, _, _ in layouts):
        raise ValueError("The layouts do not name this file's constants.")
    if len(weights) != len(layouts):
        raise ValueError(f"{len(weights)} weights for {len(layouts)} constants.")
    for buffer, weight, axes in layouts:
        values = np.transpose(np.asarray(weights[weight], np.float32), axes).ravel()
        if values.size != constants[buffer].size:
            raise ValueError(f"Weight {weight} has {values.size} values; its constant holds {constants[buffer].size}.")
        constants[buffer][:] = values  # a view into `data`: the flatbuffer itself changes
    return bytes(data)


def _float_constants(data: bytearray) -> dict[int, np.ndarray] | None:
    """{buffer index: a writable float32 view into `data`} for every float constant; None if one is kept outside."""
    model = schema.Model.GetRootAsModel(data, 0)
    constants = {}
    for graph in (model.Subgraphs(index) for index in range(model.SubgraphsLength())):
        for tensor in (graph.Tensors(index) for index in range(graph.TensorsLength())):
            buffer = model.Buffers(tensor.Buffer())
            if buffer.DataLength() == 0:
                if buffer.Size() > 0:  # a file over 2 GB keeps its constants after the flatbuffer
                    return None
                continue
            if tensor.Type() == schema.TensorType.FLOAT32:
                constants[tensor.Buffer()] = buffer.DataAsNumpy().view(np.float32)
    return constants


def _marker_in(values: np.ndarray, markers: list[np.ndarray]) -> tuple[int, tuple[int, ...]] | None:
    """(weight, axes) for the one marker that, transposed by `axes`, is `values`; None if none is."""
    for weight, marker in enumerate(markers):
        if marker.size != values.size:
            continue
        for axes in itertools.permutations(range(marker.ndim)):
            if np.array_equal(np.transpose(marker, axes).ravel(), values):
                return weight, axes
    return None
