"""Where a model fails: its confusion matrix on the MNIST test set and the images behind each cell.

Pure: no Qt. Computing takes a couple of seconds, so the app runs `compute_confusion` off the
GUI thread and hands the result's arrays to the view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.core.drawing.pixels import to_float
from digitpad.core.explain.calibration import NotSure, ReliabilityBins, not_sure, reliability_bins
from digitpad.core.mnist.loading import Mnist


@dataclass(frozen=True)
class ConfusionResults:
    """A model's predictions on a labelled image set; rows are true digits, columns predicted."""

    matrix: np.ndarray  # (10, 10) int64 counts
    images: np.ndarray  # (N, 28, 28) or (N, 28, 28, 1), uint8 or float in [0, 1]
    labels: np.ndarray  # (N,) true digits
    predictions: np.ndarray  # (N,) predicted digits
    reliability: ReliabilityBins | None = None  # confidence against accuracy, for the reliability diagram
    not_sure: NotSure | None = None  # how often the "not sure" readings, and the others, are right

    @property
    def accuracy(self) -> float:
        """The share of images on the diagonal."""
        return float(np.trace(self.matrix) / max(self.matrix.sum(), 1))

    def cell_indices(self, true: int, predicted: int) -> np.ndarray:
        """Indices of the images whose label is `true` and prediction `predicted`."""
        return cell_indices(self.labels, self.predictions, true, predicted)


def compute_confusion(predictor, mnist: Mnist) -> ConfusionResults:
    """The predictor's confusion on the 10,000 MNIST test images (takes a couple of seconds)."""
    probabilities = predictor.probabilities_batch(as_float_images(mnist.x_test))
    predictions = np.argmax(probabilities, axis=1).astype(np.int64)
    labels = np.asarray(mnist.y_test, np.int64)
    return ConfusionResults(confusion_matrix(labels, predictions), mnist.x_test, labels, predictions,
                            reliability_bins(probabilities, labels), not_sure(probabilities, labels))


def predict_digits(predictor, images: np.ndarray) -> np.ndarray:
    """The most probable digit for each image, via `Predictor.probabilities_batch`."""
    return np.argmax(predictor.probabilities_batch(as_float_images(images)), axis=1).astype(np.int64)


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """(10, 10) counts: row = true digit, column = predicted digit."""
    labels, predictions = np.asarray(labels, np.int64), np.asarray(predictions, np.int64)
    return np.bincount(labels * 10 + predictions, minlength=100).reshape(10, 10)


def cell_indices(labels: np.ndarray, predictions: np.ndarray, true: int, predicted: int) -> np.ndarray:
    """Indices where the label is `true` and the prediction `predicted`, in dataset order."""
    return np.flatnonzero((np.asarray(labels) == true) & (np.asarray(predictions) == predicted))


def misclassified_indices(labels: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """Indices of every image the model got wrong."""
    return np.flatnonzero(np.asarray(labels) != np.asarray(predictions))


def as_float_images(images: np.ndarray) -> np.ndarray:
    """(N, 28, 28) float32 in [0, 1] from uint8 or float images, with or without a channel axis."""
    return to_float(images).reshape(-1, 28, 28)
