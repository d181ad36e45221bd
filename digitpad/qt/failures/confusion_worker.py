"""Computes where a model fails (its confusion on MNIST's test set) on a background thread.

The thread loads its own Predictor from the model file, because the GUI's predictor must never
be called from another thread, and MNIST through the training worker's loader, so a run that
already loaded it saves these seconds.
"""

from __future__ import annotations

import threading
from pathlib import Path

from digitpad.qt.workers.request_thread import RequestFailed, RequestThread


def compute_for_model(model_path: str, mnist_dir: str | None, data_dir: str | None):
    """The model's ConfusionResults on MNIST's test images; RequestFailed says why not."""
    # TensorFlow is imported here, off the GUI thread.
    from digitpad.core.explain.confusion import compute_confusion
    from digitpad.core.inference.loading import load_predictor
    from digitpad.core.inference.predictor import ModelLoadError
    from digitpad.core.mnist.loading import MnistUnavailable
    from digitpad.core.training.mnist_loads import load_until_stopped

    try:
        predictor = load_predictor(model_path)
        mnist = load_until_stopped(mnist_dir, data_dir, threading.Event())
        return compute_confusion(predictor, mnist)
    except (ModelLoadError, MnistUnavailable) as error:
        raise RequestFailed(str(error)) from error
    except Exception as error:  # one sentence in the view, never a crash
        raise RequestFailed(f"Could not test {Path(model_path).name} ({type(error).__name__}: {error}).") from error


class ConfusionWorker(RequestThread):
    """Answers `done(path, ConfusionResults)` or `failed(path, sentence)` for each model asked about."""

    def __init__(self, parent=None):
        super().__init__(compute_for_model, "confusion", parent)

    def compute(self, model_path: str | Path, mnist_dir: str | None, data_dir: str | None) -> None:
        """Start testing the model on MNIST's 10,000 test images; the answer comes later."""
        self.request(str(model_path), mnist_dir, data_dir)
