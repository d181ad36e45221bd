"""Handwriting styles MNIST's American writers rarely used, drawn into MNIST digits of that class.

Much of the world writes some digits differently from MNIST's writers, and a model trained on
MNIST alone misreads them. Each function here takes a batch of NHWC images in [0, 1] with their
labels and draws a documented variant into a share of the digits of one class, on the raster:

- the slashed zero (0 with a diagonal stroke through it, bottom-left to top-right, as in
  Scandinavian and programmers' writing): a straight stroke through the ink's middle, 25-50
  degrees from the vertical, reaching past the oval's edge a little;
- the seven with a crossbar (continental Europe): a short horizontal stroke across the stem at
  40-60% of the digit's height, centred where the stem's ink is in that row;
- the nine with a hooked tail (the tail curls back to the left at the bottom, as many people
  write it): two short strokes from the bottom of the stem, left and then up-left.

The nine's *open* loop (a gap where the loop meets the stem) is not drawn here: the loop's join
has to be found first, so `open_loops` cuts it into MNIST's 9s once, on the CPU, before training.
Not done, and why: the open-topped four. Most of MNIST's 4s are already open at the top; erasing
the ink left of the stem in the top third (tried) cut the left arm off many of them, drawing a
"+" or a 1 with a bar rather than a 4. The flagged 1 lives in `augment.flag_some_ones`.

Each is applied to STYLE_SHARE of that class's digits (set once, not fitted): about 3% of a
batch changed in all. `style_sets.styled_test_set` applies one style to every digit of its class, for the
evaluation sets built from these descriptions (bench/handwriting_styles.py).
"""

from __future__ import annotations

import math

import tensorflow as tf

STYLE_SHARE = 0.3
SLASH_DEGREES = (25.0, 50.0)  # from the vertical, leaning right: bottom-left to top-right
SLASH_REACH = (1.0, 1.25)  # of the ink's half-height, from the middle each way
CROSSBAR_HEIGHT = (0.4, 0.6)  # where it crosses, as a share of the digit's height from its top
CROSSBAR_HALF_LENGTH = (0.15, 0.25)  # of the digit's height, each side of the stem
CROSSBAR_TILT_DEGREES = 8.0
HOOK_LENGTH = (0.2, 0.35)  # each of the hook's two strokes, as a share of the digit's height


def draw_styles(images: tf.Tensor, labels: tf.Tensor, seed: int | None = None, share: float = STYLE_SHARE) -> tf.Tensor:
    """The three styles, each on `share` of its class's digits."""
    images = slash_some_zeros(images, labels, seed, share)
    images = cross_some_sevens(images, labels, seed, share)
    return hook_some_nines(images, labels, seed, share)


def _chosen(labels, digit, share, seed, offset):
    pick = tf.random.uniform(tf.shape(labels), seed=None if seed is None else seed + offset)
    return tf.where(tf.logical_and(tf.equal(labels, digit), pick < share))


def _uniform(count, low, high, seed, offset):
    return tf.random.uniform([count], low, high, seed=None if seed is None else seed + offset)


def ink_box(images: tf.Tensor):
    """Per (N, H, W) image: top, bottom, left, right of the ink above half intensity, as floats."""
    ink = images > 0.5

    def first_last(any_along):
        flags = tf.cast(any_along, tf.int32)
        size = tf.cast(tf.shape(flags)[1], tf.float32)
        first = tf.cast(tf.argmax(flags, axis=1), tf.float32)
        last = size - 1 - tf.cast(tf.argmax(tf.reverse(flags, [1]), axis=1), tf.float32)
        return first, last

    top, bottom = first_last(tf.reduce_any(ink, axis=2))
    left, right = first_last(tf.reduce_any(ink, axis=1))
    return top, bottom, left, right


def row_ink_x(images: tf.Tensor, rows: tf.Tensor) -> tf.Tensor:
    """The mean column of the ink (> 0.5) in the given row of each (N, H, W) image (the middle if none)."""
    row = tf.gather(tf.cast(images > 0.5, tf.float32), tf.cast(tf.round(rows), tf.int32), axis=1, batch_dims=1)
    columns = tf.range(tf.shape(images)[2], dtype=tf.float32)
    width = tf.cast(tf.shape(images)[2], tf.float32)
    total = tf.reduce_sum(row, 1)
    return tf.where(total > 0, tf.reduce_sum(row * columns, 1) / tf.maximum(total, 1.0), (width - 1) / 2)


def segment_ink(x0, y0, x1, y1, half_width, size: int = 28):
    """(N, size, size) antialiased straight strokes from (x0, y0) to (x1, y1), one per image."""
    grid = tf.range(size, dtype=tf.float32)
    px, py = grid[None, None, :], grid[None, :, None]
    ax, ay = x0[:, None, None], y0[:, None, None]
    dx, dy = (x1 - x0)[:, None, None], (y1 - y0)[:, None, None]
    along = tf.clip_by_value(((px - ax) * dx + (py - ay) * dy) / tf.maximum(dx * dx + dy * dy, 1e-6), 0.0, 1.0)
    distance = tf.sqrt((px - ax - along * dx) ** 2 + (py - ay - along * dy) ** 2)
    return tf.clip_by_value(half_width[:, None, None] + 0.5 - distance, 0.0, 1.0)


def _ink_added(images, chosen, strokes):
    picked = tf.gather_nd(images, chosen)
    return tf.tensor_scatter_nd_update(images, chosen, tf.maximum(picked, strokes(picked[..., 0])[..., None]))


def slash_some_zeros(images, labels, seed=None, share=STYLE_SHARE):
    """A share of the 0s get a slash: a straight stroke through the middle, bottom-left to top-right."""
    chosen = _chosen(labels, 0, share, seed, 11)

    def strokes(picked):
        count = tf.shape(picked)[0]
        top, bottom, left, right = ink_box(picked)
        cx, cy = (left + right) / 2, (top + bottom) / 2
        angle = _uniform(count, math.radians(SLASH_DEGREES[0]), math.radians(SLASH_DEGREES[1]), seed, 12)
        reach = _uniform(count, *SLASH_REACH, seed, 13) * (bottom - top + 1) / 2
        dx, dy = reach * tf.sin(angle), reach * tf.cos(angle)
        return segment_ink(cx - dx, cy + dy, cx + dx, cy - dy, _uniform(count, 0.7, 1.3, seed, 14))

    return _ink_added(images, chosen, strokes)


def cross_some_sevens(images, labels, seed=None, share=STYLE_SHARE):
    """A share of the 7s get a crossbar: a short, nearly level stroke across the stem near mid-height."""
    chosen = _chosen(labels, 7, share, seed, 21)

    def strokes(picked):
        count = tf.shape(picked)[0]
        top, bottom, _, _ = ink_box(picked)
        height = bottom - top + 1
        y = top + _uniform(count, *CROSSBAR_HEIGHT, seed, 22) * height
        x = row_ink_x(picked, y)
        half = _uniform(count, *CROSSBAR_HALF_LENGTH, seed, 23) * height
        tilt = _uniform(count, -math.radians(CROSSBAR_TILT_DEGREES), math.radians(CROSSBAR_TILT_DEGREES), seed, 24)
        dx, dy = half * tf.cos(tilt), half * tf.sin(tilt)
        return segment_ink(x - dx, y + dy, x + dx, y - dy, _uniform(count, 0.7, 1.3, seed, 25))

    return _ink_added(images, chosen, strokes)


def hook_some_nines(images, labels, seed=None, share=STYLE_SHARE):
    """A share of the 9s get a hooked tail: from the stem's bottom, a stroke to the left, then one up-left."""
    chosen = _chosen(labels, 9, share, seed, 31)

    def strokes(picked):
        count = tf.shape(picked)[0]
        top, bottom, _, _ = ink_box(picked)
        height = bottom - top + 1
        x0, y0 = row_ink_x(picked, bottom), bottom
        first = _uniform(count, *HOOK_LENGTH, seed, 32) * height
        second = _uniform(count, *HOOK_LENGTH, seed, 33) * height * 0.8
        # Leftward and a little down (the curl's bottom), then up and to the left.
        down = _uniform(count, math.radians(-5.0), math.radians(20.0), seed, 34)
        x1, y1 = x0 - first * tf.cos(down), tf.minimum(y0 + first * tf.sin(down), 27.0)
        up = _uniform(count, math.radians(35.0), math.radians(70.0), seed, 35)
        x2, y2 = x1 - second * tf.cos(up), y1 - second * tf.sin(up)
        width = _uniform(count, 0.7, 1.3, seed, 36)
        return tf.maximum(segment_ink(x0, y0, x1, y1, width), segment_ink(x1, y1, x2, y2, width))

    return _ink_added(images, chosen, strokes)


STYLES = {
    "slashed 0": (0, slash_some_zeros),
    "crossed 7": (7, cross_some_sevens),
    "hooked 9": (9, hook_some_nines),
}
