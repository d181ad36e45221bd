"""Temperature scaling (Guo et al., 2017): one number that makes a trained model's percentages honest.

A network trained with label smoothing, or read through averaged views, is under-confident: it
says 90% where it is right 99.5% of the time. Dividing its logits by a temperature T (< 1 makes
it surer, > 1 less sure) changes no reading (the argmax stays) and, fitted by the negative
log-likelihood on digits the model never trained on, makes the confidence match the accuracy.

T is then folded into the output layer: kernel / T and bias / T give exactly logits / T, so the
saved model, its LiteRT twin and every reader of them show calibrated numbers with no runtime
change. The end of a run calls `calibrate(model, held_out_images, held_out_labels)`.

Pure numpy, except `fold_temperature`, `model_logits` and `calibrate`, which take a Keras model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from digitpad.core.drawing.raster_pipeline import image_to_mnist
from digitpad.core.drawing.strokes_pipeline import VIEW_ROTATIONS
from digitpad.core.explain.calibration import ECE_BINS, expected_calibration_error

# 1,000 of MNIST's 60,000 training digits (every 60th): for the temperature, never trained on. One number
# needs no more, and each digit held out is one the network does not learn from: the shipped CNN
# read 99.55% of the test set trained on 59,000 against 99.46% on 55,000 (4 seeds each).
HELD_OUT = 1_000
TEMPERATURE_RANGE = (0.05, 20.0)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in float64."""
    shifted = np.asarray(logits, np.float64)
    shifted = shifted - shifted.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def calibrated_probabilities(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """(N, 10) probabilities from (N, 10) logits, or from (N, V, 10) views' logits averaged as the app does."""
    probabilities = softmax(np.asarray(logits, np.float64) / temperature)
    return probabilities.mean(axis=1) if probabilities.ndim == 3 else probabilities


def negative_log_likelihood(logits: np.ndarray, labels: np.ndarray, temperature: float = 1.0) -> float:
    """Mean NLL of the true labels under `calibrated_probabilities(logits, temperature)`."""
    probabilities = calibrated_probabilities(logits, temperature)
    right = probabilities[np.arange(len(labels)), np.asarray(labels, np.int64)]
    return float(-np.mean(np.log(np.maximum(right, 1e-12))))


def fit_temperature(
    logits: np.ndarray | Sequence[np.ndarray], labels: np.ndarray, bounds: tuple[float, float] = TEMPERATURE_RANGE
) -> float:
    """The temperature that minimises the NLL of `labels` under softmax(logits / T).

    `logits`: (N, 10), or (N, V, 10) for V views whose probabilities the app averages, or a list
    of such arrays (several prediction paths over the same N digits), whose NLLs are summed.
    A grid over log T, then a golden-section search around its best point: the NLL of one path
    is convex in 1/T, and of averaged views close to it.
    """
    paths = [logits] if isinstance(logits, np.ndarray) else list(logits)

    def loss(log_t: float) -> float:
        return sum(negative_log_likelihood(path, labels, math.exp(log_t)) for path in paths)

    low, high = math.log(bounds[0]), math.log(bounds[1])
    grid = np.linspace(low, high, 25)
    values = [loss(x) for x in grid]
    best = int(np.argmin(values))
    a, b = grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]
    ratio = (math.sqrt(5) - 1) / 2
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = loss(c), loss(d)
    for _ in range(30):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = loss(c)
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = loss(d)
    return float(math.exp((a + b) / 2))


def output_layer(model):
    """The model's last layer, checked to be a Dense layer with linear (logit) outputs."""
    import keras

    layer = model.layers[-1]
    if not isinstance(layer, keras.layers.Dense) or keras.activations.serialize(layer.activation) != "linear":
        raise ValueError(f"the model's last layer ({layer.name}) is not a Dense layer with logits out")
    return layer


def fold_temperature(model, temperature: float) -> None:
    """Divide the output Dense layer's kernel and bias by `temperature`, in place: the model then outputs logits / T."""
    layer = output_layer(model)
    layer.kernel.assign(np.asarray(layer.kernel, np.float32) / np.float32(temperature))
    if layer.use_bias:
        layer.bias.assign(np.asarray(layer.bias, np.float32) / np.float32(temperature))


def raster_views(images: np.ndarray, rotations: Sequence[float] = VIEW_ROTATIONS) -> np.ndarray:
    """(N, V, 28, 28) float32: each MNIST raster turned by each angle, then scaled and centred as `predict` does.

    The canvas's views turn the strokes about the drawing's middle before they are scaled and
    centred (strokes_pipeline); here the raster is turned (bilinear, about its centre, with room
    to spare) and put through `image_to_mnist`, so view 0 is what `predict` makes of the image.
    """
    images = np.asarray(images, np.float32).reshape(-1, 28, 28)
    if images.max(initial=0.0) > 1.0:
        images = images / 255.0
    padded = np.pad(images, [(0, 0), (8, 8), (8, 8)])
    out = np.empty((len(images), len(rotations), 28, 28), np.float32)
    for v, degrees in enumerate(rotations):
        turned = _rotated(padded, degrees) if degrees else padded
        for i, image in enumerate(turned):
            normalised = image_to_mnist(image, rendered=True)  # turned here, on even black paper
            out[i, v] = images[i] if normalised is None else normalised
    return out


def _rotated(images: np.ndarray, degrees: float) -> np.ndarray:
    """(N, H, W) images turned by `degrees` about their centre, bilinear, zero outside."""
    n, h, w = images.shape
    angle = math.radians(degrees)
    cy, cx = (h - 1) / 2, (w - 1) / 2
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    # output -> source: turn back by the angle
    sx = cx + (x - cx) * math.cos(angle) + (y - cy) * math.sin(angle)
    sy = cy - (x - cx) * math.sin(angle) + (y - cy) * math.cos(angle)
    x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    fx, fy = sx - x0, sy - y0
    out = np.zeros_like(images)
    for dy, wy in ((0, 1 - fy), (1, fy)):
        for dx, wx in ((0, 1 - fx), (1, fx)):
            yy, xx = y0 + dy, x0 + dx
            inside = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
            weight = np.where(inside, wy * wx, 0.0).astype(np.float32)
            out += images[:, np.clip(yy, 0, h - 1), np.clip(xx, 0, w - 1)] * weight
    return out


def model_logits(model, images: np.ndarray, batch_size: int = 1024) -> np.ndarray:
    """The model's outputs (logits) for (..., 28, 28[, 1]) images in [0, 1], shaped (..., 10)."""
    images = np.asarray(images, np.float32)
    leading = images.shape[:-2] if images.shape[-1] != 1 else images.shape[:-3]
    flat = images.reshape(-1, 28, 28, 1)
    logits = np.concatenate(
        [np.asarray(model(flat[i : i + batch_size], training=False)) for i in range(0, len(flat), batch_size)]
    )
    return logits.reshape(*leading, 10)


@dataclass(frozen=True)
class Calibration:
    """What `calibrate` did: the temperature folded in and the ECE on the held-out digits before and after."""

    temperature: float
    ece_before: float  # fractions, on the held-out digits, through the path the temperature was fitted on
    ece_after: float
    held_out: int
    path: str  # "views" (the canvas's averaged views, reproduced on rasters) or "single" (one image, as `predict`)
    bins: int = ECE_BINS

    def card(self) -> dict:
        """The card's "calibration" entry."""
        return {
            "temperature": round(self.temperature, 4),
            "ece_before": round(self.ece_before, 5),
            "ece_after": round(self.ece_after, 5),
            "held_out": self.held_out,
            "path": self.path,
            "bins": self.bins,
            "method": "temperature scaling, folded into the output layer",
        }


def calibrate(model, images: np.ndarray, labels: np.ndarray, views: bool = True) -> Calibration:
    """Fit a temperature on held-out digits (never trained on) and fold it into `model`'s output layer.

    `images`: (N, 28, 28[, 1]) uint8 or [0, 1] floats; `labels`: (N,). With `views`, the NLL is
    that of the probabilities averaged over `raster_views` (the canvas's path); without, of the
    single image (`predict`'s path). Accuracy is unchanged: dividing logits by T > 0 keeps each argmax.
    """
    images = np.asarray(images).reshape(-1, 28, 28)
    scaled = images.astype(np.float32) / (255.0 if images.dtype == np.uint8 else 1.0)
    return calibrate_on(model, raster_views(scaled) if views else scaled, labels)


def calibrate_on(model, inputs: np.ndarray, labels: np.ndarray) -> Calibration:
    """`calibrate` on inputs already made: (N, V, 28, 28) views (the canvas's path) or (N, 28, 28) images."""
    labels = np.asarray(labels, np.int64)
    logits = model_logits(model, inputs)
    temperature = fit_temperature(logits, labels)
    before = expected_calibration_error(calibrated_probabilities(logits), labels)
    after = expected_calibration_error(calibrated_probabilities(logits, temperature), labels)
    fold_temperature(model, temperature)
    return Calibration(temperature, before, after, len(labels), "views" if logits.ndim == 3 else "single")
