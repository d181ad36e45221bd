"""Resampling a grey image by a scale factor: area averaging when shrinking, bilinear when growing. Pure numpy.

Two matrix products (rows, then columns), so a 1024 px drawing shrinks to 20 px in one pass
with every source pixel counted by the share of it each output pixel covers. `block_means`
shrinks by a whole factor, cheaper still, for the coarse copies the raster steps work on.
"""

from __future__ import annotations

import numpy as np


def resize(image, scale):
    """Resample by `scale` on both axes: area averaging when shrinking, bilinear when growing."""
    rows = resample_matrix(image.shape[0], scale)
    cols = resample_matrix(image.shape[1], scale)
    return rows @ image @ cols.T


def resample_matrix(size, scale):
    """(out, size) weights mapping `size` samples to ceil(size * scale) of them."""
    out = max(1, int(np.ceil(size * scale - 1e-6)))
    k = np.arange(out)[:, None]
    i = np.arange(size)[None, :]
    if scale <= 1.0:
        low, high = k / scale, (k + 1) / scale
        return np.clip(np.minimum(high, i + 1) - np.maximum(low, i), 0.0, None) * scale
    source = np.clip((k + 0.5) / scale - 0.5, 0, size - 1)
    return np.clip(1.0 - np.abs(source - i), 0.0, None)


def block_means(image: np.ndarray, factor: int, pad: str = "constant") -> np.ndarray:
    """Each `factor` x `factor` block's mean, as float32; the image padded to whole blocks (`pad`: np.pad's mode)."""
    image = np.asarray(image, np.float32)
    if factor == 1:
        return image
    rows, cols = -(-image.shape[0] // factor), -(-image.shape[1] // factor)
    padded = np.pad(image, ((0, rows * factor - image.shape[0]), (0, cols * factor - image.shape[1])), mode=pad)
    return padded.reshape(rows, factor, cols, factor).mean(axis=(1, 3))
