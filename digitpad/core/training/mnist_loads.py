"""MNIST loaded on a daemon thread and kept for later runs, so a Stop never waits out a slow load. Pure: no Qt."""

from __future__ import annotations

import threading

from digitpad.core.mnist.loading import Mnist, check_mnist_dir, load_mnist
from digitpad.core.training.background import busy
from digitpad.core.training.training_events import TrainingStopped

LOAD_POLL_S = 0.05


class _Load:
    """One `load_mnist` call on a daemon thread; its outcome is `mnist` or `error`."""

    def __init__(self, mnist_dir: str | None, data_dir: str | None):
        self.mnist: Mnist | None = None
        self.error: Exception | None = None
        self.progress = None  # the latest caller's progress callback: a run that joins takes it over
        self.thread = threading.Thread(target=self._run, args=(mnist_dir, data_dir), name="mnist-loader", daemon=True)
        self.thread.start()

    def _run(self, mnist_dir: str | None, data_dir: str | None) -> None:
        try:
            with busy():
                self.mnist = load_mnist(mnist_dir, data_dir, progress=self._report)
        except Exception as error:  # handed to the run, which reports it
            self.error = error

    def _report(self, *progress) -> None:
        if self.progress is not None:
            self.progress(*progress)


# Loads by (MNIST folder, tfds folder): a later run reuses the arrays (seconds sooner) or joins
# a load still in flight after a Stop, rather than preparing the same folder twice at once.
_loads: dict[tuple[str | None, str | None], _Load] = {}


def forget_loaded_mnist() -> None:
    """Drop the MNIST arrays kept for later runs, so the next run loads afresh (as a first run does)."""
    _loads.clear()


def load_until_stopped(mnist_dir: str | None, data_dir: str | None, stop_event: threading.Event,
                       progress=None) -> Mnist:
    """MNIST, loaded on a daemon thread, so Stop and closing never wait out a slow load.

    Offline with no folder, tensorflow-datasets retries the download for minutes; preparing
    takes ~20 s. Neither can be interrupted, so the run stops waiting instead and the loader
    ends on its own (tfds prepares into a temporary folder, so nothing half-written is kept).
    `progress(done, total, seconds_left, stage)` follows a preparation (see `load_mnist`).
    """
    key = (mnist_dir, data_dir)
    load = _loads.get(key)
    if load is None or load.error is not None:  # a failed load is tried afresh
        load = _loads[key] = _Load(mnist_dir, data_dir)
    elif load.mnist is not None and mnist_dir is not None:
        check_mnist_dir(mnist_dir)  # a file may have changed since; the check takes ~20 ms
    load.progress = progress
    try:
        while load.thread.is_alive():
            if stop_event.wait(LOAD_POLL_S):
                raise TrainingStopped()
    finally:
        load.progress = None
    if load.error is not None:
        raise load.error
    return load.mnist
