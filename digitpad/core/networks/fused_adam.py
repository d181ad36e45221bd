"""Keras' Adam stepped through TensorFlow's fused kernel, for the plain Adam most designs train with.

Keras 3 writes Adam's update as about twenty separate TensorFlow ops for every weight (the casts,
the two moment updates, the bias correction, the step), and a traced training step schedules
each of them on its own. TensorFlow's `ResourceApplyAdam` kernel does the same arithmetic on a
weight in one op. On the workshop MLP's step, on one core, an epoch took 0.31-0.34 s against
0.36-0.37 s, and the first epoch, which traces the step, 0.48-0.53 s against 0.62-0.66 s
(bench/MEASUREMENTS.md, 2026-12-07).

The optimizer stays Keras' own object: the kernel reads and writes the moments Keras' Adam keeps
for each weight, the step count is Keras', and the rate is Keras' (its schedule included), so a
model saved after training holds what Keras' Adam would have left. The moments are attributes
Keras' Adam keeps for its own update step; if a Keras release moves them, or the optimizer does
anything more than plain Adam (weight decay, averaging, AMSGrad, clipping, loss scaling,
accumulation, constraints), `fused_adam_step` says None and the caller steps with Keras' `apply`.
tests/test_fused_adam.py checks both against Keras' own update.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import keras

# Options of Keras' Adam that make its step more than plain Adam; each must be off for the kernel.
_EXTRAS_OFF = ("amsgrad", "use_ema", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm",
               "loss_scale_factor", "gradient_accumulation_steps")


def fused_adam_step(optimizer: keras.optimizers.Optimizer, variables: Sequence) -> Callable | None:
    """A function `step(gradients)` that applies `optimizer`'s update to `variables` by the fused kernel.

    None when that would not be Keras' own update: another optimizer (AdamW included), an extra
    option, a weight that is not float32 or has a constraint, or moments not where Keras kept them.
    The optimizer must be built on the variables.
    """
    if not _is_plain_adam(optimizer) or not all(_fusable(variable) for variable in variables):
        return None
    try:
        moments = [(optimizer._momentums[optimizer._get_variable_index(variable)],
                    optimizer._velocities[optimizer._get_variable_index(variable)]) for variable in variables]
    except (AttributeError, KeyError, IndexError):  # a Keras that keeps them otherwise
        return None
    return _FusedAdamStep(optimizer, list(variables), moments)


def _is_plain_adam(optimizer) -> bool:
    return (type(optimizer) is keras.optimizers.Adam and keras.backend.backend() == "tensorflow"
            and not any(getattr(optimizer, option, None) for option in _EXTRAS_OFF))


def _fusable(variable) -> bool:
    return variable.dtype == "float32" and getattr(variable, "constraint", None) is None


class _FusedAdamStep:
    """Keras' `optimizer.apply(gradients, variables)` for plain Adam, one kernel a weight."""

    def __init__(self, optimizer, variables: list, moments: list):
        self.optimizer, self.variables, self.moments = optimizer, variables, moments

    def __call__(self, gradients: Sequence) -> None:
        import tensorflow as tf

        optimizer = self.optimizer
        rate = tf.cast(optimizer.learning_rate, tf.float32)  # the schedule's value at this step, as Keras reads it
        step = tf.cast(optimizer.iterations + 1, tf.float32)
        beta_1, beta_2 = tf.constant(optimizer.beta_1, tf.float32), tf.constant(optimizer.beta_2, tf.float32)
        beta_1_power, beta_2_power = tf.pow(beta_1, step), tf.pow(beta_2, step)
        epsilon = tf.constant(optimizer.epsilon, tf.float32)
        for variable, (momentum, velocity), gradient in zip(self.variables, self.moments, gradients, strict=True):
            tf.raw_ops.ResourceApplyAdam(
                var=variable.value.handle, m=momentum.value.handle, v=velocity.value.handle,
                beta1_power=beta_1_power, beta2_power=beta_2_power, lr=rate, beta1=beta_1, beta2=beta_2,
                epsilon=epsilon, grad=tf.cast(gradient, tf.float32),
            )
        optimizer.iterations.assign_add(1)
