"""The design a saved run stands for, read from its card: its own, or the one its recipe implies. Pure Python.

Cards written since designs exist hold the design as trained under "design". Older ones hold
only a "recipe": its model kind names a preset ("mlp" the workshop MLP, "cnn" the CNN), and its
epochs, batch size, learning rate, augmentation and seed are put into that preset's training.
Their CNN had the four blocks the preset had then, not today's three.
A fine-tuned run's recipe gives its base's kind and the fine-tuning's own settings.
"""

from __future__ import annotations

from digitpad.core.networks.design import DesignError, normalized, with_training
from digitpad.core.networks.presets import KIND_PRESETS, conv_block, preset_for_kind

_RECIPE_SETTINGS = ("epochs", "batch_size", "learning_rate", "augment", "seed")
# The CNN preset's network while cards held only a recipe (until 2026-12-06): every "cnn" card without a design.
CNN_BEFORE_DESIGNS = [
    *conv_block(16, kernel=5, strides=2, pool=False), *conv_block(32), *conv_block(64), *conv_block(128, pool=False),
    {"type": "flatten"}, {"type": "dense", "units": 128, "activation": "relu"},
]


def design_of_card(card) -> dict | None:
    """The complete design a run's card stands for, or None when it names none that DigitPad knows."""
    if not isinstance(card, dict):
        return None
    try:
        return normalized(card["design"]) if "design" in card else design_from_recipe(card.get("recipe"))
    except DesignError:
        return None


def design_from_recipe(recipe) -> dict | None:
    """The design an old card's recipe implies: its kind's preset with the recipe's settings; None for another kind."""
    if not isinstance(recipe, dict) or recipe.get("model_kind") not in KIND_PRESETS:
        return None
    design = preset_for_kind(recipe["model_kind"])
    if recipe["model_kind"] == "cnn":
        design["layers"] = [dict(layer) for layer in CNN_BEFORE_DESIGNS]
    settings = {name: recipe[name] for name in _RECIPE_SETTINGS if name in recipe}
    try:
        return normalized(with_training(design, **settings))
    except DesignError:  # a value out of today's ranges: the preset's own training says more than nothing
        return design
