"""A design's training settings as Keras objects: the optimizer, its schedule, the loss, the compile call.

The one place that says how a design trains, so that `design_script` can write the same in a
script. Imports Keras; of DigitPad, only the design's vocabulary.
"""

from __future__ import annotations

import keras

from digitpad.core.networks.design_schema import (
    EMA_MOMENTUM,
    ONE_CYCLE_END_ALPHA,
    ONE_CYCLE_START_DIVISOR,
    ONE_CYCLE_WARMUP_SHARE,
)

_OPTIMIZERS = {
    "adam": keras.optimizers.Adam,
    "sgd": keras.optimizers.SGD,
    "rmsprop": keras.optimizers.RMSprop,
    "adamw": keras.optimizers.AdamW,
}


def optimizer_for(training: dict, total_steps: int | None = None) -> keras.optimizers.Optimizer:
    """The optimizer a (normalized) design's training names, with its schedule, weight decay and EMA."""
    options = {}
    if training["ema"]:
        options.update(use_ema=True, ema_momentum=EMA_MOMENTUM)
    # Keras applies weight decay only when it is not None: 0 would add a no-op to every step.
    if training["weight_decay"] or training["optimizer"] == "adamw":
        options["weight_decay"] = training["weight_decay"]
    if training["optimizer"] == "sgd":
        options["momentum"] = training["momentum"]
    rate = training["learning_rate"]
    if training["schedule"] == "one-cycle":
        rate = one_cycle(rate, total_steps)
    return _OPTIMIZERS[training["optimizer"]](rate, **options)


def loss_for(training: dict) -> keras.losses.Loss:
    """Cross-entropy on the logits; on one-hot targets when label smoothing needs them."""
    if training["label_smoothing"]:
        return keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=training["label_smoothing"])
    return keras.losses.SparseCategoricalCrossentropy(from_logits=True)


def compile_model(model: keras.Model, optimizer, steps_per_execution: int = 1, loss=None) -> None:
    """The seed's compile settings: Adam (or `optimizer`), sparse cross-entropy on logits (or `loss`), accuracy."""
    if isinstance(optimizer, float):
        optimizer = keras.optimizers.Adam(optimizer)
    model.compile(
        optimizer=optimizer,
        loss=loss or keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution,
    )


def wants_one_hot_labels(model: keras.Model) -> bool:
    """Whether the model was compiled for one-hot targets (label smoothing needs them)."""
    return isinstance(model.loss, keras.losses.CategoricalCrossentropy)


def one_cycle(peak: float, total_steps: int | None):
    """A one-cycle schedule: a linear warm-up to `peak` over a quarter of the run, then cosine decay to near 0.

    Keras' own CosineDecay with a warm-up, so a saved model's config holds no custom class.
    Without `total_steps` (a model built only to be looked at) the rate is the peak throughout.
    """
    if not total_steps:
        return peak
    warmup = max(1, total_steps // ONE_CYCLE_WARMUP_SHARE)
    return keras.optimizers.schedules.CosineDecay(
        peak / ONE_CYCLE_START_DIVISOR, total_steps - warmup, alpha=ONE_CYCLE_END_ALPHA,
        warmup_target=peak, warmup_steps=warmup,
    )
