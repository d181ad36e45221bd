"""Batch norm trained with TensorFlow's fused kernel, and models handed back with Keras' own layer.

Keras 3 normalises a batch in separate TensorFlow ops (the moments, then the scaling), and
differentiates through each of them: on two cores that was 24 of a CNN step's 64 ms. TensorFlow's
fused kernel computes the same thing, forward and backward, in one pass each: 43 ms a step for
the same network (bench/MEASUREMENTS.md, 2026-12-06 evening). The layer is what a run trains
with; `with_keras_batch_norm`, which `runs.model_files.save_model` applies, gives the model back
with `keras.layers.BatchNormalization` and the same weights, so a saved model is plain Keras that
any notebook can load (and that DigitPad's own check of model files accepts).
"""

from __future__ import annotations

import keras
from keras import layers


class FusedBatchNormalization(layers.BatchNormalization):
    """`keras.layers.BatchNormalization`, whose training step on NHWC images runs TensorFlow's fused kernel.

    Everything else (inference, other ranks, masks, other backends) is Keras' own code. The moving
    averages are updated as Keras updates them; the kernel's batch variance is the unbiased one,
    n / (n - 1) times Keras', which for the 25,000 values a channel has in a batch of 512 is 1.00004.
    """

    def call(self, inputs, training=None, mask=None):
        if not self._fusable(inputs, training, mask):
            return super().call(inputs, training=training, mask=mask)
        import tensorflow as tf

        images = tf.cast(inputs, tf.float32)
        channels = images.shape[-1]
        scale = tf.cast(self.gamma, tf.float32) if self.scale else tf.ones([channels])
        offset = tf.cast(self.beta, tf.float32) if self.center else tf.zeros([channels])
        normalized, mean, variance = tf.compat.v1.nn.fused_batch_norm(
            images, scale, offset, epsilon=self.epsilon, data_format="NHWC", is_training=True
        )
        for average, batch_value in ((self.moving_mean, mean), (self.moving_variance, variance)):
            average.assign(average * self.momentum + tf.cast(batch_value, average.dtype) * (1.0 - self.momentum))
        return tf.cast(normalized, self.compute_dtype)

    def _fusable(self, inputs, training, mask) -> bool:
        channels_last = self.axis in (-1, 3, [3], [-1])
        return (bool(training) and self.trainable and mask is None and len(inputs.shape) == 4 and channels_last
                and not self.renorm and not self.synchronized and keras.backend.backend() == "tensorflow")


def with_keras_batch_norm(model: keras.Model) -> keras.Model:
    """`model` itself if it has no fused batch norm; otherwise a copy with Keras' layer and the same weights.

    The copy is not compiled (and so saved without the optimizer's state): every later use of a
    model file, fine-tuning included, loads it uncompiled.
    """
    return _with_batch_norm_class(model, FusedBatchNormalization, layers.BatchNormalization)


def with_fused_batch_norm(model: keras.Model) -> keras.Model:
    """`model` itself if it has no batch norm; otherwise a copy that trains them fused, with the same weights.

    For a saved model trained further (fine-tuning): it loads with Keras' layer.
    """
    return _with_batch_norm_class(model, layers.BatchNormalization, FusedBatchNormalization)


def _with_batch_norm_class(model: keras.Model, old: type, new: type) -> keras.Model:
    """A copy of `model` whose `old` batch norms are `new` ones (same settings and weights); `model` if it has none."""
    if not any(type(layer) is old for layer in model.layers):
        return model

    def swapped(layer):
        config = layer.get_config()
        if type(layer) is not old:
            return layer.__class__.from_config(config)
        del config["name"]  # named afresh, as Keras names its own ("batch_normalization_N")
        return new.from_config(config)

    copy = keras.models.clone_model(model, clone_function=swapped)
    copy.set_weights(model.get_weights())
    return copy
