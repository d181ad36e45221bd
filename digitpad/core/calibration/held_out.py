"""1,000 of MNIST's training digits, every 60th, set aside in every run to calibrate its probabilities.

A network's confidence is not a probability until it is calibrated: label smoothing caps the CNN
near 90% on digits it reads right 99.5% of the time. Each run trains on the other 59,000 digits
and then fits one temperature on the 1,000 it never saw (never on the test set, never on
people's drawings), folded into its output layer so every consumer shows calibrated numbers.

The 1,000 are spread over the whole training file, not taken from one end of it: a block of the
file is not a random sample of it. Fitted on the file's last 1,000, the workshop MLP's
temperature came out at 0.79-0.89 over six seeds, where every 60th digit gave 0.67-0.76 and the
test set wants about 0.74 (bench/MEASUREMENTS.md, 2026-12-07).
"""

from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np

from digitpad.core.calibration.temperature import HELD_OUT, calibrate_on, raster_views
from digitpad.core.mnist.loading import Mnist

# The temperature is one number, fitted in under a second on 1,000 digits (rendering each digit's
# three views costs 0.6 ms; the workshop's whole run is 5 s). The MLP's, set by the 2% of digits it
# misreads, varies from one sample of 1,000 to the next (0.59-0.84 on the test set's ten slices,
# 0.74 on the whole); the NLL's fit was the steadiest of three (Brier score and ECE itself spread
# twice as far over those slices).
# A smaller training set (a test's slice of MNIST) is trained on whole and left uncalibrated.
SMALLEST_SPLIT = 10_000


class HeldOut:
    """The digits set aside, and the canvas's views of them that the temperature is fitted on."""

    def __init__(self, images: np.ndarray, labels: np.ndarray):
        self.images, self.labels = images, labels
        self._views: np.ndarray | None = None
        self._rendering: threading.Thread | None = None

    def __len__(self) -> int:
        return len(self.labels)

    def render_views_meanwhile(self) -> None:
        """Render the views on a thread of their own while the network trains (0.8 s of numpy).

        The workshop MLP trains on one core, so the other renders them for nothing; the CNN's two
        cores take them in their stride. A daemon thread: a run stopped meanwhile does not wait.
        """
        if len(self) and self._rendering is None:
            self._rendering = threading.Thread(target=self._render, name="held-out views", daemon=True)
            self._rendering.start()

    def views(self) -> np.ndarray:
        """(N, V, 28, 28): as rendered meanwhile (waited for), else now (an error in the thread is raised here)."""
        if self._rendering is not None:
            self._rendering.join()
        if self._views is None:
            self._render()
        return self._views

    def _render(self) -> None:
        self._views = raster_views(self.images)


def set_aside(mnist: Mnist) -> tuple[Mnist, HeldOut]:
    """MNIST with 1,000 training digits taken out, evenly spaced through the file, and those digits."""
    count = len(mnist.x_train)
    if count <= SMALLEST_SPLIT:
        return mnist, HeldOut(mnist.x_train[:0], mnist.y_train[:0])
    chosen = np.zeros(count, bool)
    stride = count // HELD_OUT
    chosen[stride - 1 :: stride][:HELD_OUT] = True  # 60,000 digits: the 60th, the 120th, ... the 60,000th
    kept = replace(mnist, x_train=mnist.x_train[~chosen], y_train=mnist.y_train[~chosen])
    return kept, HeldOut(mnist.x_train[chosen], mnist.y_train[chosen])


def calibrate_model(model, held_out: HeldOut) -> dict | None:
    """Fold a temperature fitted on the held-out digits' views into `model`; the card's "calibration" entry."""
    if not len(held_out):
        return None
    return calibrate_on(model, held_out.views(), held_out.labels).card()
