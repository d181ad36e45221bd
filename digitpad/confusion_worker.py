"""Computes where a model fails (its confusion on MNIST's test set) on a background thread.

The same shape as `model_loader` (its docstring says why a Python thread and not a QThread): one
daemon thread takes requests from a queue and only emits signals, which Qt queues to bound slots
on the GUI thread. The thread loads its own Predictor from the model file, because the GUI's
predictor must never be called from another thread, and MNIST through the training worker's
loader, so a run that already loaded it saves these seconds.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from digitpad.background import busy


class _Results(QObject):
    """Created on the GUI thread, emitted from the computing thread: Qt queues each emission."""

    computed = Signal(str, object)
    failed = Signal(str, str)


def _compute_forever(requests: queue.Queue, results: _Results) -> None:
    """The computing thread: one request at a time until the None that says stop."""
    while (request := requests.get()) is not None:
        with busy():
            _compute_one(*request, results)


def _compute_one(model_path: str, mnist_dir: str | None, data_dir: str | None, results: _Results) -> None:
    # TensorFlow is imported here, off the GUI thread.
    from digitpad.confusion import compute_confusion
    from digitpad.data import MnistUnavailable
    from digitpad.predictor import ModelLoadError, Predictor
    from digitpad.training_worker import load_until_stopped

    try:
        predictor = Predictor.load(model_path)
        mnist = load_until_stopped(mnist_dir, data_dir, threading.Event())
        confusion = compute_confusion(predictor, mnist)
    except (ModelLoadError, MnistUnavailable) as error:
        results.failed.emit(model_path, str(error))
    except Exception as error:  # noqa: BLE001 - one sentence in the view, never a crash
        message = f"Could not test {Path(model_path).name} ({type(error).__name__}: {error})."
        results.failed.emit(model_path, message)
    else:
        results.computed.emit(model_path, confusion)


class ConfusionWorker(QObject):
    """Emits `computed(path, ConfusionResults)` or `failed(path, sentence)` for each model asked about."""

    computed = Signal(str, object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending = 0
        self._requests: queue.Queue = queue.Queue()
        self._results = _Results()  # no parent: the thread keeps it alive as long as it needs it
        self._results.computed.connect(self._on_computed)
        self._results.failed.connect(self._on_failed)
        arguments = (self._requests, self._results)
        self._thread = threading.Thread(target=_compute_forever, args=arguments, daemon=True)
        self._thread.start()

    def compute(self, model_path: str | Path, mnist_dir: str | None, data_dir: str | None) -> None:
        """Start testing the model on MNIST's 10,000 test images; the answer comes later."""
        self._pending += 1
        self._requests.put((str(model_path), mnist_dir, data_dir))

    def is_busy(self) -> bool:
        return self._pending > 0

    def shutdown(self) -> None:
        """End the thread after the request in progress, without waiting for it (it is a daemon)."""
        self._requests.put(None)

    @Slot(str, object)
    def _on_computed(self, path: str, results) -> None:
        self._pending -= 1
        self.computed.emit(path, results)

    @Slot(str, str)
    def _on_failed(self, path: str, message: str) -> None:
        self._pending -= 1
        self.failed.emit(path, message)
