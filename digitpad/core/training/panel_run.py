"""One run as the training panel asks for it: load MNIST, train, save the unit. Pure: no Qt.

The same function runs on the panel's worker thread or in a child process
(`digitpad.core.training.training_process`); Keras is imported only when it runs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from digitpad.core.atomic_files import check_writable
from digitpad.core.networks.design import design_stem
from digitpad.core.networks.presets import KIND_PRESETS
from digitpad.core.training.mnist_loads import load_until_stopped
from digitpad.core.training.training_events import TrainingSettings, TrainingStopped

# What a request carries to a training process, as JSON: the recipe, and the design when there is one.
RECIPE_FIELDS = ("model_kind", "epochs", "batch_size", "learning_rate", "augment", "design")


@dataclass(frozen=True)
class TrainingRequest:
    """Everything one run needs: the recipe as plain values and where data and models live.

    With a `design` (a JSON-ready dict, see digitpad.core.networks.design) the run trains that
    network, its seed and optimizer included; the recipe's values override its training's.
    `for_design` fills them in from the design.
    """

    model_kind: str
    epochs: int
    batch_size: int
    learning_rate: float
    augment: bool
    models_dir: Path
    mnist_dir: str | None = None
    data_dir: str | None = None
    # The samples to mix into MNIST (oversampled), or None: (N, 28, 28) uint8 (or floats in [0, 1]), (N,) digits.
    sample_images: np.ndarray | None = field(default=None, compare=False, repr=False)
    sample_labels: np.ndarray | None = field(default=None, compare=False, repr=False)
    design: dict | None = field(default=None, hash=False)

    @classmethod
    def for_design(cls, design: dict, models_dir: Path, **changes) -> TrainingRequest:
        """A request to train `design` as it stands; `changes` set any other field. DesignError if it is bad."""
        settings = TrainingSettings.from_design(design)
        recipe = {name: getattr(settings, name) for name in RECIPE_FIELDS}
        return cls(**{**recipe, "models_dir": Path(models_dir), **changes})

    def includes_samples(self) -> bool:
        return self.sample_labels is not None and len(self.sample_labels) > 0

    def settings(self) -> TrainingSettings:
        recipe = {name: getattr(self, name) for name in RECIPE_FIELDS if name not in ("model_kind", "design")}
        if self.design is None:
            return TrainingSettings(model_kind=self.model_kind, **recipe)
        return TrainingSettings.from_design(self.design, **recipe)

    def stem_and_title(self) -> tuple[str, str]:
        """The saved run's file-name stem ("mlp", "lenet-5") and its curve's title."""
        if self.design is None:
            return self.model_kind, f"{self.model_kind} on MNIST"
        name = self.design.get("name", "network")
        # The two presets keep the names their runs always had: mlp-2026-12-06-1032.keras.
        return {preset: kind for kind, preset in KIND_PRESETS.items()}.get(name, design_stem(self.design)), \
            f"{name} on MNIST"


def train_and_save(request: TrainingRequest, listener, stop_event: threading.Event) -> tuple[Path, dict]:
    """Train as `request` says, save the run in its models folder; return the model's path and card.

    Raises TrainingStopped (or SaveCancelled) when stopped, FolderNotWritable before training
    when the folder cannot take a file, MnistUnavailable when the data cannot be had, DesignError
    (a ValueError, one sentence naming the layer) at once when the design cannot be built.
    """
    settings = request.settings()  # a bad design says so now (DesignError), before the data loads
    check_writable(request.models_dir)  # now, not after minutes of training
    listener.phase_changed("loading data")
    progress = getattr(listener, "data_progress", None)
    mnist = load_until_stopped(request.mnist_dir, request.data_dir, stop_event, progress)
    from digitpad.core.training.fit import train
    from digitpad.core.training.run_saving import save_run

    samples = (request.sample_images, request.sample_labels) if request.includes_samples() else None
    result = train(settings, mnist, listener, stop_event, samples=samples)
    if stop_event.is_set():  # stopped while evaluating: still not worth keeping
        raise TrainingStopped()
    listener.phase_changed("saving")
    card = result.card()
    if request.includes_samples():
        card["samples_included"] = len(request.sample_labels)
    path = save_run(result.model, result.history, card, request.models_dir, *request.stem_and_title(), stop_event)
    return path, card
