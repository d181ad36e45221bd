"""DigitPad's own training loop: every example once an epoch, a new order each epoch, one run for one seed."""

import keras
import numpy as np
import tensorflow as tf

from digitpad.core.networks.builders import compile_model, seed_mlp
from digitpad.core.training.training_loop import Evaluator, InMemoryBatches, TrainingLoop


def test_each_epoch_takes_every_example_once_in_an_order_of_its_own_that_the_seed_repeats():
    labels = np.arange(1000) % 10
    batches = InMemoryBatches(np.zeros((1000, 28, 28, 1), np.uint8), labels, 128, seed=7, one_hot=False)

    first, second = (batches.epoch_input(epoch)[2].numpy() for epoch in (0, 1))
    again = InMemoryBatches(np.zeros((1000, 28, 28, 1), np.uint8), labels, 128, seed=7, one_hot=False)

    assert batches.steps == 8  # the last batch holds the 104 left over
    assert sorted(first) == list(range(1000)) and sorted(second) == list(range(1000))
    assert not np.array_equal(first, second)
    assert np.array_equal(again.epoch_input(1)[2].numpy(), second)


def trained_weights(mnist, seed):
    keras.utils.set_random_seed(seed)
    model = seed_mlp()
    compile_model(model, 1e-3, steps_per_execution=8)
    batches = InMemoryBatches(mnist.x_train[:2560], mnist.y_train[:2560], 128, seed=seed, one_hot=False)
    loop, steps_seen = TrainingLoop(model, batches), []
    loop.epoch(0, lambda epoch, done: steps_seen.append(done))
    return model.get_weights(), loop, steps_seen


def test_the_same_seed_trains_the_same_model_and_the_loop_reports_between_its_calls(mnist):
    weights, loop, steps_seen = trained_weights(mnist, seed=3)
    again, _, _ = trained_weights(mnist, seed=3)
    other, _, _ = trained_weights(mnist, seed=4)

    assert all(np.array_equal(a, b) for a, b in zip(weights, again))
    assert not np.array_equal(weights[0], other[0])
    assert steps_seen == [8, 16, 20]  # 8 steps a call, the epoch's 20 batches
    metrics = loop.metrics()
    assert 0.5 < metrics["accuracy"] <= 1 and 0 < metrics["loss"] < 2  # an epoch on 2,560 digits learns


def test_the_evaluator_counts_what_the_model_gets_right_across_batches_of_any_size(mnist):
    _, loop, _ = trained_weights(mnist, seed=3)
    images, labels = mnist.x_test[:2500], mnist.y_test[:2500]  # three batches, the last of 452

    evaluator = Evaluator(loop.model, one_hot=False)
    measured = evaluator(images, labels)

    logits = loop.model.predict(images.astype(np.float32) / 255, verbose=0)
    assert measured["accuracy"] == np.mean(logits.argmax(axis=1) == labels)
    evaluator(mnist.x_test[:100], mnist.y_test[:100])
    assert sum(traced.experimental_get_tracing_count() for traced in evaluator._traced.values()) == 1  # not one a size


def test_the_traced_loop_keeps_none_of_a_runs_images_so_a_process_serving_many_runs_does_not_grow(mnist):
    _, loop, _ = trained_weights(mnist, seed=3)
    epoch_input = loop.batches.epoch_input(0)

    traced = loop._run_steps.get_concrete_function(epoch_input, tf.constant(0), tf.constant(8))

    sizes = [int(np.prod(capture.shape)) for capture in traced.captured_inputs]  # weights come as handles
    assert max(sizes, default=0) < 28 * 28 * 100
