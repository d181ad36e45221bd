"""The 28x28 field both pipelines fill: its size, the digit's box and where its centre of mass goes."""

from __future__ import annotations

import numpy as np

MNIST_SIZE = 28
DIGIT_BOX = 20
# Measured on the 60,000 training images: the mean centre of mass is (13.996, 14.007) in
# pixel-index coordinates (row, column), so the field's centre is pixel (14, 14), not 13.5.
CENTRE = 14.0


def centre_of_mass(image):
    """(row, column) of the intensity centre of mass; of a stack (..., 28, 28), one per image (..., 2)."""
    total = image.sum(axis=(-2, -1))
    rows, cols = image.sum(axis=-1), image.sum(axis=-2)
    return np.stack([rows @ np.arange(rows.shape[-1]), cols @ np.arange(cols.shape[-1])], axis=-1) / total[..., None]
