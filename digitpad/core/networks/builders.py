"""The two networks DigitPad has always trained, by their old names: each is now a preset's design.

`build_model("mlp" | "cnn")` builds the workshop MLP or the CNN preset through the one code path
every design takes (`keras_builder.build_network`); nothing here is a special case.
"""

from __future__ import annotations

import keras

from digitpad.core.networks.design import with_training
from digitpad.core.networks.keras_builder import build_network, network_model
from digitpad.core.networks.keras_training import (  # noqa: F401  (re-exported: their old home)
    compile_model,
    one_cycle,
    wants_one_hot_labels,
)
from digitpad.core.networks.presets import preset_for_kind


def build_model(
    kind: str,
    learning_rate: float | None = None,
    total_steps: int | None = None,
    steps_per_execution: int = 1,
) -> keras.Model:
    """The kind's preset, compiled; `learning_rate` replaces the preset's, `total_steps` lets one-cycle anneal."""
    design = preset_for_kind(kind)
    if learning_rate is not None:
        design = with_training(design, learning_rate=learning_rate)
    return build_network(design, total_steps, steps_per_execution)


def seed_mlp() -> keras.Model:
    """The workshop network, unchanged: 784 inputs, Dense 128 ReLU, Dense 10 logits (not compiled)."""
    return network_model(preset_for_kind("mlp"))


def fast_cnn() -> keras.Model:
    """Three small conv blocks and a dense head: 99.4-99.5% on MNIST in 4 augmented epochs (not compiled)."""
    return network_model(preset_for_kind("cnn"))
