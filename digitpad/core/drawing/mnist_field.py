"""The 28x28 field both pipelines fill: its size, the digit's box and where its centre of mass goes."""

from __future__ import annotations

import numpy as np

MNIST_SIZE = 28
DIGIT_BOX = 20
# Measured on the 60,000 training images: the mean centre of mass is (13.996, 14.007) in
# pixel-index coordinates (row, column), so the field's centre is pixel (14, 14), not 13.5.
CENTRE = 14.0
# Pen width in px on the 20 px digit, measured on MNIST (bench/mnist_stroke_width.py): MNIST
# digits re-drawn along their own skeletons carry MNIST's ink (mean pixel 0.131) at 2.41 px;
# per image the width spreads from 1.7 (10th percentile) to 3.2 px (90th). Twice area over
# outline length agrees: 2.53 on MNIST, 2.54 on those re-drawings at 2.4 px.
PEN_WIDTH = 2.4


def centre_of_mass(image):
    """(row, column) of the intensity centre of mass; of a stack (..., 28, 28), one per image (..., 2)."""
    total = image.sum(axis=(-2, -1))
    rows, cols = image.sum(axis=-1), image.sum(axis=-2)
    return np.stack([rows @ np.arange(rows.shape[-1]), cols @ np.arange(cols.shape[-1])], axis=-1) / total[..., None]
