"""The one run at a time, training or fine-tuning: its thread, start, stop, shutdown, and when fine-tuning may start.

Both workers emit the same signals; they arrive here as queued calls on bound slots (this object
lives on the GUI thread) and are passed on, so whatever listens is called on the GUI thread only.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Signal, Slot

from digitpad.core.samples.store import SampleStore
from digitpad.qt.training.fine_tune_worker import FineTuneRequest, FineTuneWorker
from digitpad.qt.training.training_worker import TrainingWorker

# Fewer labelled drawings than this teach a model little and measure nothing.
MIN_FINE_TUNE_SAMPLES = 10

FINE_TUNE_TIP = "Trains a copy of the model in use on your samples: seconds for an MLP, about a minute for a CNN."

class TrainingRun(QObject):
    """Owns the worker thread of the current run and relays the worker's events on the GUI thread."""

    running_changed = Signal(bool)
    phase_changed = Signal(str)
    data_progress = Signal(int, int, object, str)  # examples done, total, seconds left or None, stage
    epoch_started = Signal(int, int)  # epoch (from 1), epochs
    batch_progress = Signal(int, int, float, float, float)  # step, total, accuracy, loss, examples/s
    epoch_ended = Signal(int, object)  # epoch, metrics dict
    trained = Signal(str, object)  # model path, its card
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: TrainingWorker | FineTuneWorker | None = None
        self._stop_event = threading.Event()
        self.store: SampleStore | None = None
        self.active_model: Path | None = None

    def is_running(self) -> bool:
        """True from the start of a run until its worker thread has finished."""
        return self._thread is not None

    def thread(self) -> QThread | None:
        """The current run's thread, None when idle."""
        return self._thread

    # ----- samples and the model fine-tuning starts from

    def set_active_model(self, path: str | os.PathLike | None) -> None:
        self.active_model = Path(path) if path else None

    def sample_count(self) -> int:
        return len(self.store) if self.store is not None else 0

    def sample_arrays(self):
        """(uint8 pixels, labels) of every sample, or (None, None) when there are none."""
        return self.store.pixel_arrays() if self.sample_count() else (None, None)

    def ready_text(self) -> str:
        """What fine-tuning would do now, when nothing blocks it."""
        return (f"{self.sample_count():,} labelled drawings; fine-tuning starts from {self.active_model.stem} "
                "and holds a fifth of them out to measure the gain.")

    def fine_tune_blocker(self) -> str:
        """Why fine-tuning cannot start now, in one sentence; "" when it can."""
        count = self.sample_count()
        if self.store is not None and not self.store.loaded:
            return f"Your samples are still loading ({count:,} so far); fine-tuning can start in a moment."
        if count < MIN_FINE_TUNE_SAMPLES:
            return (f"Label at least {MIN_FINE_TUNE_SAMPLES} drawings first (you have {count}): "
                    "draw a digit, then press its key.")
        if self.active_model is None:
            return "Fine-tuning starts from the model in use; wait for it to load."
        return ""

    def fine_tune_request(self, models_dir: Path, mnist_dir: str | None, data_dir: str | None) -> FineTuneRequest:
        """A quick fine-tuning run of the active model on every sample."""
        images, labels = self.store.pixel_arrays()  # uint8: a quarter of the memory of floats
        return FineTuneRequest(self.active_model, images, labels, models_dir, mnist_dir, data_dir)

    # ----- start, stop, shutdown

    def start(self, worker_class: type[TrainingWorker] | type[FineTuneWorker], request) -> bool:
        """Start `worker_class(request, stop_event)` on a fresh thread; False if a run is going."""
        if self.is_running():
            return False
        self._stop_event = threading.Event()
        self._worker = worker_class(request, self._stop_event)
        self._thread = QThread()
        self._thread.setObjectName("trainingThread")
        self._worker.moveToThread(self._thread)
        self._connect(self._worker)
        self._thread.started.connect(self._worker.run)
        self._thread.finished.connect(self._on_thread_finished)
        self._thread.start()
        self.running_changed.emit(True)
        return True

    def is_fine_tuning(self) -> bool:
        return self.is_running() and isinstance(self._worker, FineTuneWorker)

    def stop(self) -> bool:
        """Ask the run to stop at its next batch; False when there is none."""
        if self.is_running():
            self._stop_event.set()
        return self.is_running()

    def shutdown(self, timeout_s: float = 3.0) -> None:
        """Stop any run and wait for its thread; the window calls this when it closes."""
        if not self.is_running():
            return
        self._stop_event.set()
        if self._thread.wait(int(timeout_s * 1000)):
            # Deliver the run's last queued signals (stopped, thread finished) now, in order.
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        else:
            _keep_alive_until_finished(self._thread, self._worker)
        if self.is_running():
            self._end()

    def _connect(self, worker: TrainingWorker | FineTuneWorker) -> None:
        worker.phase_changed.connect(self._on_phase_changed)
        worker.data_progress.connect(self._on_data_progress)
        worker.epoch_started.connect(self._on_epoch_started)
        worker.batch_progress.connect(self._on_batch_progress)
        worker.epoch_ended.connect(self._on_epoch_ended)
        worker.trained.connect(self._on_trained)
        worker.failed.connect(self._on_failed)
        worker.stopped.connect(self._on_stopped)
        # Quit from the worker thread itself, so shutdown()'s wait never needs the GUI loop.
        worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self.sender() is self._thread:  # not a stale one that shutdown() already ended
            self._end()

    def _end(self) -> None:
        self._thread = self._worker = None
        self.running_changed.emit(False)

    # ----- the worker's events, relayed on the GUI thread

    @Slot(str)
    def _on_phase_changed(self, phase: str) -> None:
        self.phase_changed.emit(phase)

    @Slot(int, int, object, str)
    def _on_data_progress(self, done: int, total: int, seconds_left, stage: str) -> None:
        self.data_progress.emit(done, total, seconds_left, stage)

    @Slot(int, int)
    def _on_epoch_started(self, epoch: int, epochs: int) -> None:
        self.epoch_started.emit(epoch, epochs)

    @Slot(int, int, float, float, float)
    def _on_batch_progress(self, step: int, total: int, accuracy: float, loss: float, rate: float) -> None:
        self.batch_progress.emit(step, total, accuracy, loss, rate)

    @Slot(int, object)
    def _on_epoch_ended(self, epoch: int, metrics: dict) -> None:
        self.epoch_ended.emit(epoch, metrics)

    @Slot(str, object)
    def _on_trained(self, path: str, card: dict) -> None:
        self.trained.emit(path, card)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_stopped(self) -> None:
        self.stopped.emit()


def _keep_alive_until_finished(thread: QThread, worker: QObject) -> None:
    """Hand a thread that did not stop in time to the application, so it is never destroyed while running.

    Not a module-level list: the app owns it until it finishes, and quitting waits for its work
    (it is busy background work, see core/background.py).
    """
    thread.setParent(QCoreApplication.instance())
    thread.worker = worker  # the worker lives as long as its thread
    thread.finished.connect(thread.deleteLater)
