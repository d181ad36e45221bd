"""The person's samples mixed into MNIST's training images, repeated until they count. Pure numpy.

A few dozen drawings next to 60,000 MNIST digits would otherwise teach nothing, so they are
tiled until they are a chosen share of the mix. Thousands of drawings are the opposite case: a
random subset of that share is mixed in, so memory and the mix stay the same size whether the
person filed 200 samples or 20,000 (about 1,900 for a full run, 2,100 for fine-tuning).
"""

from __future__ import annotations

import numpy as np

from digitpad.core.drawing import pixels
from digitpad.core.mnist.loading import Mnist

# In a full run the samples are repeated until they are this share of the training data.
FULL_RUN_SAMPLE_SHARE = 0.03


def mixed_training_arrays(
    mnist: Mnist,
    images: np.ndarray,
    labels: np.ndarray,
    share: float = FULL_RUN_SAMPLE_SHARE,
    seed: int | None = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """MNIST's training split plus the samples repeated to about `share` of it (uint8, NHWC)."""
    return mix(mnist.x_train, mnist.y_train, images, labels, share, seed)


def mix(base_x, base_y, images, labels, share: float, seed) -> tuple[np.ndarray, np.ndarray]:
    """`base_x`, `base_y` plus the samples tiled (or subsampled) to about `share` of the result, shuffled."""
    images, labels = checked_arrays(images, labels)
    if len(labels) == 0:
        return base_x, base_y
    wanted = share / (1.0 - share) * len(base_y)
    rng = np.random.default_rng(seed)
    if len(labels) > wanted:
        chosen = np.sort(rng.choice(len(labels), size=max(1, int(round(wanted))), replace=False))
        images, labels = images[chosen], labels[chosen]
    repeats = max(1, int(round(wanted / len(labels))))
    tiles = pixels.to_uint8(images).reshape(-1, 28, 28, 1)  # MNIST's uint8 NHWC layout
    x = np.concatenate([base_x, np.tile(tiles, (repeats, 1, 1, 1))])
    y = np.concatenate([base_y, np.tile(labels.astype(base_y.dtype), repeats)])
    order = rng.permutation(len(y))  # the pipeline reshuffles, but keep it tidy
    return x[order], y[order]


def checked_arrays(images, labels) -> tuple[np.ndarray, np.ndarray]:
    """Images (N, 28, 28) and labels (N,) int64; ValueError when their counts differ."""
    images, labels = np.asarray(images), np.asarray(labels, np.int64)
    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels.")
    return images.reshape(-1, 28, 28), labels
