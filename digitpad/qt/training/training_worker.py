"""One training run on a worker thread: the pure core in, Qt signals out.

The worker never touches a widget; it only emits signals named for events, which Qt queues to
the panel on the GUI thread. Stopping goes through a `threading.Event`, because a queued "stop"
signal could not arrive while `fit()` blocks this thread.

By default the fit itself runs in a child process (`digitpad.core.training.training_client`) and this
thread only relays its events: TensorFlow's imports, graph tracing and tfds hold the GIL for
hundreds of milliseconds at a time, which in a thread stalls the window. DIGITPAD_TRAINING_IN=thread
(or `where="thread"`) runs it in this thread instead; then Keras is imported inside `run`.
"""

from __future__ import annotations

import logging
import os
import threading

from PySide6.QtCore import QObject, Signal, Slot

from digitpad.core.atomic_files import FolderNotWritable, check_writable
from digitpad.core.mnist.loading import MnistUnavailable
from digitpad.core.training.background import busy
from digitpad.core.training.panel_run import TrainingRequest
from digitpad.core.training.run_saving import failure_sentence

TRAINING_IN_ENV = "DIGITPAD_TRAINING_IN"
TRAINING_PLACES = ("process", "thread")
log = logging.getLogger(__name__)


def training_place(where: str | None = None) -> str:
    """Where a panel run trains: `where`, else DIGITPAD_TRAINING_IN, else "process"."""
    place = where or os.environ.get(TRAINING_IN_ENV) or "process"
    if place not in TRAINING_PLACES:
        raise ValueError(f"{TRAINING_IN_ENV} must be process or thread, not {place!r}.")
    return place


class RunWorker(QObject):
    """One run on its own QThread, reported through signals only; subclasses say what runs.

    `run` reports exactly one of trained, failed or stopped, then finished.
    """

    phase_changed = Signal(str)  # "loading data", "training", "evaluating", "saving", ...
    data_progress = Signal(int, int, object, str)  # examples done, total, seconds left or None, stage
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
        from digitpad.core.runs.model_files import SaveCancelled
        from digitpad.core.training.training_events import TrainingStopped

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
    """Trains a model from scratch on MNIST, saves it and reports: in a child process, or in this thread."""

    def __init__(self, request: TrainingRequest, stop_event: threading.Event, where: str | None = None):
        super().__init__(request, stop_event)
        self.where = training_place(where)

    def _run_and_save(self) -> None:
        if self.where == "process":
            from digitpad.core.training.training_client import run_in_child as run
        else:
            from digitpad.core.training.panel_run import train_and_save as run
        path, card = run(self._request, SignalListener(self), self._stop_event)
        self.trained.emit(str(path), card)


class SignalListener:
    """The core's TrainingListener, turned into a worker's signals; cheap, as it runs between steps.

    Any worker with the signals phase_changed, epoch_started, batch_progress and epoch_ended
    (and data_progress, if it loads MNIST).
    """

    def __init__(self, worker: QObject):
        self._worker = worker

    def phase_changed(self, phase: str) -> None:
        self._worker.phase_changed.emit(phase)

    def data_progress(self, done: int, total: int, seconds_left, stage: str = "preparing") -> None:
        self._worker.data_progress.emit(done, total, seconds_left, stage)

    def epoch_started(self, epoch: int, epochs: int) -> None:
        self._worker.epoch_started.emit(epoch, epochs)

    def batch_progress(self, step, total_steps, accuracy, loss, examples_per_second) -> None:
        self._worker.batch_progress.emit(step, total_steps, accuracy, loss, examples_per_second)

    def epoch_ended(self, epoch: int, metrics: dict) -> None:
        self._worker.epoch_ended.emit(epoch, dict(metrics))
