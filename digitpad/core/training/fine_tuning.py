"""Teaching a model the person's handwriting from their labelled samples. Pure: no Qt.

Two ways in:
- `fine_tune`: a few seconds from the active model file. A fifth of the samples is held out
  to show before/after accuracy; the rest, oversampled, is mixed with a replay subset of
  MNIST so the model learns the new style without forgetting the old one.
- `training.train(..., samples=(images, labels))`: a full training run whose data is MNIST
  plus the samples (see `sample_mix`).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import asdict, dataclass, field, replace

import keras
import numpy as np

from digitpad.core.calibration.held_out import calibrate_model, set_aside
from digitpad.core.drawing.pixels import to_float
from digitpad.core.inference.model_checks import check_model_archive
from digitpad.core.mnist.loading import Mnist
from digitpad.core.networks.card_designs import design_of_card
from digitpad.core.networks.fused_batch_norm import with_fused_batch_norm
from digitpad.core.networks.keras_training import compile_model
from digitpad.core.runs.model_files import read_card
from digitpad.core.samples.sample_mix import checked_arrays, mix
from digitpad.core.training.fit import (
    STEPS_PER_EXECUTION,
    TrainingListener,
    TrainingSettings,
    evaluate,
    fit,
    raise_if_stopped,
)


@dataclass(frozen=True)
class FineTuneSettings:
    """A quick fine-tuning recipe: low learning rate, a few short epochs over a replay mix."""

    epochs: int = 3
    batch_size: int = 64
    learning_rate: float = 2e-4
    holdout_fraction: float = 0.2
    # MNIST training images mixed in so the model does not forget them, and the share of each
    # epoch that is (repeated) samples. Measured on the seed MLP over seven seeds: this mix
    # learns a new style from 160 drawings while MNIST test accuracy drops 0.4 points at most;
    # half the replay or more samples cost up to a point.
    replay_images: int = 12000
    sample_share: float = 0.15
    augment: bool | None = None  # None: augment as the base model was trained (its card's recipe)
    seed: int = 0


@dataclass
class FineTuneResult:
    """What a fine-tuning run produced, with the numbers that say whether it helped."""

    model: keras.Model
    settings: FineTuneSettings
    base_model: str
    samples_trained: int
    samples_held_out: int
    held_out_before: float | None  # None when there were too few samples to hold any out
    held_out_after: float | None
    mnist_before: float
    mnist_after: float
    history: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    design: dict | None = None  # the base run's design (its network), when its card names one
    calibration: dict | None = None  # refitted after fine-tuning on MNIST digits it never trained on

    def card(self) -> dict:
        """The JSON card saved next to the fine-tuned model."""
        network = {"design": self.design} if self.design is not None else {}
        return {
            "recipe": {"model_kind": self.model.name, "fine_tuned_from": self.base_model, **asdict(self.settings)},
            **network,
            "parameters": self.model.count_params(),
            "history": self.history,
            "test_accuracy": self.mnist_after,
            "test_accuracy_before": self.mnist_before,
            "held_out_samples": self.samples_held_out,
            "trained_samples": self.samples_trained,
            "held_out_accuracy_before": self.held_out_before,
            "held_out_accuracy_after": self.held_out_after,
            "training_seconds": round(self.seconds, 2),
            "epochs_completed": len(self.history.get("accuracy", [])),
            "calibration": self.calibration,
        }


def fine_tune(
    model_path: str | os.PathLike,
    images: np.ndarray,
    labels: np.ndarray,
    mnist: Mnist,
    settings: FineTuneSettings | None = None,
    listener: TrainingListener | None = None,
    stop_event: threading.Event | None = None,
) -> FineTuneResult:
    """Fine-tune a fresh copy of the model file on the samples (images (N, 28, 28) uint8 or float, labels).

    Raises `TrainingStopped` if the stop event is set, like `training.fit`.
    """
    settings = settings or FineTuneSettings()
    settings = replace(settings, augment=_augments(settings, model_path))  # the card says what ran
    listener = listener or TrainingListener()
    stop_event = stop_event or threading.Event()
    started = time.perf_counter()
    images, labels = checked_arrays(images, labels)
    require_samples(labels)
    listener.phase_changed("loading model")
    model = load_for_training(model_path, settings.learning_rate)
    train_idx, held_idx = holdout_split(labels, settings.holdout_fraction, settings.seed)
    raise_if_stopped(stop_event)  # the preamble's phases honour Stop too, not only fit()
    listener.phase_changed("evaluating")
    held_before = sample_accuracy(model, images[held_idx], labels[held_idx])
    mnist_before = evaluate(model, mnist, stop_event)
    mnist, held_out = set_aside(mnist)  # its digits are never replayed: they calibrate the result
    x, y = replay_mix(mnist, images[train_idx], labels[train_idx], settings)
    keras.utils.set_random_seed(settings.seed)
    held_out.render_views_meanwhile()
    fitted = fit(model, _training_settings(model, settings), mnist, listener, stop_event, x, y)
    listener.phase_changed("calibrating")
    calibration = calibrate_model(model, held_out)
    return FineTuneResult(
        model=model,
        settings=settings,
        base_model=os.fspath(model_path),
        samples_trained=len(train_idx),
        samples_held_out=len(held_idx),
        held_out_before=held_before,
        held_out_after=sample_accuracy(model, images[held_idx], labels[held_idx]),
        mnist_before=mnist_before,
        mnist_after=fitted.test_accuracy,
        history=fitted.history,
        seconds=time.perf_counter() - started,
        design=design_of_card(read_card(model_path)),
        calibration=calibration,
    )


def require_samples(labels: np.ndarray) -> None:
    """ValueError, in one sentence, when there is nothing to fine-tune on."""
    if len(labels) == 0:
        raise ValueError("There are no samples to fine-tune on; label a few drawings first.")


def replay_mix(
    mnist: Mnist, images: np.ndarray, labels: np.ndarray, settings: FineTuneSettings
) -> tuple[np.ndarray, np.ndarray]:
    """A random replay subset of MNIST's training split plus the oversampled samples."""
    rng = np.random.default_rng(settings.seed)
    count = min(settings.replay_images, len(mnist.y_train))
    chosen = rng.choice(len(mnist.y_train), size=count, replace=False)
    replay_x, replay_y = mnist.x_train[chosen], mnist.y_train[chosen]
    return mix(replay_x, replay_y, images, labels, settings.sample_share, settings.seed)


def holdout_split(labels: np.ndarray, fraction: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, held out): about `fraction` of each digit held out, never a digit's only sample.

    Deterministic for the same labels and seed, so before/after numbers compare like with like.
    """
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    train, held = [], []
    for digit in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == digit))
        count = min(int(round(len(members) * fraction)), len(members) - 1)
        held.extend(members[:count])
        train.extend(members[count:])
    return np.sort(np.array(train, np.int64)), np.sort(np.array(held, np.int64))


def sample_accuracy(model: keras.Model, images: np.ndarray, labels: np.ndarray) -> float | None:
    """The fraction of images (N, 28, 28), uint8 or float in [0, 1], the model labels right; None for no images."""
    if len(labels) == 0:
        return None
    logits = model(to_float(images).reshape(-1, 28, 28, 1), training=False)
    return float(np.mean(np.argmax(np.asarray(logits), axis=1) == np.asarray(labels)))


def load_for_training(model_path: str | os.PathLike, learning_rate: float) -> keras.Model:
    """A fresh, compiled copy of a model file: never the object the GUI predicts with."""
    check_model_archive(model_path)  # UnsafeModel (a ValueError) says why in one sentence
    model = with_fused_batch_norm(keras.saving.load_model(model_path, compile=False, safe_mode=True))
    compile_model(model, float(learning_rate), _steps_per_execution(model))
    return model


def _augments(settings: FineTuneSettings, model_path) -> bool:
    # A model trained without augmentation (the seed MLP) loses MNIST accuracy when its replay
    # images are suddenly rotated and shifted; one trained with it expects them.
    if settings.augment is not None:
        return settings.augment
    card = read_card(model_path) or {}
    return bool((card.get("recipe") or {}).get("augment", False))


def _training_settings(model: keras.Model, settings: FineTuneSettings) -> TrainingSettings:
    return TrainingSettings(
        model_kind=model.name,
        epochs=settings.epochs,
        batch_size=settings.batch_size,
        learning_rate=settings.learning_rate,
        augment=bool(settings.augment),
        seed=settings.seed,
    )


def _steps_per_execution(model: keras.Model) -> int:
    # Convnets get fewer steps per call so progress and stop checks stay frequent.
    return STEPS_PER_EXECUTION.get(model.name, STEPS_PER_EXECUTION["cnn"])
