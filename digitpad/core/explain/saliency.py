"""Why this digit: occlusion saliency through the inference runtime, and the deletion test that judges it.

Each patch of ink is removed in turn (set to 0, the background) and the change in the digit's
log-probability is shared out over the patch's ink, in proportion to it. All occluded copies go
through the model in one batched call, which also gives every digit's answer: explaining
another digit ("why not 8?") costs no further call. No gradients, so no TensorFlow. A network
of Dense layers alone (the seed MLP) gets the same numbers in closed form instead, from its own
weights (digitpad.core.explain.dense_network): a one-pixel copy changes only one row of its first layer.

Log-probabilities, not probabilities, because a confident model says 1.0 to float precision:
1 - p, the sum of the other digits' probabilities, keeps the difference that p itself loses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.core.explain.dense_network import dense_network, log_softmax
from digitpad.core.inference.predictor import Reading

INK = 0.05  # a pixel with less than this is background
DENSE_PATCH, CONV_PATCH = 1, 3  # pixel by pixel where a call is cheap (MLP), 3x3 for a convnet
# Batches are padded up to a multiple of a step, so the runtime reuses a few interpreters (a
# new one costs milliseconds). A convnet's copy costs about 0.2 ms, so its step is fine (its 3x3
# patches give 15 to 45 copies); pixel by pixel (70 to 230 copies) a dense model's copies cost
# microseconds, and a coarse step keeps it to a handful of interpreters.
BATCH_STEP = {CONV_PATCH: 8, DENSE_PATCH: 32}


@dataclass(frozen=True)
class Occlusion:
    """The model's log-probabilities for an image and for each of its occluded copies."""

    image: np.ndarray  # (28, 28)
    patch_of_pixel: np.ndarray  # (28, 28): the occluded copy that removed each pixel, -1 if none did
    base: np.ndarray  # (10,) log-probabilities of the image
    occluded: np.ndarray  # (P, 10) log-probabilities of each copy

    @property
    def patches(self) -> int:
        return len(self.occluded)

    def saliency(self, digit: int) -> np.ndarray:
        """(28, 28): how much each ink pixel raises `digit`'s log-probability (negative: lowers it)."""
        index = self.patch_of_pixel + 1  # 0: removed by no copy
        drops = np.concatenate([[0.0], self.base[digit] - self.occluded[:, digit]])
        ink = np.bincount(index.ravel(), self.image.ravel(), self.patches + 1)
        share = self.image / np.maximum(ink[index], 1e-6)
        return (drops[index] * share).astype(np.float32)


def occlude(predictor, image: np.ndarray, patch: int | None = None) -> Occlusion:
    """Run the image and one copy per inked patch through `predictor` in one call."""
    return read_occluded(predictor, image, patch)[0]


def read_occluded(
    predictor, image: np.ndarray, patch: int | None = None, layers: bool = False, own: Reading | None = None
) -> tuple[Occlusion, Reading]:
    """The Occlusion, and the image's own Reading (with `layers`, its activations): row 0 of the one batch.

    `own`, the image's Reading from a call already made (with layers, if `layers`), is returned
    as it is: a Dense network's closed form then makes no call, a convnet's batch copies no maps.
    """
    image = np.asarray(image, np.float32).reshape(28, 28)
    if own is not None and layers and not own.layers:
        own = None  # it lacks what was asked for
    patch = patch or patch_size(predictor)
    patch_of_pixel = inked_patches(image, patch)
    network = dense_network(predictor) if patch == DENSE_PATCH else None
    if network is not None:
        return _read_occluded_dense(network, predictor, image, patch_of_pixel, layers, own)
    count = int(patch_of_pixel.max()) + 1
    # A few fixed batch sizes, so the runtime reuses its interpreters; the padding is never read.
    step = BATCH_STEP.get(patch, 8)
    size = -(-(count + 1) // step) * step
    batch = np.repeat(image[np.newaxis], size, axis=0)
    # Copy k + 1 loses patch k: one write per pixel of an inked patch, not a (copies, 28, 28) mask.
    patch_numbers = patch_of_pixel.ravel()
    removed = np.flatnonzero(patch_numbers >= 0)
    batch.reshape(size, -1)[patch_numbers[removed] + 1, removed] = 0.0
    reading = predictor.read(batch, layers=layers and own is None, layer_rows=1)
    logs = log_probabilities(reading.probabilities[: count + 1])
    if own is None:
        own = Reading(reading.probabilities[:1].copy(), reading.layers)
    return Occlusion(image, patch_of_pixel, logs[0], logs[1:]), own


def _read_occluded_dense(network, predictor, image, patch_of_pixel, layers: bool, own) -> tuple[Occlusion, Reading]:
    """read_occluded for a Dense network: the copies in closed form, the image itself through the runtime.

    The image's probabilities and layers come from the runtime that serves the bars (`own`, or
    a one-row call); the occluded copies' log-probabilities from the network's arithmetic (see
    dense_network), which reproduces the runtime's to float precision at a sixtieth of the work.
    """
    # One-pixel patches are numbered in the image's row order, so copy k removes the k-th ink pixel.
    pixels = np.flatnonzero(patch_of_pixel.ravel() >= 0)
    logs = log_softmax(network.occluded_logits(image, pixels))
    if own is None:
        own = predictor.read(image[np.newaxis], layers=layers, layer_rows=1)
    return Occlusion(image, patch_of_pixel, logs[0], logs[1:]), own


def saliency(predictor, image: np.ndarray, digit: int, patch: int | None = None) -> np.ndarray:
    """(28, 28) occlusion saliency of `digit` for the image (see Occlusion.saliency)."""
    return occlude(predictor, image, patch).saliency(digit)


def patch_size(predictor) -> int:
    """Pixel by pixel for a dense model; 3x3 patches where each image costs a convolution stack."""
    weights = predictor.first_layer_weights()
    return CONV_PATCH if weights is not None and weights.ndim == 4 else DENSE_PATCH


def inked_patches(image: np.ndarray, patch: int) -> np.ndarray:
    """(28, 28): for each pixel, the number of its patch among the patch x patch squares holding ink, or -1."""
    if patch == 1:  # each ink pixel its own patch, numbered in row order: no grid of squares to build
        number = np.full(28 * 28, -1, np.intp)
        inked = np.flatnonzero(image.ravel() >= INK)
        number[inked] = np.arange(len(inked))
        return number.reshape(28, 28)
    side = -(-28 // patch)
    grid = np.arange(28) // patch
    square = grid[:, None] * side + grid[None, :]  # each pixel's square, row by row
    inked = np.zeros(side * side, bool)
    inked[square[image >= INK]] = True
    number = np.where(inked, np.cumsum(inked) - 1, -1)
    return number[square]


def log_probabilities(probabilities: np.ndarray) -> np.ndarray:
    """log p for (N, 10) probabilities, exact near 1 as log(1 - the others' sum)."""
    probabilities = np.asarray(probabilities, np.float64)
    others = probabilities.sum(axis=1, keepdims=True) - probabilities
    near_one = np.log1p(-np.minimum(others, 1 - 1e-12))
    return np.where(probabilities > 0.5, near_one, np.log(np.maximum(probabilities, 1e-300)))


def deletion_test(predictor, images: np.ndarray, fraction: float = 0.1, seed: int = 0) -> float:
    """The share of images whose top digit loses more probability when their most salient ink goes.

    For each image, the `fraction` most salient ink pixels are set to 0, and so are as many ink
    pixels drawn at random; the saliency wins the image when the first copy's probability for
    the digit is lower (compared as log-probabilities, which keep their precision near p = 1).
    """
    rng = np.random.default_rng(seed)
    wins = 0
    for image in np.asarray(images, np.float32).reshape(-1, 28, 28):
        digit = int(np.argmax(predictor.probabilities(image)))
        ink = np.flatnonzero(image.ravel() >= INK)
        count = max(1, round(fraction * len(ink)))
        salient = ink[np.argsort(-saliency(predictor, image, digit).ravel()[ink], kind="stable")[:count]]
        deleted = np.repeat(image.reshape(1, 784), 2, axis=0)
        deleted[0, salient] = 0.0
        deleted[1, rng.choice(ink, count, replace=False)] = 0.0
        salient_log, random_log = log_probabilities(predictor.read(deleted.reshape(2, 28, 28)).probabilities)[:, digit]
        wins += bool(salient_log < random_log)
    return wins / len(images) if len(images) else 0.0
