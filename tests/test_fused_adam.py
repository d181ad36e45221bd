"""Plain Adam steps through TensorFlow's fused kernel with Keras' own arithmetic; anything more steps through Keras."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from digitpad.core.networks.builders import compile_model, seed_mlp
from digitpad.core.networks.fused_adam import fused_adam_step
from digitpad.core.training.training_loop import InMemoryBatches, TrainingLoop


def _network(seed=0):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([keras.Input((6,)), keras.layers.Dense(5, activation="relu"), keras.layers.Dense(3)])


def _gradients(step, network):
    rng = np.random.default_rng(step)
    return [tf.constant(rng.normal(size=v.shape).astype("float32")) for v in network.trainable_variables]


def _stepped(optimizer, fused: bool, steps=6):
    network = _network()
    optimizer.build(network.trainable_variables)
    step = fused_adam_step(optimizer, network.trainable_variables) if fused else None
    for index in range(steps):
        gradients = _gradients(index, network)
        if fused:
            step(gradients)
        else:
            optimizer.apply(gradients, network.trainable_variables)
    return network, optimizer


@pytest.mark.parametrize("rate", [1e-3, "schedule"])
def test_the_fused_step_leaves_the_weights_moments_and_step_count_keras_adam_leaves(rate):
    def adam():
        schedule = keras.optimizers.schedules.CosineDecay(1e-3, 10, warmup_target=1e-2, warmup_steps=3)
        return keras.optimizers.Adam(schedule if rate == "schedule" else rate)

    (fused_net, fused_opt), (keras_net, keras_opt) = _stepped(adam(), True), _stepped(adam(), False)

    for mine, theirs in zip(fused_net.get_weights(), keras_net.get_weights()):
        np.testing.assert_allclose(mine, theirs, rtol=1e-5, atol=1e-6)
    for mine, theirs in zip(fused_opt.variables, keras_opt.variables):
        np.testing.assert_allclose(np.asarray(mine), np.asarray(theirs), rtol=1e-5, atol=1e-7)
    assert int(fused_opt.iterations) == 6


@pytest.mark.parametrize("optimizer", [
    keras.optimizers.Adam(amsgrad=True), keras.optimizers.Adam(use_ema=True), keras.optimizers.Adam(weight_decay=1e-4),
    keras.optimizers.Adam(clipnorm=1.0), keras.optimizers.AdamW(), keras.optimizers.SGD(momentum=0.9),
], ids=["amsgrad", "ema", "weight decay", "clipping", "AdamW", "SGD"])
def test_an_optimizer_that_does_more_than_plain_adam_is_left_to_keras(optimizer):
    network = _network()
    optimizer.build(network.trainable_variables)
    assert fused_adam_step(optimizer, network.trainable_variables) is None


def test_a_weight_with_a_constraint_is_left_to_keras():
    keras.utils.set_random_seed(0)
    network = keras.Sequential([keras.Input((6,)), keras.layers.Dense(3, kernel_constraint=keras.constraints.NonNeg())])
    optimizer = keras.optimizers.Adam()
    optimizer.build(network.trainable_variables)
    assert fused_adam_step(optimizer, network.trainable_variables) is None


def test_the_workshop_mlp_trains_with_one_fused_kernel_per_weight(mnist):
    model = seed_mlp()
    compile_model(model, 1e-3, steps_per_execution=4)
    loop = TrainingLoop(model, InMemoryBatches(mnist.x_train[:512], mnist.y_train[:512], 128, seed=1, one_hot=False))
    loop.epoch(0, lambda epoch, done: None)

    graph = loop._run_steps.get_concrete_function(*_loop_arguments(loop)).graph.as_graph_def()
    kernels = [node for function in graph.library.function for node in function.node_def
               if node.op == "ResourceApplyAdam"]
    assert len(kernels) == len(model.trainable_variables) == 4
    assert int(model.optimizer.iterations) == 4  # Keras' step count, kept by the fused step


def _loop_arguments(loop):
    return loop.batches.epoch_input(0), tf.constant(0), tf.constant(1)
