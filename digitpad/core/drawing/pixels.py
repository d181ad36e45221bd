"""Digit images as float32 in [0, 1] (what the models take) or uint8 (how MNIST and the samples store them)."""

from __future__ import annotations

import numpy as np


def to_uint8(images) -> np.ndarray:
    """uint8 pixels of any shape: uint8 is kept as is, floats in [0, 1] are clipped, scaled by 255 and rounded."""
    images = np.asarray(images)
    if images.dtype == np.uint8:
        return images
    return np.round(np.clip(images, 0.0, 1.0) * 255).astype(np.uint8)


def to_float(images) -> np.ndarray:
    """float32 in [0, 1] of any shape: uint8 is divided by 255, floats are only cast."""
    images = np.asarray(images)
    return images.astype(np.float32) / 255.0 if images.dtype == np.uint8 else images.astype(np.float32)
