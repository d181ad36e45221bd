"""Training-time augmentation: handwriting styles, a random rotation, scale and shift, stroke width.

People's drawings are never as clean as MNIST; small random changes during training are what
make predictions hold up on them. Rotation, scale and shift are folded into one projective
transform, so each image is resampled once. Then a fifth of the digits get a pixel thinner
and a fifth a pixel bolder (pens differ), and half the 1s get the long upstroke ("flag")
with which much of the world writes a 1 and which MNIST's American writers rarely drew: without
it, the CNN read such 1s as 7s. A third of those also get the base of a printed 1. With labels,
`styles.draw_styles` also draws the slashed 0, the crossed 7 and the hooked 9 into a share of
those digits, and `open_some_loops` swaps a share of the 9s for their open-looped variant
(`open_loops`, made once a run). The styles come first, on the clean digit, so the rotation,
scale, shift and pen width that follow change them with the digit they belong to.

Tried and dropped: shear and elastic warps (Simard et al., 2003), measured on the drawn-dev
evaluation set, cost clean accuracy and made people's flagged 1s read as 7s; elastic warps again
on 2026-12-07 (a 4 x 4 grid of 1 px displacements, half the digits), judged without drawn-dev:
re-drawn MNIST 0.2 points worse, MNIST test 0.03 (bench/MEASUREMENTS.md).
"""

from __future__ import annotations

import math

import tensorflow as tf

from digitpad.core.mnist.styles import STYLE_SHARE, draw_styles, ink_box, row_ink_x, segment_ink

MAX_DEGREES = 10.0
SCALE_RANGE = (0.9, 1.1)
MAX_SHIFT_PX = 2.0


THINNER_SHARE, BOLDER_SHARE = 0.2, 0.2
FLAGGED_SHARE_OF_ONES = 0.5
FLAG_DEGREES = (20.0, 46.0)  # from the vertical: a steep upstroke, not a 7's bar
FLAG_LENGTH = (0.3, 0.6)  # of the 1's height
FOOTED_SHARE_OF_FLAGGED = 0.3  # the flag-and-base 1 of printed type
FOOT_HALF_LENGTH = (0.12, 0.25)  # of the 1's height, each side of the stem
FOOT_TILT_DEGREES = 6.0


def augment_batch(images: tf.Tensor, seed: int | None = None, labels: tf.Tensor | None = None) -> tf.Tensor:
    """A batch of NHWC images in [0, 1], each changed at random; with `labels`, some 1s get a flag."""
    if labels is not None:
        images = draw_styles(flag_some_ones(images, labels, seed), labels, seed)
    return random_stroke_width(random_affine(images, seed), seed)


def random_affine(images: tf.Tensor, seed: int | None = None) -> tf.Tensor:
    """Randomly rotate (±10°), scale (x0.9..1.1) and shift (±2 px) a batch of NHWC images."""
    count = tf.shape(images)[0]
    height = tf.cast(tf.shape(images)[1], tf.float32)
    width = tf.cast(tf.shape(images)[2], tf.float32)

    def uniform(low, high, offset):
        return tf.random.uniform([count], low, high, seed=None if seed is None else seed + offset)

    angle = uniform(-math.radians(MAX_DEGREES), math.radians(MAX_DEGREES), 0)
    scale = uniform(*SCALE_RANGE, 1)
    shift_x = uniform(-MAX_SHIFT_PX, MAX_SHIFT_PX, 2)
    shift_y = uniform(-MAX_SHIFT_PX, MAX_SHIFT_PX, 3)
    centre_x, centre_y = (width - 1) / 2, (height - 1) / 2

    # The op wants the output -> input map: unrotate / scale, then undo the shift.
    a0, a1 = tf.cos(angle) / scale, tf.sin(angle) / scale
    b0, b1 = -a1, a0
    source_x, source_y = centre_x + shift_x, centre_y + shift_y
    a2 = centre_x - (a0 * source_x + a1 * source_y)
    b2 = centre_y - (b0 * source_x + b1 * source_y)
    zeros = tf.zeros_like(angle)
    return tf.raw_ops.ImageProjectiveTransformV3(
        images=images,
        transforms=tf.stack([a0, a1, a2, b0, b1, b2, zeros, zeros], axis=1),
        output_shape=tf.shape(images)[1:3],
        interpolation="BILINEAR",
        fill_mode="CONSTANT",
        fill_value=0.0,
    )


def random_stroke_width(images: tf.Tensor, seed: int | None = None) -> tf.Tensor:
    """A fifth of the images a pixel thinner (erosion), a fifth a pixel bolder (dilation)."""
    choice = tf.random.uniform([tf.shape(images)[0]], seed=None if seed is None else seed + 4)
    for chosen, change in ((choice < THINNER_SHARE, _thinner), (choice > 1 - BOLDER_SHARE, _bolder)):
        where = tf.where(chosen)  # only those images are changed: two fifths of the work
        images = tf.tensor_scatter_nd_update(images, where, change(tf.gather_nd(images, where)))
    return images


def _bolder(images: tf.Tensor) -> tf.Tensor:
    """Each pixel the largest of its 2x2 window down and right: max_pool2d(2, 1, "SAME") on [0, 1] images.

    Four shifted maxima instead of the pooling op, which on one channel costs 3 ms per batch of 512.
    """
    padded = tf.pad(images, [[0, 0], [0, 1], [0, 1], [0, 0]])  # 0 never wins over ink >= 0
    return tf.maximum(
        tf.maximum(padded[:, :-1, :-1], padded[:, 1:, :-1]), tf.maximum(padded[:, :-1, 1:], padded[:, 1:, 1:])
    )


def _thinner(images: tf.Tensor) -> tf.Tensor:
    """Each pixel the smallest of the same window (erosion), past the edge left out as the pooling op does."""
    padded = tf.pad(images, [[0, 0], [0, 1], [0, 1], [0, 0]], constant_values=1.0)  # 1 never wins a minimum
    return tf.minimum(
        tf.minimum(padded[:, :-1, :-1], padded[:, 1:, :-1]), tf.minimum(padded[:, :-1, 1:], padded[:, 1:, 1:])
    )


def open_some_loops(images: tf.Tensor, variant_rows: tf.Tensor, variants: tf.Tensor, seed: int | None = None,
                    share: float = STYLE_SHARE) -> tf.Tensor:
    """A share of the digits that have an open-looped variant (`open_loops`) are swapped for it (row -1: none)."""
    pick = tf.random.uniform(tf.shape(variant_rows), seed=None if seed is None else seed + 41) < share
    chosen = tf.where(tf.logical_and(pick, variant_rows >= 0))
    return tf.tensor_scatter_nd_update(images, chosen, tf.gather(variants, tf.gather_nd(variant_rows, chosen)))


def flag_some_ones(images: tf.Tensor, labels: tf.Tensor, seed: int | None = None,
                   ones_flagged: float = FLAGGED_SHARE_OF_ONES, footed: float = FOOTED_SHARE_OF_FLAGGED) -> tf.Tensor:
    """Half the 1s (`ones_flagged`) get a flag: a straight stroke from the top of the ink down to the left.

    A share of those (`footed`) also get a base across the foot of the stem.
    """
    count = tf.shape(images)[0]

    def uniform(low, high, offset, shape=None):
        return tf.random.uniform(shape or [count], low, high, seed=None if seed is None else seed + offset)

    angle = uniform(math.radians(FLAG_DEGREES[0]), math.radians(FLAG_DEGREES[1]), 5)
    share = uniform(*FLAG_LENGTH, 6)
    half_width = uniform(0.8, 1.4, 7)
    chosen = tf.where(tf.logical_and(tf.equal(labels, 1), uniform(0.0, 1.0, 8) < ones_flagged))
    # Only the chosen few (a twentieth of a batch) are measured and drawn on.
    picked = tf.gather_nd(images, chosen)
    top, bottom, _, _ = ink_box(picked[..., 0])
    top_x = row_ink_x(picked[..., 0], top)
    angle, length = tf.gather_nd(angle, chosen), tf.gather_nd(share, chosen) * (bottom - top + 1)
    end_x, end_y = top_x - length * tf.sin(angle), top + length * tf.cos(angle)
    half_width = tf.gather_nd(half_width, chosen)
    flag = segment_ink(top_x, top, end_x, end_y, half_width=half_width)
    with_base = tf.gather_nd(uniform(0.0, 1.0, 9), chosen) < footed
    based = tf.maximum(flag, _foot(picked[..., 0], top, bottom, half_width, seed))
    flag = tf.where(with_base[:, None, None], based, flag)
    return tf.tensor_scatter_nd_update(images, chosen, tf.maximum(picked, flag[..., None]))


def _foot(ones: tf.Tensor, top: tf.Tensor, bottom: tf.Tensor, half_width: tf.Tensor, seed: int | None) -> tf.Tensor:
    """A base under each (N, H, W) 1: a short, nearly level stroke centred on the stem's foot."""
    count = tf.shape(ones)[0]
    x = row_ink_x(ones, bottom)
    half = tf.random.uniform([count], *FOOT_HALF_LENGTH, seed=None if seed is None else seed + 15) * (bottom - top + 1)
    tilt_range = math.radians(FOOT_TILT_DEGREES)
    tilt = tf.random.uniform([count], -tilt_range, tilt_range, seed=None if seed is None else seed + 16)
    dx, dy = half * tf.cos(tilt), half * tf.sin(tilt)
    return segment_ink(x - dx, bottom + dy, x + dx, bottom - dy, half_width)
