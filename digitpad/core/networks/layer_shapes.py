"""Each layer's output shape, parameters and multiply-adds, and the first layer that cannot be built. Pure Python.

No TensorFlow and no numpy, so an editor can call `summarize` on every keystroke. The counts
are Keras' own: `parameters` equals `model.count_params()` of the built model (batch norm's
four numbers per channel included, two of them not trained). Multiply-adds count what a
dense or conv layer computes per image (inputs x outputs, per output position for a conv);
pooling, activations, batch norm and dropout are counted as free.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from digitpad.core.networks.design import DesignError, normalized
from digitpad.core.networks.design_schema import CLASSES, INPUT_SHAPE, MAX_PARAMETERS


@dataclass(frozen=True)
class LayerRow:
    """One row of the table: `number` counts the written layers from 1 (0 is the input, n + 1 the output)."""

    number: int
    type: str  # a layer type, or "input" / "output" for the implied ends
    shape: tuple[int, ...]  # per image: (height, width, channels) or (values,)
    parameters: int = 0
    macs: int = 0


@dataclass(frozen=True)
class DesignSummary:
    """The rows that could be built, the totals over them, and the first error (None: it builds)."""

    rows: list[LayerRow] = field(default_factory=list)
    error: str | None = None
    error_layer: int | None = None  # the layer the error names; 0 for the design or its training

    @property
    def parameters(self) -> int:
        return sum(row.parameters for row in self.rows)

    @property
    def macs(self) -> int:
        return sum(row.macs for row in self.rows)

    def totals(self) -> dict:
        """{"parameters": int, "macs": int, "error": None or the sentence}, as the panel shows them."""
        return {"parameters": self.parameters, "macs": self.macs, "error": self.error}


class _LayerError(Exception):
    """A layer that does not fit its input; the message is the sentence's end."""


def summarize(design) -> DesignSummary:
    """The summary of a design as given (normalized first); never raises."""
    try:
        design = normalized(design)
    except DesignError as error:
        number = _number_in(str(error))
        return DesignSummary(error=str(error), error_layer=number)
    rows = [LayerRow(0, "input", INPUT_SHAPE)]
    layers = [*design["layers"], {"type": "output", "units": CLASSES, "activation": "linear"}]
    for number, layer in enumerate(layers, start=1):
        try:
            rows.append(_row(number, layer, rows[-1].shape))
        except _LayerError as error:
            return DesignSummary(rows, f"layer {number}, {layer['type']}: {error}.", number)
        total = sum(row.parameters for row in rows)
        if total > MAX_PARAMETERS:
            sentence = (f"layer {number}, {layer['type']}: it takes the network to {total:,} parameters, "
                        f"over the limit of {MAX_PARAMETERS // 1_000_000} million.")
            return DesignSummary(rows, sentence, number)
    return DesignSummary(rows)


def check_buildable(design) -> dict:
    """The normalized design, or DesignError with the first error's sentence."""
    summary = summarize(design)
    if summary.error is not None:
        raise DesignError(summary.error)
    return normalized(design)


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as a person reads it: "14x14x16", "128"."""
    return "x".join(str(size) for size in shape)


def _row(number: int, layer: dict, shape: tuple[int, ...]) -> LayerRow:
    kind = layer["type"]
    if kind in ("dense", "output"):
        advice = "put a flatten layer before it" if kind == "dense" else "end the layers with flatten or globalavgpool"
        _require_flat(shape, advice)
        inputs, units = shape[0], layer["units"]
        return LayerRow(number, kind, (units,), inputs * units + units, inputs * units)
    if kind == "conv":
        return _conv(number, layer, _require_image(shape, "convolutions"))
    if kind in ("maxpool", "avgpool"):
        return _pool(number, layer, _require_image(shape, "pooling"))
    if kind == "globalavgpool":
        return LayerRow(number, kind, (_require_image(shape, "pooling")[2],))
    if kind == "batchnorm":
        return LayerRow(number, kind, shape, 4 * shape[-1])  # gamma, beta, moving mean, moving variance
    if kind == "flatten":
        return LayerRow(number, kind, (math.prod(shape),))
    return LayerRow(number, kind, shape)  # dropout


def _conv(number: int, layer: dict, shape: tuple[int, int, int]) -> LayerRow:
    height, width, channels = shape
    kernel, strides, filters = layer["kernel"], layer["strides"], layer["filters"]
    if layer["padding"] == "valid":
        if min(height, width) < kernel:
            raise _LayerError(f"its input is {height}x{width}, smaller than its {kernel}x{kernel} kernel "
                              "with padding valid")
        out_h, out_w = (height - kernel) // strides + 1, (width - kernel) // strides + 1
    else:
        out_h, out_w = -(-height // strides), -(-width // strides)
    weights = kernel * kernel * channels * filters
    parameters = weights + (filters if layer["bias"] else 0)
    return LayerRow(number, "conv", (out_h, out_w, filters), parameters, out_h * out_w * weights)


def _pool(number: int, layer: dict, shape: tuple[int, int, int]) -> LayerRow:
    height, width, channels = shape
    size = layer["size"]
    if max(height, width) == 1:
        raise _LayerError("its input is 1x1, nothing left to pool")
    if min(height, width) < size:
        raise _LayerError(f"its input is {height}x{width}, smaller than its {size}x{size} window")
    return LayerRow(number, layer["type"], (height // size, width // size, channels))


def _require_flat(shape: tuple[int, ...], advice: str) -> None:
    if len(shape) != 1:
        raise _LayerError(f"its input is {shape_text(shape)}, not flat; {advice}")


def _require_image(shape: tuple[int, ...], what: str) -> tuple[int, int, int]:
    if len(shape) != 3:
        raise _LayerError(f"its input is flat ({shape[0]:,} values); {what} work on images, so put it before flatten")
    return shape


def _number_in(sentence: str) -> int:
    """The layer a validation sentence names ("layer 3, ..."), or 0 for the design or its training."""
    words = sentence.split()
    if len(words) > 1 and words[0] == "layer":
        digits = words[1].rstrip(",:")
        return int(digits) if digits.isdigit() else 0
    return 0
