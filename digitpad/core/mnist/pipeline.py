"""The input pipelines: DigitPad's fast in-memory one and the seed tutorial's, for comparison.

Both keep the seed's semantics: pixels / 255 as float32, the whole training split reshuffled
every epoch, batches of 128. The fast one shuffles indices instead of images and gathers each
batch from arrays already in memory, so no per-image work is left in the loop.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from digitpad.core.mnist.augment import augment_batch, open_some_loops
from digitpad.core.mnist.open_loops import open_loop_variants


def training_batches(
    images: np.ndarray,
    labels: np.ndarray,
    batch_size: int = 128,
    augment: bool = False,
    seed: int | None = None,
    one_hot: bool = False,
) -> tf.data.Dataset:
    """Shuffled (image, label) batches over uint8 images (N, 28, 28, 1), reshuffled each epoch.

    `one_hot` gives the labels as 10-vectors, for a loss with label smoothing.
    """
    open_rows, open_nines = open_loop_variants(images, labels) if augment else (None, None)
    images = tf.constant(images)
    labels = tf.constant(labels)

    def gather(indices):
        batch, digits = tf.gather(images, indices), tf.gather(labels, indices)
        if not augment:
            return scaled(batch), targets(digits, one_hot)
        batch = open_some_loops(batch, tf.gather(open_rows, indices), open_nines, seed)
        return augment_batch(scaled(batch), seed, digits), targets(digits, one_hot)

    count = int(images.shape[0])
    batches = (
        tf.data.Dataset.range(count)
        .shuffle(count, seed=seed, reshuffle_each_iteration=True)
        .batch(batch_size)
        # Traced as written: the augmentation has no Python branches on tensors for AutoGraph to turn into
        # graph ops, and converting its code first took 0.8 s of every run's start (1.1 s against 0.3 s).
        .map(tf.autograph.experimental.do_not_convert(gather), num_parallel_calls=1)
        .prefetch(2)
    )
    return batches.with_options(_one_data_thread())


def _one_data_thread() -> tf.data.Options:
    """One thread of its own for the batches, and no autotuning.

    A batch's gathering and augmentation (10 ms for 512 images) keeps well ahead of a training
    step (100 ms) on one thread. With AUTOTUNE, tf.data's threads fought the model's for the two
    cores: CNN epochs took 12 to 20 s, and 6 of them 102 s, against 10 to 12 s and 80 s.
    """
    options = tf.data.Options()
    options.threading.private_threadpool_size = 1
    options.autotune.enabled = False
    return options


def seed_tutorial_batches(split: tf.data.Dataset, batch_size: int = 128, training: bool = True) -> tf.data.Dataset:
    """The seed's tfds tutorial pipeline: map -> cache -> shuffle -> batch -> prefetch."""
    split = split.map(_scaled_pair, num_parallel_calls=tf.data.AUTOTUNE).cache()
    if training:
        split = split.shuffle(60_000)
    return split.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def scaled(images):
    """uint8 pixels as float32 in [0, 1], as `pixels.to_float` does outside TensorFlow's graph."""
    return tf.cast(images, tf.float32) / 255.0


def targets(digits, one_hot: bool):
    """The digits, or their one-hot rows for a loss with label smoothing."""
    return tf.one_hot(digits, 10) if one_hot else digits


def _scaled_pair(images, labels):
    return scaled(images), labels
