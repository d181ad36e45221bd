"""One training run on a worker thread: the pure core in, Qt signals out.

The worker never touches a widget; it only emits signals named for events, which Qt queues to
the panel on the GUI thread. Stopping goes through a `threading.Event`, because a queued "stop"
signal could not arrive while `fit()` blocks this thread. The core (and with it Keras) is
imported inside `run`, so importing this module stays cheap on the GUI thread.
"""

from __future__ import annotations

import datetime
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from digitpad.core.background import busy
from digitpad.core.data import Mnist, MnistUnavailable, check_mnist_dir, load_mnist
from digitpad.core.temp_files import FolderNotWritable, check_writable

LOAD_POLL_S = 0.05
log = logging.getLogger(__name__)


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
    # The person's samples to mix into MNIST (oversampled), or None: (N, 28, 28) floats and (N,) digits.
    sample_images: np.ndarray | None = field(default=None, compare=False, repr=False)
    sample_labels: np.ndarray | None = field(default=None, compare=False, repr=False)

    def includes_samples(self) -> bool:
        return self.sample_labels is not None and len(self.sample_labels) > 0


class RunWorker(QObject):
    """One run on its own QThread, reported through signals only; subclasses say what runs.

    `run` reports exactly one of trained, failed or stopped, then finished.
    """

    phase_changed = Signal(str)  # "loading data", "training", "evaluating", "saving", ...
    epoch_started = Signal(int, int)  # epoch (from 1), epochs
    batch_progress = Signal(int, int, float, float, float)  # step, total steps, accuracy, loss, examples/s
    epoch_ended = Signal(int, object)  # epoch, {"accuracy", "loss", "val_accuracy", "val_loss"}
    trained = Signal(str, object)  # model path, its card
    failed = Signal(str)  # one sentence saying what to do
    stopped = Signal()
    finished = Signal()  # always last, whatever happened

    def __init__(self, request, stop_event: threading.Event):
        super().__init__()
        self._request = request
        self._stop_event = stop_event

    @Slot()
    def run(self) -> None:
        # Busy until the run has ended, so quitting waits for it rather than force-unwinding a
        # thread inside TensorFlow (an abort); every phase honours Stop, so that wait is short.
        with busy():
            try:
                self._report_outcome()
            finally:
                self.finished.emit()

    def _report_outcome(self) -> None:
        """Run, then emit exactly one of trained (from `_run_and_save`), failed or stopped."""
        try:
            check_writable(self._request.models_dir)  # now, not after minutes of training
        except FolderNotWritable as error:
            self.failed.emit(str(error))
            return
        from digitpad.core.model_files import SaveCancelled
        from digitpad.core.training import TrainingStopped

        try:
            self._run_and_save()
        except (TrainingStopped, SaveCancelled):
            self.stopped.emit()
        except (MnistUnavailable, ValueError) as error:  # the core's one-sentence complaints
            log.warning("The run failed: %s", error)
            self.failed.emit(str(error))
        except Exception as error:  # anything else still ends as one sentence, not a crash
            log.exception("The run failed")
            self.failed.emit(failure_sentence(error))

    def _run_and_save(self) -> None:
        raise NotImplementedError


class TrainingWorker(RunWorker):
    """Trains a model from scratch on MNIST, saves it and reports."""

    def _run_and_save(self) -> None:
        from digitpad.core.training import TrainingSettings, TrainingStopped

        request = self._request
        settings = TrainingSettings(
            request.model_kind, request.epochs, request.batch_size, request.learning_rate, request.augment
        )
        self.phase_changed.emit("loading data")
        mnist = load_until_stopped(request.mnist_dir, request.data_dir, self._stop_event)
        result = self._train(settings, mnist)
        if self._stop_event.is_set():  # stopped while evaluating: still not worth keeping
            raise TrainingStopped()
        self.phase_changed.emit("saving")
        card = result.card()
        if request.includes_samples():
            card["samples_included"] = len(request.sample_labels)
        path = self._save(result, card)
        self.trained.emit(str(path), card)

    def _train(self, settings, mnist: Mnist):
        from digitpad.core.training import train

        request = self._request
        samples = (request.sample_images, request.sample_labels) if request.includes_samples() else None
        return train(settings, mnist, SignalListener(self), self._stop_event, samples=samples)

    def _save(self, result, card: dict) -> Path:
        kind = self._request.model_kind
        return save_run(result.model, result.history, card, self._request.models_dir, kind, f"{kind} on MNIST",
                        self._stop_event)


def save_run(model, history: dict, card: dict, models_dir: Path, stem: str, title: str,
             stop_event: threading.Event | None = None) -> Path:
    """Save a finished run under a fresh name in `models_dir`: model, twin, JSON card, curve, as one unit."""
    from digitpad.core.learning_curve import learning_curve_png
    from digitpad.core.model_files import save_model

    path = unique_model_path(models_dir, stem)
    cancelled = stop_event.is_set if stop_event is not None else None  # quitting mid-save leaves nothing
    save_model(model, path, card, learning_curve_png(history, title), cancelled)
    return path


class SignalListener:
    """The core's TrainingListener, turned into a worker's signals; cheap, as it runs between steps.

    Any worker with the signals phase_changed, epoch_started, batch_progress and epoch_ended.
    """

    def __init__(self, worker: QObject):
        self._worker = worker

    def phase_changed(self, phase: str) -> None:
        self._worker.phase_changed.emit(phase)

    def epoch_started(self, epoch: int, epochs: int) -> None:
        self._worker.epoch_started.emit(epoch, epochs)

    def batch_progress(self, step, total_steps, accuracy, loss, examples_per_second) -> None:
        self._worker.batch_progress.emit(step, total_steps, accuracy, loss, examples_per_second)

    def epoch_ended(self, epoch: int, metrics: dict) -> None:
        self._worker.epoch_ended.emit(epoch, dict(metrics))


class _Load:
    """One `load_mnist` call on a daemon thread; its outcome is `mnist` or `error`."""

    def __init__(self, mnist_dir: str | None, data_dir: str | None):
        self.mnist: Mnist | None = None
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._run, args=(mnist_dir, data_dir), name="mnist-loader", daemon=True)
        self.thread.start()

    def _run(self, mnist_dir: str | None, data_dir: str | None) -> None:
        try:
            with busy():
                self.mnist = load_mnist(mnist_dir, data_dir)
        except Exception as error:  # handed to the worker, which reports it
            self.error = error


# Loads by (MNIST folder, tfds folder): a later run reuses the arrays (seconds sooner) or joins
# a load still in flight after a Stop, rather than preparing the same folder twice at once.
_loads: dict[tuple[str | None, str | None], _Load] = {}


def forget_loaded_mnist() -> None:
    """Drop the MNIST arrays kept for later runs, so the next run loads afresh (as a first run does)."""
    _loads.clear()


def load_until_stopped(mnist_dir: str | None, data_dir: str | None, stop_event: threading.Event) -> Mnist:
    """MNIST, loaded on a daemon thread, so Stop and closing never wait out a slow load.

    Offline with no folder, tensorflow-datasets retries the download for minutes; preparing
    takes ~15 s. Neither can be interrupted, so the run stops waiting instead and the loader
    ends on its own (tfds prepares into a temporary folder, so nothing half-written is kept).
    """
    from digitpad.core.training import TrainingStopped

    key = (mnist_dir, data_dir)
    load = _loads.get(key)
    if load is None or load.error is not None:  # a failed load is tried afresh
        load = _loads[key] = _Load(mnist_dir, data_dir)
    elif load.mnist is not None and mnist_dir is not None:
        check_mnist_dir(mnist_dir)  # a file may have changed since; the check takes ~20 ms
    while load.thread.is_alive():
        if stop_event.wait(LOAD_POLL_S):
            raise TrainingStopped()
    if load.error is not None:
        raise load.error
    return load.mnist


def unique_model_path(models_dir: Path, model_kind: str, now: datetime.datetime | None = None) -> Path:
    """`models_dir/mlp-2026-11-24-1032.keras`, with `-2`, `-3`... when that name is taken."""
    stem = f"{model_kind}-{(now or datetime.datetime.now()):%Y-%m-%d-%H%M}"
    path = Path(models_dir) / f"{stem}.keras"
    number = 2
    while path.exists():
        path = Path(models_dir) / f"{stem}-{number}.keras"
        number += 1
    return path


def failure_sentence(error: Exception) -> str:
    """One sentence for an unexpected failure, naming its cause."""
    if isinstance(error, OSError):
        return f"The model could not be saved ({error}); check that the models folder is writable and has free space."
    return f"Training failed ({type(error).__name__}: {error}); check the settings and try again."
