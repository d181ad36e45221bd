"""Fine-tuning on the person's samples on a worker thread: the pure core in, Qt signals out.

`training_worker.TrainingWorker` runs `training.train` only, so this is its sibling for
`fine_tuning.fine_tune`. It emits the same signals with the same meanings, so whatever drives a
TrainingWorker (the training panel's progress bar, plot and status) can drive this one too; it
reuses that module's MNIST loader (and its cache), model naming and failure sentences.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from digitpad.data import MnistUnavailable
from digitpad.training_worker import SignalListener, failure_sentence, load_until_stopped, save_run


@dataclass(frozen=True)
class FineTuneRequest:
    """One fine-tuning run: the model file to start from, the samples, and where things live."""

    model_path: Path
    images: np.ndarray  # (N, 28, 28) float32 in [0, 1], e.g. from SampleStore.arrays()
    labels: np.ndarray  # (N,) digits
    models_dir: Path
    mnist_dir: str | None = None
    data_dir: str | None = None
    settings: object = field(default=None)  # a fine_tuning.FineTuneSettings; None for its defaults


class FineTuneWorker(QObject):
    """Fine-tunes, saves and reports one run; lives on its own QThread."""

    phase_changed = Signal(str)  # "loading data", "loading model", "evaluating", "training", "saving"
    epoch_started = Signal(int, int)  # epoch (from 1), epochs
    batch_progress = Signal(int, int, float, float, float)  # step, total steps, accuracy, loss, examples/s
    epoch_ended = Signal(int, object)  # epoch, {"accuracy", "loss", "val_accuracy", "val_loss"}
    trained = Signal(str, object)  # model path, its card (with held-out and MNIST before/after)
    failed = Signal(str)  # one sentence saying what to do
    stopped = Signal()
    finished = Signal()  # always last, whatever happened

    def __init__(self, request: FineTuneRequest, stop_event: threading.Event):
        super().__init__()
        self._request = request
        self._stop_event = stop_event

    @Slot()
    def run(self) -> None:
        """Fine-tune and save; report exactly one of trained, failed or stopped, then finished."""
        from digitpad.training import TrainingStopped

        try:
            self._fine_tune_and_save()
        except TrainingStopped:
            self.stopped.emit()
        except MnistUnavailable as error:
            self.failed.emit(str(error))
        except ValueError as error:  # the core's one-sentence complaints, e.g. no samples
            self.failed.emit(str(error))
        except Exception as error:  # anything else still ends as one sentence, not a crash
            self.failed.emit(failure_sentence(error))
        finally:
            self.finished.emit()

    def _fine_tune_and_save(self) -> None:
        from digitpad.fine_tuning import fine_tune, require_samples
        from digitpad.training import TrainingStopped

        request = self._request
        require_samples(request.labels)  # before the seconds MNIST takes to load
        self.phase_changed.emit("loading data")
        mnist = load_until_stopped(request.mnist_dir, request.data_dir, self._stop_event)
        result = fine_tune(
            request.model_path, request.images, request.labels, mnist, request.settings, SignalListener(self), self._stop_event
        )
        if self._stop_event.is_set():  # stopped while evaluating: still not worth keeping
            raise TrainingStopped("Fine-tuning was stopped; the model in use was kept.")
        self.phase_changed.emit("saving")
        path = self._save(result)
        self.trained.emit(str(path), result.card())

    def _save(self, result) -> Path:
        # "mlp-tuned-2026-11-24-1032.keras": the kind, and that it learned the person's hand.
        name = result.model.name
        return save_run(result.model, result.history, result.card(), self._request.models_dir,
                        f"{name}-tuned", f"{name} fine-tuned on your samples")
