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
from digitpad.core.mnist.pipeline import training_batches
from digitpad.core.networks.design import network_kind
from digitpad.core.networks.keras_builder import build_network
from digitpad.core.networks.keras_training import wants_one_hot_labels
from digitpad.core.networks.layer_shapes import summarize
from digitpad.core.samples.sample_mix import mixed_training_arrays
from digitpad.core.training.training_events import (  # noqa: F401  (re-exported: the run's public vocabulary)
    FIRST_LAYER_WEIGHTS,
    STOPPED_MESSAGE,
    TrainingListener,
    TrainingSettings,
    TrainingStopped,
)
from digitpad.core.training.training_loop import Evaluator, InMemoryBatches, PipelineBatches, TrainingLoop
from digitpad.core.training.training_speed import TEST_EXAMPLES, arithmetic_rate, training_device

PROGRESS_INTERVAL_S = 0.25

# The training loop runs this many steps per call into TensorFlow. Fewer calls is the big speed lever on a
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
    if settings.augment:  # augmented on tf.data's thread while the model trains
        batches = PipelineBatches(training_batches(images, labels, settings.batch_size, True, settings.seed, one_hot))
    else:
        batches = InMemoryBatches(images, labels, settings.batch_size, settings.seed, one_hot)
    loop, validate = TrainingLoop(model, batches), Evaluator(model, one_hot)
    progress = _Progress(listener, stop_event, settings, loop)

    def read_test_split() -> dict[str, float]:  # one traced evaluation for the whole run
        return validate(mnist.x_test, mnist.y_test, lambda: raise_if_stopped(stop_event))

    history: dict[str, list[float]] = {}
    for epoch in range(settings.epochs):
        listener.phase_changed("training")
        listener.epoch_started(epoch + 1, settings.epochs)
        loop.epoch(epoch, progress.steps_done)
        listener.phase_changed("validating")  # seconds for a CNN, and Stop is honoured in it too
        checked = read_test_split()
        metrics = {**loop.metrics(), **{f"val_{name}": value for name, value in checked.items()}}
        for name, value in metrics.items():
            history.setdefault(name, []).append(value)
        listener.epoch_ended(epoch + 1, {**metrics, FIRST_LAYER_WEIGHTS: first_layer_weights(model)})
    loop.finish()
    result = TrainingResult(model, settings, history, seconds=progress.seconds(), examples=len(images))
    if _last_validation_is_the_test(model):
        result.test_accuracy = history["val_accuracy"][-1]
    else:
        listener.phase_changed("evaluating")
        result.test_accuracy = read_test_split()["accuracy"]
    return result


def _last_validation_is_the_test(model: keras.Model) -> bool:
    """Whether the last epoch's validation already measured the weights the fit leaves: the same split, the same pass.

    Not with EMA (the CNN's optimizer): the averaged weights are swapped in after that validation.
    """
    return not getattr(model.optimizer, "use_ema", False)


def evaluate(model: keras.Model, mnist: Mnist, stop_event: threading.Event | None = None) -> float:
    """Accuracy on the 10,000 MNIST test images, as a fraction; TrainingStopped if `stop_event` is set meanwhile."""
    stop_event = stop_event or threading.Event()
    validate = Evaluator(model, wants_one_hot_labels(model))
    return validate(mnist.x_test, mnist.y_test, lambda: raise_if_stopped(stop_event))["accuracy"]


def raise_if_stopped(stop_event: threading.Event) -> None:
    """TrainingStopped when a stop was asked for: the check before each phase of a run, and between its calls."""
    if stop_event.is_set():
        raise TrainingStopped("Training was stopped; the model in use was kept.")


class _Progress:
    """Between the loop's calls: honours the stop event, and tells the listener how far the run is, 4 times a second."""

    def __init__(self, listener: TrainingListener, stop_event: threading.Event, settings: TrainingSettings,
                 loop: TrainingLoop):
        self.listener, self.stop_event, self.loop = listener, stop_event, loop
        self.epochs, self.steps, self.batch_size = settings.epochs, loop.batches.steps, settings.batch_size
        self._started = time.perf_counter()
        self._last_report = 0.0

    def steps_done(self, epoch: int, done: int) -> None:
        raise_if_stopped(self.stop_event)  # so a stop lands within one call of steps
        now = time.perf_counter()
        if now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        step = epoch * self.steps + done
        metrics = self.loop.metrics()
        rate = step * self.batch_size / max(now - self._started, 1e-9)
        self.listener.batch_progress(step, self.epochs * self.steps, metrics["accuracy"], metrics["loss"], rate)

    def seconds(self) -> float:
        return time.perf_counter() - self._started
