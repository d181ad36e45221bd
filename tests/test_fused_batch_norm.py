"""Batch norm trains with TensorFlow's fused kernel, and the model a run hands back is plain Keras."""

import zipfile

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from digitpad.core.networks.fused_batch_norm import FusedBatchNormalization, with_keras_batch_norm
from digitpad.core.networks.keras_builder import build_network
from digitpad.core.networks.presets import preset
from digitpad.core.runs.model_files import save_model


def _pair():
    """A fused layer and Keras' own, built on the same shape with the same starting weights."""
    fused, plain = FusedBatchNormalization(momentum=0.9), layers.BatchNormalization(momentum=0.9)
    for layer in (fused, plain):
        layer.build((None, 7, 7, 16))
    weights = [np.random.default_rng(1).normal(1.0, 0.3, 16).astype("float32") for _ in range(4)]
    weights[3] = np.abs(weights[3])  # a variance
    fused.set_weights(weights)
    plain.set_weights(weights)
    return fused, plain


def test_a_training_step_computes_what_keras_batch_norm_computes_outputs_gradients_and_averages():
    fused, plain = _pair()
    images = tf.constant(np.random.default_rng(2).normal(2.0, 3.0, (64, 7, 7, 16)).astype("float32"))
    # Weights per value, not per channel: a normalised channel sums to zero, its gradient would be noise.
    weights = tf.constant(np.random.default_rng(5).normal(size=(64, 7, 7, 16)).astype("float32"))
    results = []
    for layer in (fused, plain):
        with tf.GradientTape() as tape:
            tape.watch(images)
            out = layer(images, training=True)
            loss = tf.reduce_sum(out * weights)
        gradients = tape.gradient(loss, [images, *layer.trainable_weights])
        results.append((out, gradients, [w.numpy() for w in layer.non_trainable_weights]))
    (out_f, grads_f, averages_f), (out_p, grads_p, averages_p) = results
    np.testing.assert_allclose(out_f, out_p, atol=1e-4)
    for mine, theirs in zip(grads_f, grads_p):
        np.testing.assert_allclose(mine, theirs, rtol=1e-3, atol=1e-3)
    np.testing.assert_allclose(averages_f[0], averages_p[0], rtol=1e-5)
    # The kernel's batch variance is the unbiased one: n / (n - 1) of Keras', n = 64 * 7 * 7 here.
    np.testing.assert_allclose(averages_f[1], averages_p[1], rtol=1e-3)


def test_outside_training_and_on_flat_inputs_it_is_keras_own_layer():
    fused, plain = _pair()
    images = np.random.default_rng(3).normal(size=(8, 7, 7, 16)).astype("float32")
    np.testing.assert_allclose(fused(images, training=False), plain(images, training=False), atol=1e-6)
    flat = FusedBatchNormalization()
    assert flat(np.ones((4, 10), "float32"), training=True).shape == (4, 10)


def test_the_training_model_uses_the_fused_layer_and_the_model_handed_back_uses_keras_own(tmp_path):
    model = build_network(preset("CNN"), total_steps=10)
    assert any(isinstance(layer, FusedBatchNormalization) for layer in model.layers)
    plain = with_keras_batch_norm(model)
    kinds = [type(layer) for layer in plain.layers]
    assert FusedBatchNormalization not in kinds and layers.BatchNormalization in kinds
    assert plain.name == model.name and plain.count_params() == model.count_params()
    images = np.random.default_rng(4).random((5, 28, 28, 1)).astype("float32")
    np.testing.assert_allclose(plain.predict(images, verbose=0), model.predict(images, verbose=0), atol=1e-5)

    path = save_model(plain, tmp_path / "cnn.keras", {"recipe": {}})
    with zipfile.ZipFile(path) as saved:
        config = saved.read("config.json").decode()
    assert "Fused" not in config and "BatchNormalization" in config  # any Keras can load it
    assert keras.saving.load_model(path, compile=False).count_params() == model.count_params()


def test_a_model_without_batch_norm_is_handed_back_as_it_is():
    model = build_network(preset("Workshop MLP"), total_steps=10)
    assert with_keras_batch_norm(model) is model



def test_a_saved_model_trained_further_trains_fused_and_predicts_as_the_file_does(cnn_path):
    from digitpad.core.training.fine_tuning import load_for_training

    saved = keras.saving.load_model(cnn_path, compile=False)
    for_training = load_for_training(cnn_path, 1e-4)

    assert any(isinstance(layer, FusedBatchNormalization) for layer in for_training.layers)
    assert for_training.name == saved.name and for_training.optimizer is not None
    images = np.random.default_rng(6).random((4, 28, 28, 1)).astype("float32")
    np.testing.assert_allclose(for_training.predict(images, verbose=0), saved.predict(images, verbose=0), atol=1e-5)
