"""What Look inside shows for one drawing: the digit explained, its saliency, the hidden layers. Pure.

The automation contract (`MainWindow.inspected`) is `Inspection.as_contract()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from digitpad.core.explain.saliency import Occlusion, read_occluded
from digitpad.core.inference.predictor import Reading

TOP_UNITS = 5  # units listed as pushing the digit up, and as many pushing it down


@dataclass(frozen=True)
class Inspection:
    """One image through the model: every layer's activations and the occlusion batch's answers."""

    image: np.ndarray  # (28, 28), the as-drawn view the bars' first view is
    probabilities: np.ndarray  # (10,) for this image alone
    layers: dict  # name -> activations without the batch axis: (units,) or (H, W, C)
    occlusion: Occlusion
    # Each digit's map, made once: the view shows it and the contract hands it on.
    _saliencies: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def top_digit(self) -> int:
        return int(np.argmax(self.probabilities))

    def saliency(self, digit: int) -> np.ndarray:
        """(28, 28) saliency of `digit` (see Occlusion.saliency); not to be written to."""
        if digit not in self._saliencies:
            self._saliencies[digit] = self.occlusion.saliency(digit)
        return self._saliencies[digit]

    def as_contract(self, digit: int) -> dict:
        """{"digit", "input", "saliency", "layers"}: what `MainWindow.inspected` emits."""
        return {
            "digit": int(digit),
            "input": self.image.copy(),
            "saliency": self.saliency(digit).copy(),
            "layers": {name: values.copy() for name, values in self.layers.items()},
        }


def inspect(predictor, image: np.ndarray, own: Reading | None = None) -> Inspection:
    """One call: the image, with its layers, and its occluded copies in one batch.

    `own`: the image's Reading with its layers, when a call already made has it (the bars'
    call reads the drawing as drawn first), so the image need not go through the model again.
    """
    image = np.asarray(image, np.float32).reshape(28, 28)
    occlusion, reading = read_occluded(predictor, image, layers=True, own=own)
    layers = {name: values[0] for name, values in reading.layers.items()}
    return Inspection(image, reading.probabilities[0], layers, occlusion)


def unit_pushes(hidden: np.ndarray, output_weights: np.ndarray, digit: int) -> np.ndarray:
    """(units,): how much each hidden unit adds to the digit's score (activation x outgoing weight)."""
    return np.asarray(hidden, np.float32) * np.asarray(output_weights, np.float32)[:, digit]


def strongest(pushes: np.ndarray, count: int = TOP_UNITS) -> tuple[list[int], list[int]]:
    """The units pushing up most and pushing down most, strongest first (zero pushes left out)."""
    order = np.argsort(-pushes, kind="stable")
    up = [int(unit) for unit in order[:count] if pushes[unit] > 0]
    down = [int(unit) for unit in order[::-1][:count] if pushes[unit] < 0]
    return up, down


def contribution_map(first_weights: np.ndarray, image: np.ndarray, unit: int) -> np.ndarray:
    """(28, 28): each input pixel's share of the unit's input, weight x pixel value."""
    return (np.asarray(first_weights, np.float32)[:, unit] * np.asarray(image, np.float32).ravel()).reshape(28, 28)


def favourite_digit(output_weights: np.ndarray, unit: int) -> int:
    """The digit the unit pushes up most when it fires."""
    return int(np.argmax(output_weights[unit]))
