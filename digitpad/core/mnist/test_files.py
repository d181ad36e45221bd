"""MNIST's official test files read directly with numpy: a few digits to explore, without TensorFlow.

With no MNIST folder set, the two test files (1.6 MB) can be fetched once from where
tensorflow-datasets downloads MNIST, checked against the official sums, and kept.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import urllib.request
import zlib
from pathlib import Path

import numpy as np

from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.mnist.loading import OFFICIAL_FILES, WHERE_TO_CHOOSE, MnistUnavailable

TEST_IMAGES, TEST_LABELS = "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"
TEST_FILES_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"  # tensorflow-datasets' source
DOWNLOAD_FOLDER = "mnist-test"  # their folder inside the app's cache
DOWNLOAD_TIMEOUT_S = 20.0
LARGEST_FILE = 2_000_000  # bytes: the images are 1,648,877; a larger answer is not them


def read_test_set(
    mnist_dir: str | os.PathLike | None, download_dir: Path | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The 10,000 test images (N, 28, 28) as floats in [0, 1] and their labels; MnistUnavailable if absent.

    With no `mnist_dir` and a `download_dir`, the files are taken from there, downloaded into it
    first when missing (seconds: call it off the GUI thread).
    """
    if not mnist_dir:
        if download_dir is None:
            raise MnistUnavailable(
                f"No MNIST folder is set; choose the one with the official MNIST .gz files ({WHERE_TO_CHOOSE})."
            )
        mnist_dir = downloaded_test_files(download_dir)
    folder = Path(mnist_dir)
    try:
        images = _idx(folder / TEST_IMAGES, 16).reshape(-1, 28, 28)
        labels = _idx(folder / TEST_LABELS, 8).astype(np.int64)
    except (OSError, EOFError, ValueError, zlib.error) as error:  # zlib.error: a damaged stream inside the .gz
        raise MnistUnavailable(f"The MNIST test files in {folder} cannot be read ({type(error).__name__}).") from error
    if len(images) != len(labels):
        raise MnistUnavailable(f"The MNIST test files in {folder} do not match; replace them with the official ones.")
    return images.astype(np.float32) / 255.0, labels


def kept_test_files(folder: Path) -> Path | None:
    """`folder` if both test files are in it (downloaded before), else None: nothing is fetched."""
    return folder if all((folder / name).is_file() for name in (TEST_IMAGES, TEST_LABELS)) else None


def downloaded_test_files(folder: Path, url: str | None = None) -> Path:
    """`folder`, holding the two official test files: fetched from `url` (TEST_FILES_URL) unless already there."""
    for name in (TEST_IMAGES, TEST_LABELS):
        path = folder / name
        if path.is_file() and _sha256(path.read_bytes()) == OFFICIAL_FILES[name]:
            continue
        payload = _fetched((url or TEST_FILES_URL) + name)
        if _sha256(payload) != OFFICIAL_FILES[name]:
            raise MnistUnavailable(f"The downloaded {name} is not MNIST's own; choose a folder of the official files.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_bytes_atomically(path, payload)
        except OSError as error:
            reason = type(error).__name__
            raise MnistUnavailable(f"MNIST's test files cannot be kept in {folder} ({reason}).") from error
    return folder


def _fetched(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:
            return response.read(LARGEST_FILE + 1)
    except (OSError, ValueError) as error:  # URLError and timeouts are OSErrors
        raise MnistUnavailable(
            "No MNIST folder is set and MNIST's test files could not be downloaded; check the internet "
            f"connection or choose the folder with the official .gz files ({type(error).__name__})."
        ) from error


def _sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _idx(path: Path, header: int) -> np.ndarray:
    with gzip.open(path, "rb") as file:
        return np.frombuffer(file.read(), np.uint8, offset=header)
