"""One background thread that serves requests in order and answers through Qt signals.

The thread only emits signals, from an object created on the GUI thread, so every answer arrives
there as a queued call on a bound slot (a lambda connected to a worker's signal can run in the
worker's thread).

Why a Python thread and not a QThread: a QThread whose Qt-side owner is deleted while it runs
aborts the whole process ("Destroyed while thread is still running"), and a window can be
deleted without being closed (its last Python reference dropped). A daemon thread owned by no
QObject cannot take the app down that way. It also keeps one Python thread state for all its
requests: slots run by a C++ QThread event loop get a fresh one each time, and TensorFlow, which
keeps per-thread state, crashes tracing a second model in such a thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from digitpad.core.training.background import busy

log = logging.getLogger(__name__)


class RequestFailed(Exception):
    """Raised by a request's work with the one sentence the person should see."""


class _Answers(QObject):
    """Created on the GUI thread, emitted from the serving thread: Qt queues each emission."""

    done = Signal(str, object)
    failed = Signal(str, str)


class RequestThread(QObject):
    """Runs `work(key, *args)` for each request, one at a time; emits `done` or `failed` per request."""

    done = Signal(str, object)  # key, what the work returned
    failed = Signal(str, str)  # key, one-sentence message

    def __init__(self, work: Callable, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self._pending = 0
        self._requests: queue.Queue = queue.Queue()
        self._answers = _Answers()  # no parent: the thread keeps it alive as long as it needs it
        self._answers.done.connect(self._on_done)
        self._answers.failed.connect(self._on_failed)
        arguments = (work, self._requests, self._answers)
        threading.Thread(target=_serve, args=arguments, name=name, daemon=True).start()

    def request(self, key: str, *args) -> None:
        """Queue `work(key, *args)`; its answer comes later as `done` or `failed` with `key`."""
        self._pending += 1
        self._requests.put((key, *args))

    def is_busy(self) -> bool:
        return self._pending > 0

    def shutdown(self) -> None:
        """End the thread after the request in progress; quitting waits for that (background.py)."""
        self._requests.put(None)

    @Slot(str, object)
    def _on_done(self, key: str, result) -> None:
        self._pending -= 1
        self.done.emit(key, result)

    @Slot(str, str)
    def _on_failed(self, key: str, message: str) -> None:
        self._pending -= 1
        self.failed.emit(key, message)


def _serve(work: Callable, requests: queue.Queue, answers: _Answers) -> None:
    """The thread: one request at a time until the None that says stop."""
    while (request := requests.get()) is not None:
        key = request[0]
        with busy():
            try:
                result = work(*request)
            except RequestFailed as error:
                log.warning("%s: %s", key, error, exc_info=error.__cause__ is not None)
                answers.failed.emit(key, str(error))
            except Exception as error:  # noqa: BLE001 - a background job must never take the app down
                log.exception("%s could not be processed", key)
                answers.failed.emit(key, f"{Path(key).name} could not be processed ({type(error).__name__}).")
            else:
                answers.done.emit(key, result)
