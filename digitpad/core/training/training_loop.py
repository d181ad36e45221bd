"""The training loop: each call into TensorFlow runs many steps as one traced loop, and the test split is read
after each epoch.

Keras' fit() ran the same steps slower on a CPU. Measured on the workshop MLP as `train_model.py`
runs it (2 cores, its ops on one thread, 8 epochs): 0.45 s an epoch against 0.30 s here, and 1.6 s
against 0.8 s for the first, which traces (bench/train_speed.py --part loop compares the two). Its
loop asks the batches' iterator for an optional next batch and branches on it twice a step, so
that an epoch may end inside a call; and each batch crossed over from tf.data's thread. Here a
call knows how many steps it runs, and batches without augmentation are gathered inside the loop
from the arrays in memory, in an order shuffled once an epoch. Augmented batches still come from
tf.data's thread, which augments the next ones while the model trains.

The step is fit()'s: the model called in training mode, the compiled loss (and any losses its
layers add), the optimizer's update with its schedule, weight decay and averaging (plain Adam's
through TensorFlow's fused kernel, the same arithmetic); at the end the averaged weights are
swapped in, as fit() does.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from digitpad.core.mnist.pipeline import scaled, targets
from digitpad.core.networks.fused_adam import fused_adam_step

EVALUATION_BATCH = 1024


class InMemoryBatches:
    """Batches gathered inside the traced loop from uint8 images in memory, in an order reshuffled each epoch."""

    def __init__(self, images: np.ndarray, labels: np.ndarray, batch_size: int, seed: int | None, one_hot: bool):
        self.images, self.labels = tf.constant(images), tf.constant(labels.astype(np.int32))
        self.batch_size, self.one_hot = batch_size, one_hot
        self.seed = int(np.random.SeedSequence().entropy % 2**31) if seed is None else seed
        self.count = len(labels)
        self.steps = math.ceil(self.count / batch_size)

    def epoch_input(self, epoch: int) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
        """The arrays and the epoch's order of them: a fixed shuffle of the seed and the epoch.

        Given to the traced loop as arguments, not captured by it: a graph keeps what it
        captures, and a training process that serves many runs would keep every run's images.
        """
        order = tf.random.experimental.stateless_shuffle(tf.range(self.count), seed=[self.seed, epoch])
        return self.images, self.labels, order

    def batch(self, epoch_input, step: tf.Tensor):
        images, labels, order = epoch_input
        indices = order[step * self.batch_size:(step + 1) * self.batch_size]
        return scaled(tf.gather(images, indices)), targets(tf.gather(labels, indices), self.one_hot)


class PipelineBatches:
    """Batches from a tf.data pipeline (`pipeline.training_batches`): augmented on its own thread meanwhile."""

    def __init__(self, dataset: tf.data.Dataset):
        self.dataset, self.steps = dataset, len(dataset)

    def epoch_input(self, epoch: int):
        return iter(self.dataset)  # the pipeline reshuffles for each new iterator

    def batch(self, iterator, step: tf.Tensor):
        return iterator.get_next()


class TrainingLoop:
    """Trains a compiled Keras model on a batch source, `model.steps_per_execution` steps a call."""

    def __init__(self, model: keras.Model, batches: InMemoryBatches | PipelineBatches):
        self.model, self.batches = model, batches
        if not model.optimizer.built:  # its slots must exist before the loop is traced
            model.optimizer.build(model.trainable_variables)
        # Plain Adam steps through TensorFlow's fused kernel: the same update in fewer ops (fused_adam).
        fused = fused_adam_step(model.optimizer, model.trainable_variables)
        self._update = fused or (lambda gradients: model.optimizer.apply(gradients, model.trainable_variables))
        self.totals = tf.Variable(tf.zeros(3), trainable=False)  # loss summed over examples, right, examples
        self._run_steps = tf.function(self._steps, autograph=False)

    def epoch(self, epoch: int, after_call: Callable[[int, int], None]) -> None:
        """One pass over the batches; `after_call(epoch, steps done in it)` between calls (progress, stop)."""
        self.totals.assign(tf.zeros(3))
        epoch_input = self.batches.epoch_input(epoch)
        per_call, steps = max(1, int(self.model.steps_per_execution)), self.batches.steps
        for first in range(0, steps, per_call):
            count = min(per_call, steps - first)
            self._run_steps(epoch_input, tf.constant(first), tf.constant(count))
            after_call(epoch, first + count)

    def metrics(self) -> dict[str, float]:
        """The epoch's running "loss" and "accuracy", as fit() reported them: means over its examples so far."""
        loss_sum, right, seen = (float(value) for value in self.totals.numpy())
        return {"accuracy": right / max(seen, 1.0), "loss": loss_sum / max(seen, 1.0)}

    def finish(self) -> None:
        """Swap the averaged weights in, when the optimizer kept an average (EMA), as fit() does."""
        self.model.optimizer.finalize_variable_values(self.model.trainable_variables)

    def _steps(self, epoch_input, first, count):
        def body(step, loss_sum, right, seen):
            loss, batch_right, batch_seen = self._step(*self.batches.batch(epoch_input, step))
            return step + 1, loss_sum + loss * batch_seen, right + batch_right, seen + batch_seen

        zero = tf.constant(0.0)
        _, loss_sum, right, seen = tf.while_loop(
            lambda step, *_: step < first + count, body, (first, zero, zero, zero)
        )
        self.totals.assign_add(tf.stack([loss_sum, right, seen]))

    def _step(self, images, labels):
        model = self.model
        with tf.GradientTape() as tape:
            logits = model(images, training=True)
            loss = model.loss(labels, logits)
            if model.losses:
                loss += tf.add_n(model.losses)
        self._update(tape.gradient(loss, model.trainable_variables))
        return loss, right_count(labels, logits), tf.cast(tf.shape(logits)[0], tf.float32)


class Evaluator:
    """Loss and accuracy of a compiled model on uint8 images, a batch a call; traced once for the model."""

    def __init__(self, model: keras.Model, one_hot: bool):
        self.model, self.one_hot = model, one_hot
        self._traced: dict[tuple, Callable] = {}  # by the images' shape and type, for batches of any size

    def __call__(self, images: np.ndarray, labels: np.ndarray, between_batches: Callable[[], None] = lambda: None):
        """{"loss", "accuracy"} over all the images; `between_batches()` before each batch (a stop check)."""
        totals = np.zeros(2)
        batch_sums = self._batch_sums_for(images)
        for start in range(0, len(labels), EVALUATION_BATCH):
            between_batches()
            batch = slice(start, start + EVALUATION_BATCH)
            totals += batch_sums(tf.constant(images[batch]), tf.constant(labels[batch].astype(np.int32))).numpy()
        return {"loss": float(totals[0] / len(labels)), "accuracy": float(totals[1] / len(labels))}

    def _batch_sums_for(self, images: np.ndarray):
        """The traced batch function, for any number of images shaped as these: one trace, not one a batch size.

        MNIST's 10,000 test digits are 9 batches of 1,024 and one of 784; a function traced for
        each size traced twice: the first evaluation took 0.18 s, now 0.13 s.
        """
        key = (images.shape[1:], images.dtype.str)
        if key not in self._traced:
            signature = (tf.TensorSpec((None, *images.shape[1:]), tf.as_dtype(images.dtype)),
                         tf.TensorSpec((None,), tf.int32))
            self._traced[key] = tf.function(self._batch_sums, autograph=False, input_signature=signature)
        return self._traced[key]

    def _batch_sums(self, images, labels):
        logits = self.model(scaled(images), training=False)
        wanted = targets(labels, self.one_hot)
        count = tf.cast(tf.shape(logits)[0], tf.float32)
        return tf.stack([self.model.loss(wanted, logits) * count, right_count(wanted, logits)])


def right_count(targets_: tf.Tensor, logits: tf.Tensor) -> tf.Tensor:
    """How many of the batch's largest logits name the target (a digit, or a one-hot row)."""
    digits = tf.argmax(targets_, axis=-1, output_type=tf.int32) if targets_.shape.rank == 2 else targets_
    digits = tf.cast(digits, tf.int32)  # the pipeline's labels are int64
    return tf.reduce_sum(tf.cast(tf.equal(tf.argmax(logits, axis=-1, output_type=tf.int32), digits), tf.float32))
