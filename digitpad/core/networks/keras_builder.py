"""One code path from a design to a compiled Keras model, for every network DigitPad trains.

`build_network(design, total_steps, steps_per_execution)` checks the design (DesignError, one
sentence, when it cannot be built), seeds Keras with the design's seed so that the same design
always starts from the same weights, and returns a Sequential model: the design's layers, then
Dense 10 logits. Its name is the design's kind ("mlp" or "cnn", see `design.network_kind`).

Look inside finds the hidden layers by their classes (digitpad.core.inference.twin): a batch
norm's "relu" activation is a `ReLU` layer of its own, so a conv -> batchnorm -> relu block
shows as "block1", "block2"...; the Dense layers before the output as "hidden", "hidden2"...
"""

from __future__ import annotations

import keras
from keras import layers

from digitpad.core.networks.design import network_kind
from digitpad.core.networks.design_schema import CLASSES, INPUT_SHAPE
from digitpad.core.networks.fused_batch_norm import FusedBatchNormalization
from digitpad.core.networks.keras_training import compile_model, loss_for, optimizer_for
from digitpad.core.networks.layer_shapes import check_buildable


def build_network(design: dict, total_steps: int | None = None, steps_per_execution: int = 1) -> keras.Model:
    """The design's network, compiled with its optimizer, schedule (over `total_steps`) and loss.

    Its batch norms train with TensorFlow's fused kernel (see `fused_batch_norm`); hand the trained
    model to `with_keras_batch_norm` before saving it.
    """
    design = check_buildable(design)
    model = network_model(design, fused_batch_norm=True)
    training = design["training"]
    compile_model(model, optimizer_for(training, total_steps), steps_per_execution, loss_for(training))
    return model


def network_model(design: dict, fused_batch_norm: bool = False) -> keras.Model:
    """The design's network, not compiled, its weights drawn from the design's seed."""
    design = check_buildable(design)
    if design["training"]["seed"] is not None:
        keras.utils.set_random_seed(design["training"]["seed"])
    stack = [keras.Input(INPUT_SHAPE)]
    for layer in design["layers"]:
        stack.extend(keras_layers(layer, fused_batch_norm))
    stack.append(layers.Dense(CLASSES))  # logits, as the workshop has them
    return keras.Sequential(stack, name=network_kind(design))


def keras_layers(layer: dict, fused_batch_norm: bool = False) -> list:
    """The Keras layers for one (normalized) design layer: one, or two for a batch norm with an activation."""
    kind = layer["type"]
    if kind == "dense":
        return [layers.Dense(layer["units"], activation=layer["activation"])]
    if kind == "conv":
        return [layers.Conv2D(layer["filters"], layer["kernel"], strides=layer["strides"], padding=layer["padding"],
                              activation=layer["activation"], use_bias=layer["bias"])]
    if kind == "batchnorm":
        norm = FusedBatchNormalization if fused_batch_norm else layers.BatchNormalization
        return [norm(momentum=layer["momentum"]), *_activation(layer["activation"])]
    simple = {
        "maxpool": lambda: layers.MaxPooling2D(layer["size"]),
        "avgpool": lambda: layers.AveragePooling2D(layer["size"]),
        "dropout": lambda: layers.Dropout(layer["rate"]),
        "flatten": layers.Flatten,
        "globalavgpool": layers.GlobalAveragePooling2D,
    }
    return [simple[kind]()]


def _activation(name: str) -> list:
    if name == "linear":
        return []
    return [layers.ReLU() if name == "relu" else layers.Activation(name)]
