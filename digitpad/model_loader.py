"""Loads models on a background thread, so TensorFlow's seconds of start-up never freeze the window.

The thread only emits signals; the loader relays them on the GUI thread through bound slots (a
lambda connected to a worker's signal can run in the worker's thread).

Why a Python thread and not a QThread: a QThread whose Qt-side owner is deleted while it runs
aborts the whole process ("Destroyed while thread is still running"), and a window can be
deleted without being closed (its last Python reference dropped). A daemon thread owned by no
QObject cannot take the app down that way. It also keeps one Python thread state for all its
loads: slots run by a C++ QThread event loop get a fresh one each time, and TensorFlow, which
keeps per-thread state, crashes tracing a second model in such a thread.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from digitpad.background import busy


class _LoadResults(QObject):
    """Created on the GUI thread, emitted from the loading thread: Qt queues each emission."""

    loaded = Signal(str, object)
    failed = Signal(str, str)


def _load_forever(requests: queue.Queue, results: _LoadResults) -> None:
    """The loading thread: one request at a time until the None that says stop."""
    while (path := requests.get()) is not None:
        with busy():
            _load_one(path, results)


def _load_one(path: str, results: _LoadResults) -> None:
    from digitpad.predictor import ModelLoadError, Predictor  # imports TensorFlow: here, off the GUI thread

    try:
        predictor = Predictor.load(path)
    except ModelLoadError as error:
        results.failed.emit(path, str(error))
    except Exception as error:  # noqa: BLE001 - a model file must never take the app down
        message = f"The model {Path(path).name} could not be loaded ({type(error).__name__})."
        results.failed.emit(path, message)
    else:
        results.loaded.emit(path, predictor)


class ModelLoader(QObject):
    """Loads `.keras` models one at a time, in the order asked; emits `loaded` or `failed` per request."""

    loaded = Signal(str, object)  # path, Predictor
    failed = Signal(str, str)  # path, one-sentence message

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending = 0
        self._requests: queue.Queue = queue.Queue()
        self._results = _LoadResults()  # no parent: the thread keeps it alive as long as it needs it
        self._results.loaded.connect(self._on_loaded)
        self._results.failed.connect(self._on_failed)
        arguments = (self._requests, self._results)
        self._thread = threading.Thread(target=_load_forever, args=arguments, daemon=True)
        self._thread.start()

    def load(self, path: str | Path) -> None:
        """Start loading `path`; the answer comes later as `loaded` or `failed`."""
        self._pending += 1
        self._requests.put(str(path))

    def is_loading(self) -> bool:
        return self._pending > 0

    def shutdown(self) -> None:
        """Let a load in progress finish, then end the thread."""
        self._requests.put(None)
        self._thread.join()

    @Slot(str, object)
    def _on_loaded(self, path: str, predictor) -> None:
        self._pending -= 1
        self.loaded.emit(path, predictor)

    @Slot(str, str)
    def _on_failed(self, path: str, message: str) -> None:
        self._pending -= 1
        self.failed.emit(path, message)
