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
from digitpad.core.training.mnist_loads import load_until_stopped
from digitpad.core.training.training_events import TrainingSettings, TrainingStopped

RECIPE_FIELDS = ("model_kind", "epochs", "batch_size", "learning_rate", "augment")


@dataclass(frozen=True)
class TrainingRequest:
    """Everything one run needs: the recipe as plain values and where data and models live."""

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

    def includes_samples(self) -> bool:
        return self.sample_labels is not None and len(self.sample_labels) > 0

    def settings(self) -> TrainingSettings:
        return TrainingSettings(*(getattr(self, name) for name in RECIPE_FIELDS))


def train_and_save(request: TrainingRequest, listener, stop_event: threading.Event) -> tuple[Path, dict]:
    """Train as `request` says, save the run in its models folder; return the model's path and card.

    Raises TrainingStopped (or SaveCancelled) when stopped, FolderNotWritable before training
    when the folder cannot take a file, MnistUnavailable when the data cannot be had.
    """
    check_writable(request.models_dir)  # now, not after minutes of training
    listener.phase_changed("loading data")
    progress = getattr(listener, "data_progress", None)
    mnist = load_until_stopped(request.mnist_dir, request.data_dir, stop_event, progress)
    from digitpad.core.training.fit import train
    from digitpad.core.training.run_saving import save_run

    samples = (request.sample_images, request.sample_labels) if request.includes_samples() else None
    result = train(request.settings(), mnist, listener, stop_event, samples=samples)
    if stop_event.is_set():  # stopped while evaluating: still not worth keeping
        raise TrainingStopped()
    listener.phase_changed("saving")
    card = result.card()
    if request.includes_samples():
        card["samples_included"] = len(request.sample_labels)
    kind = request.model_kind
    path = save_run(result.model, result.history, card, request.models_dir, kind, f"{kind} on MNIST", stop_event)
    return path, card
