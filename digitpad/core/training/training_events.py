"""What a training run takes and tells: its recipe, its listener, its stop. Light: no Keras.

The GUI relays a run done in a child process through these alone, so that the window's
process never imports TensorFlow; `digitpad.core.training.fit` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass

from digitpad.core.networks.recipes import DEFAULT_AUGMENT, DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE

FIRST_LAYER_WEIGHTS = "first_layer_weights"  # the one metric that is an array, not a float
STOPPED_MESSAGE = "Training was stopped; the model in use was kept."


@dataclass(frozen=True)
class TrainingSettings:
    """A training recipe; the defaults are the workshop's seed."""

    model_kind: str = "mlp"
    epochs: int = 8
    batch_size: int = 128
    learning_rate: float = 1e-3
    augment: bool = False
    seed: int | None = 42

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
