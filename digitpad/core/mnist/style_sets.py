"""Test sets built from the handwriting styles' descriptions: every digit of a class with its style drawn in.

They show whether a network learnt the styles' documented forms on digits it never trained on
(MNIST's test split), not how it reads people's versions of them. For the benches and tests.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from digitpad.core.mnist.augment import flag_some_ones
from digitpad.core.mnist.open_loops import open_loop_variants
from digitpad.core.mnist.styles import STYLES


def styled_test_set(images, labels, style: str, seed: int = 0):
    """Every digit of the style's class with that style drawn in: (images (M, 28, 28, 1) float32 in [0, 1], labels).

    The open-looped 9 is every 9 that has an open variant (`open_loops`): about two thirds of them.
    """
    if style == "open-looped 9":
        rows, variants = open_loop_variants(np.asarray(images), np.asarray(labels))
        return variants[rows[rows >= 0]].astype(np.float32) / 255.0, np.full(int((rows >= 0).sum()), 9, np.int64)
    if style not in STYLES and style not in ("flagged 1", "flag and base 1"):
        raise KeyError(f"no style set called {style!r}")
    digit, draw = STYLES.get(style, (1, None))
    mask = np.asarray(labels) == digit
    batch = tf.constant(np.asarray(images)[mask].astype(np.float32) / 255.0)
    picked_labels = tf.constant(np.asarray(labels)[mask].astype(np.int64))
    if draw is not None:
        styled = draw(batch, picked_labels, seed, 1.0)
    else:  # "flagged 1", or "flag and base 1"
        styled = flag_some_ones(batch, picked_labels, seed, ones_flagged=1.0, footed=float(style == "flag and base 1"))
    return styled.numpy(), picked_labels.numpy()
