"""Why this digit: occlusion saliency through the inference runtime, and the deletion test that judges it.

Each patch of ink is removed in turn (set to 0, the background) and the change in the digit's
log-probability is shared out over the patch's ink, in proportion to it. All occluded copies go
through the model in one batched call, which also gives every digit's answer: explaining
another digit ("why not 8?") costs no further call. No gradients, so no TensorFlow.

Log-probabilities, not probabilities, because a confident model says 1.0 to float precision:
1 - p, the sum of the other digits' probabilities, keeps the difference that p itself loses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INK = 0.05  # a pixel with less than this is background
DENSE_PATCH, CONV_PATCH = 1, 3  # pixel by pixel where a call is cheap (MLP), 3x3 for a convnet
BATCH_STEP = 16


@dataclass(frozen=True)
class Occlusion:
    """The model's log-probabilities for an image and for each of its occluded copies."""

    image: np.ndarray  # (28, 28)
    patches: list  # (row slice, column slice) per occluded copy
    base: np.ndarray  # (10,) log-probabilities of the image
    occluded: np.ndarray  # (P, 10) log-probabilities of each copy

    def saliency(self, digit: int) -> np.ndarray:
        """(28, 28): how much each ink pixel raises `digit`'s log-probability (negative: lowers it)."""
        result = np.zeros((28, 28), np.float32)
        drops = self.base[digit] - self.occluded[:, digit]
        for (rows, columns), drop in zip(self.patches, drops):
            ink = self.image[rows, columns]
            result[rows, columns] += drop * ink / max(float(ink.sum()), 1e-6)
        return result


def occlude(predictor, image: np.ndarray, patch: int | None = None) -> Occlusion:
    """Run the image and one copy per inked patch through `predictor` in one call."""
    image = np.asarray(image, np.float32).reshape(28, 28)
    patch = patch or patch_size(predictor)
    patches = inked_patches(image, patch)
    # A few fixed batch sizes, so the runtime reuses its interpreters; the padding is never read.
    batch = np.repeat(image[np.newaxis], -(-(len(patches) + 1) // BATCH_STEP) * BATCH_STEP, axis=0)
    for copy, (rows, columns) in zip(batch[1:], patches):
        copy[rows, columns] = 0.0
    logs = log_probabilities(predictor.read(batch).probabilities)
    return Occlusion(image, patches, logs[0], logs[1 : len(patches) + 1])


def saliency(predictor, image: np.ndarray, digit: int, patch: int | None = None) -> np.ndarray:
    """(28, 28) occlusion saliency of `digit` for the image (see Occlusion.saliency)."""
    return occlude(predictor, image, patch).saliency(digit)


def patch_size(predictor) -> int:
    """Pixel by pixel for a dense model; 3x3 patches where each image costs a convolution stack."""
    weights = predictor.first_layer_weights()
    return CONV_PATCH if weights is not None and weights.ndim == 4 else DENSE_PATCH


def inked_patches(image: np.ndarray, patch: int) -> list:
    """The (rows, columns) slices of a patch x patch grid that hold some ink."""
    return [
        (slice(top, top + patch), slice(left, left + patch))
        for top in range(0, 28, patch)
        for left in range(0, 28, patch)
        if image[top : top + patch, left : left + patch].max() >= INK
    ]


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
