"""One training run, shared by train_model.py and the GUI: settings in, a trained model out.

Pure: no Qt. Progress goes to a `TrainingListener` as plain numbers; a `threading.Event`
stops the run cooperatively from any thread.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import keras
import numpy as np

from digitpad.core.calibration.held_out import calibrate_model, set_aside
from digitpad.core.inference.twin import first_layer_weights
from digitpad.core.mnist.loading import Mnist, load_mnist
from digitpad.core.mnist.pipeline import evaluation_batches, training_batches
from digitpad.core.networks.design import network_kind
from digitpad.core.networks.keras_builder import build_network
from digitpad.core.networks.keras_training import wants_one_hot_labels
from digitpad.core.networks.layer_shapes import summarize
from digitpad.core.samples.sample_mix import mixed_training_arrays
from digitpad.core.training.compute_rate import arithmetic_rate, training_device
from digitpad.core.training.training_events import (  # noqa: F401  (re-exported: the run's public vocabulary)
    FIRST_LAYER_WEIGHTS,
    STOPPED_MESSAGE,
    TrainingListener,
    TrainingSettings,
    TrainingStopped,
)

PROGRESS_INTERVAL_S = 0.25
TEST_EXAMPLES = 10_000  # validated on after each epoch

# Keras runs this many steps per call into TensorFlow. Fewer calls is the big speed lever on a
# CPU for the MLP's tiny steps; the cap keeps the progress and stop checks (which run between
# calls) under a second. A CNN step takes 0.13-0.3 s here, so 8 of them came to 1.5 s on a slow
# day; at 4 a stop lands within a second and the call overhead stays under 3% of an epoch.
STEPS_PER_EXECUTION = {"mlp": 64, "cnn": 4}
# A step of the workshop MLP: 128 images of 0.1 million multiply-adds. An MLP whose steps do more
# work gets proportionally fewer steps per call (a Dense 1024 x 2 one: 14), never under the CNN's.
WORKSHOP_STEP_MACS = 128 * 101_632


@dataclass
class TrainingResult:
    """What a finished run produced."""

    model: keras.Model
    settings: TrainingSettings
    history: dict[str, list[float]] = field(default_factory=dict)
    test_accuracy: float | None = None
    seconds: float = 0.0
    examples: int = 0  # training examples an epoch (MNIST's, and the person's samples mixed in)
    calibration: dict | None = None  # the temperature folded in, and the ECE before and after

    def card(self) -> dict:
        """The JSON card saved next to the model: the recipe, the design as trained and its size, the history."""
        design, epochs = self.settings.design_used(), len(self.history.get("accuracy", []))
        macs = summarize(design).macs
        return {
            "recipe": self.settings.recipe(),
            "design": design,
            "parameters": self.model.count_params(),
            "macs": macs,
            "history": self.history,
            "test_accuracy": self.test_accuracy,
            "training_seconds": round(self.seconds, 2),
            "epochs_completed": epochs,
            **arithmetic_rate(macs, self.examples, TEST_EXAMPLES, epochs, self.seconds),
            "device": training_device(),
            "calibration": self.calibration,
        }


def train(
    settings: TrainingSettings,
    mnist: Mnist | None = None,
    listener: TrainingListener | None = None,
    stop_event: threading.Event | None = None,
    mnist_dir: str | None = None,
    data_dir: str | None = None,
    samples: tuple[np.ndarray, np.ndarray] | None = None,
) -> TrainingResult:
    """Load MNIST (unless given), build the model, fit it, and measure its test accuracy.

    `samples`, the person's (images, labels), are mixed into the training split (see
    `sample_mix`). Raises TrainingStopped when `stop_event` is set during the run,
    MnistUnavailable when the data cannot be had.
    """
    listener = listener or TrainingListener()
    stop_event = stop_event or threading.Event()
    if mnist is None:
        listener.phase_changed("loading data")
        mnist = load_mnist(mnist_dir, data_dir, progress=getattr(listener, "data_progress", None))
    mnist, held_out = set_aside(mnist)
    x, y = mnist.x_train, mnist.y_train
    if samples is not None:
        x, y = mixed_training_arrays(mnist, *samples, seed=settings.seed)
    if settings.seed is not None:
        keras.utils.set_random_seed(settings.seed)
    steps_per_epoch = -(-len(x) // settings.batch_size)
    design = settings.design_used()  # DesignError, a ValueError, says in one sentence what cannot be built
    model = build_network(design, steps_per_epoch * settings.epochs, steps_per_execution(design))
    held_out.render_views_meanwhile()
    result = fit(model, settings, mnist, listener, stop_event, x, y)
    raise_if_stopped(stop_event)
    listener.phase_changed("calibrating")
    result.calibration = calibrate_model(result.model, held_out)
    return result


def steps_per_execution(design: dict) -> int:
    """How many steps one call into TensorFlow runs for this design: the stop lands within about a second."""
    fewest, most = STEPS_PER_EXECUTION["cnn"], STEPS_PER_EXECUTION["mlp"]
    if network_kind(design) == "cnn":
        return fewest
    work = max(1, summarize(design).macs * design["training"]["batch_size"])
    return int(min(most, max(fewest, most * 4 * WORKSHOP_STEP_MACS // work)))


def fit(
    model: keras.Model,
    settings: TrainingSettings,
    mnist: Mnist,
    listener: TrainingListener,
    stop_event: threading.Event,
    train_images: np.ndarray | None = None,
    train_labels: np.ndarray | None = None,
) -> TrainingResult:
    """Fit a compiled model on MNIST (or the given training arrays), validating on the test split."""
    raise_if_stopped(stop_event)  # stopped while the data was loading
    images = mnist.x_train if train_images is None else train_images
    labels = mnist.y_train if train_labels is None else train_labels
    one_hot = wants_one_hot_labels(model)
    batches = training_batches(images, labels, settings.batch_size, settings.augment, settings.seed, one_hot)
    validation = evaluation_batches(mnist.x_test, mnist.y_test, one_hot=one_hot)
    progress = _ProgressCallback(listener, stop_event, settings.epochs, len(batches), settings.batch_size)
    started = time.perf_counter()
    listener.phase_changed("training")
    keras_history = model.fit(
        batches,
        epochs=settings.epochs,
        validation_data=validation,
        callbacks=[progress],
        shuffle=False,  # the pipeline already reshuffles every epoch
        verbose=0,  # Keras' console bar breaks windowed apps
    )
    result = TrainingResult(model, settings, _plain(keras_history.history), seconds=time.perf_counter() - started,
                            examples=len(images))
    if _last_validation_is_the_test(model):
        result.test_accuracy = result.history["val_accuracy"][-1]
    else:
        listener.phase_changed("evaluating")
        result.test_accuracy = evaluate(model, mnist, stop_event)
    return result


def _last_validation_is_the_test(model: keras.Model) -> bool:
    """Whether the last epoch's validation already measured the weights fit() leaves: the same split, the same pass.

    Not with EMA (the CNN's optimizer): fit() swaps the averaged weights in after that validation.
    """
    return not getattr(model.optimizer, "use_ema", False)


def evaluate(model: keras.Model, mnist: Mnist, stop_event: threading.Event | None = None) -> float:
    """Accuracy on the 10,000 MNIST test images, as a fraction; TrainingStopped if `stop_event` is set meanwhile."""
    callbacks = []
    if stop_event is not None:
        raise_if_stopped(stop_event)
        callbacks.append(_StopCheck(stop_event))
    batches = evaluation_batches(mnist.x_test, mnist.y_test, one_hot=wants_one_hot_labels(model))
    _, accuracy = model.evaluate(batches, callbacks=callbacks, verbose=0)
    return float(accuracy)


def raise_if_stopped(stop_event: threading.Event) -> None:
    """TrainingStopped when a stop was asked for: the check before each phase of a run."""
    if stop_event.is_set():
        raise TrainingStopped("Training was stopped; the model in use was kept.")


class _StopCheck(keras.callbacks.Callback):
    """Honours the stop event between evaluation steps: a CNN's pass over the test split takes seconds."""

    def __init__(self, stop_event: threading.Event):
        super().__init__()
        self.stop_event = stop_event

    def on_test_batch_end(self, batch, logs=None):
        raise_if_stopped(self.stop_event)


class _ProgressCallback(_StopCheck):
    """Translates Keras' hooks into plain-number listener calls and honours the stop event."""

    def __init__(self, listener, stop_event, epochs, steps_per_epoch, batch_size):
        super().__init__(stop_event)  # its on_test_batch_end also stops the validation pass
        self.listener = listener
        self.epochs, self.steps_per_epoch, self.batch_size = epochs, steps_per_epoch, batch_size
        self._epoch = 0
        self._last_report = 0.0
        self._started = time.perf_counter()

    def on_train_begin(self, logs=None):
        self._started = time.perf_counter()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        if epoch > 0:
            self.listener.phase_changed("training")  # after the previous epoch's validation
        self.listener.epoch_started(epoch + 1, self.epochs)

    def on_test_begin(self, logs=None):
        # The epoch's pass over the test split: seconds for a CNN, and Stop is honoured in it too.
        self.listener.phase_changed("validating")

    def on_train_batch_end(self, batch, logs=None):
        # Raising, rather than setting `model.stop_training`, also skips the end-of-epoch
        # validation pass Keras would still run, so a stop lands within one execution.
        raise_if_stopped(self.stop_event)
        now = time.perf_counter()
        if now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        # With steps_per_execution, Keras numbers an epoch's last, partial execution as if it
        # were whole, so `batch` can pass the end of the epoch.
        step = self._epoch * self.steps_per_epoch + min(batch + 1, self.steps_per_epoch)
        rate = step * self.batch_size / max(now - self._started, 1e-9)
        logs = logs or {}
        self.listener.batch_progress(
            step,
            self.epochs * self.steps_per_epoch,
            float(logs.get("accuracy", 0.0)),
            float(logs.get("loss", 0.0)),
            rate,
        )

    def on_epoch_end(self, epoch, logs=None):
        metrics = {name: float(value) for name, value in (logs or {}).items()}
        metrics[FIRST_LAYER_WEIGHTS] = first_layer_weights(self.model)  # for Look inside's replay
        self.listener.epoch_ended(epoch + 1, metrics)


def _plain(history: dict) -> dict[str, list[float]]:
    return {name: [float(value) for value in values] for name, values in history.items()}
