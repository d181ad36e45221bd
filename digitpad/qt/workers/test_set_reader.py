"""Reads MNIST's 10,000 test digits on a background thread, downloading the two files first if need be.

Look inside puts a random test digit on the pad. Unzipping the files takes a moment and, with
no MNIST folder set, fetching them takes seconds: neither may happen on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from digitpad.core.mnist.loading import MnistUnavailable
from digitpad.core.mnist.test_files import read_test_set
from digitpad.qt.workers.request_thread import RequestFailed, RequestThread


def read_test_digits(key: str, mnist_dir: str | None, download_dir: str):
    """(images, labels) from `mnist_dir`, or from `download_dir`, fetched there first when missing."""
    try:
        return read_test_set(mnist_dir, Path(download_dir))
    except MnistUnavailable as error:
        raise RequestFailed(str(error)) from error


class TestSetReader(RequestThread):
    """`read(mnist_dir, download_dir)` answers `done(key, (images, labels))` or `failed(key, sentence)`."""

    def __init__(self, parent=None):
        super().__init__(read_test_digits, "test-set-reader", parent)

    def read(self, mnist_dir: str | None, download_dir: str | Path) -> None:
        """Start reading; the answer comes later, keyed by the folder read (empty: the downloaded files)."""
        self.request(mnist_dir or "", mnist_dir, str(download_dir))
