"""Counting the examples tensorflow-datasets prepares, for a bar with real progress. Pure: no Qt.

tfds prepares a split by iterating `utils.tqdm(generator, desc="Generating train examples...")`;
while `counting_examples` is active, that call returns a counting wrapper instead of a bar.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MNIST_EXAMPLES = 70_000  # 60,000 training and 10,000 test images
REPORT_INTERVAL_S = 0.25

# done, total, seconds left (None until there is a rate to go by), stage ("preparing" or "decoding")
ProgressCallback = Callable[..., None]

_patching = threading.Lock()  # one patched tfds at a time: the attribute is process-wide


class ExampleCounter:
    """Counts examples across splits and reports at most a few times a second."""

    def __init__(self, progress: ProgressCallback, total: int = MNIST_EXAMPLES, stage: str = "preparing"):
        self.progress, self.total, self.stage, self.done = progress, total, stage, 0
        self._started: float | None = None  # the first example: reading the .gz files comes before
        self._last_report = 0.0

    def count(self, examples) -> Iterator:
        for example in examples:
            self.add(1)
            yield example

    def add(self, examples: int) -> None:
        if self._started is None:
            self._started = time.perf_counter()
        self.done += examples
        self._report()

    def finish(self) -> None:
        """The last report: every example prepared."""
        if self.done:
            self.done = self.total
            self.progress(self.total, self.total, 0.0, self.stage)

    def _report(self) -> None:
        now = time.perf_counter()
        if now - self._last_report < REPORT_INTERVAL_S:
            return
        self._last_report = now
        elapsed = now - self._started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 and elapsed > 1.0 else None
        self.progress(min(self.done, self.total), self.total, left, self.stage)


@contextmanager
def counting_examples(progress: ProgressCallback | None):
    """While active, tfds' example generation is counted into `progress(done, total, seconds_left, stage)`."""
    if progress is None:
        yield None
        return
    from tensorflow_datasets.core import utils

    counter = ExampleCounter(progress)
    with _patching:
        original = utils.tqdm

        def counting_tqdm(iterable=None, *args, desc: str = "", **kwargs):
            bar = original(iterable, *args, desc=desc, **kwargs)
            return counter.count(bar) if str(desc).startswith("Generating") else bar

        utils.tqdm = counting_tqdm
        try:
            yield counter
        finally:
            utils.tqdm = original
    counter.finish()
