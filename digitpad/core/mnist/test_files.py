"""MNIST's official test files read directly with numpy: a few digits to explore, without TensorFlow."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np

from digitpad.core.mnist.loading import MnistUnavailable

TEST_IMAGES, TEST_LABELS = "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"


def read_test_set(mnist_dir: str | os.PathLike | None) -> tuple[np.ndarray, np.ndarray]:
    """The 10,000 test images (N, 28, 28) as floats in [0, 1] and their labels; MnistUnavailable if absent."""
    if not mnist_dir:
        raise MnistUnavailable("No MNIST folder is set; choose the folder with the official MNIST .gz files.")
    folder = Path(mnist_dir)
    try:
        images = _idx(folder / TEST_IMAGES, 16).reshape(-1, 28, 28)
        labels = _idx(folder / TEST_LABELS, 8).astype(np.int64)
    except (OSError, EOFError, ValueError) as error:
        raise MnistUnavailable(f"The MNIST test files in {folder} cannot be read ({type(error).__name__}).") from error
    if len(images) != len(labels):
        raise MnistUnavailable(f"The MNIST test files in {folder} do not match; replace them with the official ones.")
    return images.astype(np.float32) / 255.0, labels


def _idx(path: Path, header: int) -> np.ndarray:
    with gzip.open(path, "rb") as file:
        return np.frombuffer(file.read(), np.uint8, offset=header)
