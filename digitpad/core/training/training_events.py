"""What a training run takes and tells: its recipe and design, its listener, its stop. Light: no Keras.

The GUI relays a run done in a child process through these alone, so that the window's
process never imports TensorFlow; `digitpad.core.training.fit` re-exports them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from digitpad.core.networks.design import network_kind, normalized, with_training
from digitpad.core.networks.layer_shapes import check_buildable
from digitpad.core.networks.presets import preset_for_kind
from digitpad.core.networks.recipes import DEFAULT_AUGMENT, DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE

FIRST_LAYER_WEIGHTS = "first_layer_weights"  # the one metric that is an array, not a float
STOPPED_MESSAGE = "Training was stopped; the model in use was kept."


# The settings a recipe names on its own; a design's other training settings (optimizer, schedule...) stay in it.
RECIPE_SETTINGS = ("epochs", "batch_size", "learning_rate", "augment", "seed")


@dataclass(frozen=True)
class TrainingSettings:
    """A training recipe; the defaults are the workshop's seed.

    `design` is the network and the rest of its training (see digitpad.core.networks.design);
    None means the preset of `model_kind`. Either way the fields here win over the design's
    own training settings: they are what the form or the command line said.
    """

    model_kind: str = "mlp"
    epochs: int = 8
    batch_size: int = 128
    learning_rate: float = 1e-3
    augment: bool = False
    seed: int | None = 42
    design: dict | None = field(default=None, hash=False)

    @classmethod
    def default(cls, model_kind: str = "mlp", **changes) -> TrainingSettings:
        """The kind's default recipe (see `recipes`), with any `changes` to it."""
        recipe = {
            "model_kind": model_kind,
            "epochs": DEFAULT_EPOCHS[model_kind],
            "batch_size": DEFAULT_BATCH_SIZE[model_kind],
            "learning_rate": DEFAULT_LEARNING_RATE[model_kind],
            "augment": DEFAULT_AUGMENT[model_kind],
        }
        return cls(**{**recipe, **changes})

    @classmethod
    def from_design(cls, design: dict, **changes) -> TrainingSettings:
        """The settings a design trains with, its training `changes` made first; DesignError if it cannot be built."""
        design = check_buildable(with_training(design, **changes))
        recipe = {name: design["training"][name] for name in RECIPE_SETTINGS}
        return cls(model_kind=network_kind(design), design=design, **recipe)

    def design_used(self) -> dict:
        """The complete design this run trains: its layers, and its training with these settings in it."""
        base = self.design if self.design is not None else preset_for_kind(self.model_kind)
        return normalized(with_training(base, **{name: getattr(self, name) for name in RECIPE_SETTINGS}))

    def recipe(self) -> dict:
        """The recipe as the card keeps it: these settings without the design (the card holds that apart)."""
        recipe = asdict(self)
        del recipe["design"]
        return recipe


class TrainingListener:
    """Receives a run's progress; every method is optional. Called on the training thread."""

    def phase_changed(self, phase: str) -> None:
        """`loading data`, `training`, `evaluating`, or `saving`."""

    def data_progress(self, done: int, total: int, seconds_left: float | None, stage: str = "preparing") -> None:
        """MNIST's first preparation (`stage` "preparing"), then decoding ("decoding"): examples done of total."""

    def epoch_started(self, epoch: int, epochs: int) -> None:
        """`epoch` counts from 1."""

    def batch_progress(
        self, step: int, total_steps: int, accuracy: float, loss: float, examples_per_second: float
    ) -> None:
        """`step` counts all steps of all epochs; a few calls a second at most."""

    def epoch_ended(self, epoch: int, metrics: dict[str, float]) -> None:
        """`metrics` holds accuracy, loss, val_accuracy and val_loss as floats, and the first
        layer's kernel as an array under FIRST_LAYER_WEIGHTS (see digitpad.core.inference.twin)."""


class TrainingStopped(Exception):
    """The run was stopped before it produced a model worth keeping."""

    def __init__(self, message: str = STOPPED_MESSAGE):
        super().__init__(message)
