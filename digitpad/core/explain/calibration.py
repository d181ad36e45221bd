"""How far a model's confidence is from how often it is right. Pure numpy.

A model is calibrated when, of the digits it reads with 80% confidence, about 80% are right.
`reliability_bins` sorts readings by their confidence (the largest probability) into equal-width
bins and gives each bin's mean confidence and accuracy: the reliability diagram. The expected
calibration error (ECE) is the gap between the two, averaged over the bins weighted by how many
readings fall in each (Guo et al., 2017, with 15 bins as there).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ECE_BINS = 15
NOT_SURE_BELOW = 0.6  # the app's "not sure" line


@dataclass(frozen=True)
class ReliabilityBins:
    """Per confidence bin [edges[i], edges[i + 1]): how many readings, their mean confidence and accuracy.

    A bin with no reading has count 0 and NaN confidence and accuracy.
    """

    edges: np.ndarray  # (bins + 1,)
    counts: np.ndarray  # (bins,) int
    confidence: np.ndarray  # (bins,)
    accuracy: np.ndarray  # (bins,)

    @property
    def ece(self) -> float:
        """The expected calibration error, as a fraction: sum over bins of |accuracy - confidence| x share."""
        used = self.counts > 0
        shares = self.counts[used] / max(int(self.counts.sum()), 1)
        return float(np.sum(shares * np.abs(self.accuracy[used] - self.confidence[used])))


def reliability_bins(probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> ReliabilityBins:
    """Bin (N, 10) probabilities by their largest value against the (N,) true labels.

    Bins are (lo, hi], as in Guo et al.'s code; a confidence of exactly 0 goes to the first.
    """
    probabilities, labels = np.asarray(probabilities, np.float64), np.asarray(labels)
    confidence = probabilities.max(axis=1)
    right = probabilities.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, bins - 1)
    counts = np.bincount(which, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_confidence = np.bincount(which, confidence, minlength=bins) / counts
        accuracy = np.bincount(which, right.astype(np.float64), minlength=bins) / counts
    return ReliabilityBins(edges, counts, mean_confidence, accuracy)


def expected_calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> float:
    """The ECE of (N, 10) probabilities against (N,) labels, as a fraction (0.01 is 1%)."""
    return reliability_bins(probabilities, labels, bins).ece


@dataclass(frozen=True)
class NotSure:
    """What the "not sure" line means, measured: how often readings fall below it, and how often each side is right."""

    threshold: float
    share_below: float  # of all readings
    accuracy_below: float  # NaN when none is below
    accuracy_above: float  # at or above the line; NaN when none is

    def card(self) -> dict:
        return {name: _plain(value) for name, value in self.__dict__.items()}


def not_sure(probabilities: np.ndarray, labels: np.ndarray, threshold: float = NOT_SURE_BELOW) -> NotSure:
    """How often the model is right below and at-or-above `threshold` confidence."""
    probabilities = np.asarray(probabilities)
    confidence = probabilities.max(axis=1)
    right = probabilities.argmax(axis=1) == np.asarray(labels)
    below = confidence < threshold
    with np.errstate(invalid="ignore"):
        return NotSure(
            threshold,
            float(below.mean()) if len(below) else float("nan"),
            float(right[below].mean()) if below.any() else float("nan"),
            float(right[~below].mean()) if (~below).any() else float("nan"),
        )


def not_sure_sentence(measured: NotSure, count: int) -> str:
    """What "not sure" meant for this model on `count` digits, in one sentence for the person."""
    below = round(measured.share_below * count)
    line = f"Under {measured.threshold:.0%} the app says \"not sure\": "
    if not below:
        return line + f"none of the {count:,} test digits, {measured.accuracy_above:.1%} of them read right."
    return (line + f"{below:,} of the {count:,} test digits, read right {measured.accuracy_below:.0%} of the "
            f"time; the others {measured.accuracy_above:.1%}.")


def _plain(value):
    return None if isinstance(value, float) and np.isnan(value) else value
