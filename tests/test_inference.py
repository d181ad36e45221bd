"""Inference: a model's LiteRT twin gives the bars Keras would, without TensorFlow, and Keras is the fallback."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import keras
import numpy as np
import pytest

from digitpad.core.inference.keras_predictor import KerasPredictor
from digitpad.core.inference.litert_predictor import LiteRTPredictor
from digitpad.core.inference.loading import load_predictor
from digitpad.core.inference.twin import write_twin
from digitpad.core.inference.twin_files import twin_path
from digitpad.core.networks.builders import build_model
from digitpad.core.networks.design import normalized
from digitpad.core.networks.keras_builder import network_model
from digitpad.core.runs.model_files import save_model
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def fresh_mlp(tmp_path_factory, mnist):
    """A seed MLP trained for one epoch here, and saved the way the app saves every run."""
    keras.utils.set_random_seed(1)
    model = build_model("mlp")
    model.fit(mnist.x_train / 255.0, mnist.y_train, batch_size=128, epochs=1, verbose=0)
    return save_model(model, tmp_path_factory.mktemp("fresh") / "fresh.keras", {})


def agree_on_the_test_set(model_path, mnist):
    images = mnist.x_test / np.float32(255)
    twin = load_predictor(model_path)
    expected = KerasPredictor.load(model_path).probabilities_batch(images)
    got = twin.probabilities_batch(images)
    assert twin.runtime == "litert" and got.shape == (10_000, 10)
    np.testing.assert_allclose(got, expected, atol=1e-4, rtol=0)
    assert np.array_equal(got.argmax(axis=1), expected.argmax(axis=1))


@pytest.mark.parametrize("model", ["mlp", "cnn"])
def test_a_shipped_twin_agrees_with_keras_on_the_10000_test_images(mnist, model):
    agree_on_the_test_set(ROOT / "assets" / f"{model}.keras", mnist)


def test_a_freshly_trained_model_gets_a_twin_that_agrees_with_keras(mnist, fresh_mlp):
    assert twin_path(fresh_mlp).is_file()
    agree_on_the_test_set(fresh_mlp, mnist)


# The MLP's Dense 128, and the CNN's first two blocks after their ReLU (conv, pool, norm, ReLU, twice).
@pytest.mark.parametrize("model, layer, index", [("mlp", "hidden", 1), ("cnn", "block1", 3), ("cnn", "block2", 7)])
def test_one_call_also_returns_the_activations_of_a_keras_sub_model(mnist, model, layer, index):
    path = ROOT / "assets" / f"{model}.keras"
    keras_model = keras.saving.load_model(path, compile=False)
    sub_model = keras.Model(keras_model.inputs, keras_model.layers[index].output)
    images = mnist.x_test[:200] / np.float32(255)

    reading = load_predictor(path).read(images, layers=True)

    np.testing.assert_allclose(reading.layers[layer], sub_model(images, training=False).numpy(), atol=1e-4)
    assert reading.probabilities.shape == (200, 10)


def test_the_layers_are_named_for_look_inside(mlp_path, cnn_path):
    assert load_predictor(mlp_path).layer_names() == ["hidden"]
    assert load_predictor(cnn_path).layer_names() == ["block1", "block2", "block3"]
    shapes = {name: a.shape for name, a in load_predictor(cnn_path).read(np.zeros((1, 28, 28)), True).layers.items()}
    assert shapes == {
        "block1": (1, 7, 7, 32), "block2": (1, 3, 3, 64), "block3": (1, 3, 3, 128)
    }


def test_the_bars_alone_do_not_copy_the_activations(mlp_path):
    assert load_predictor(mlp_path).read(np.zeros((3, 28, 28))).layers == {}


def test_layer_rows_keeps_the_first_images_activations_of_a_whole_batch(mnist, cnn_path):
    predictor, images = load_predictor(cnn_path), mnist.x_test[:24] / np.float32(255)
    whole, first = predictor.read(images, layers=True), predictor.read(images, layers=True, layer_rows=1)
    for name, values in whole.layers.items():
        np.testing.assert_array_equal(first.layers[name], values[:1])
    np.testing.assert_array_equal(first.probabilities, whole.probabilities)


def test_the_twin_knows_the_real_weights(mlp_path):
    keras_model = keras.saving.load_model(mlp_path, compile=False)
    twin = load_predictor(mlp_path)

    assert np.array_equal(twin.first_layer_weights(), keras_model.layers[1].kernel.numpy())
    assert np.array_equal(twin.output_weights(), keras_model.layers[2].kernel.numpy())


def test_the_cnn_filters_are_its_first_kernel_as_both_runtimes_compute_with_it(cnn_path):
    keras_model = keras.saving.load_model(cnn_path, compile=False)
    conv, pool = keras_model.layers[0], keras_model.layers[1]

    filters = load_predictor(cnn_path).first_layer_weights()

    assert filters.shape == (5, 5, 1, 32) and isinstance(pool, keras.layers.MaxPooling2D)
    np.testing.assert_allclose(filters, conv.kernel.numpy(), rtol=1e-5, atol=1e-6)  # its norm comes after the pool
    np.testing.assert_allclose(KerasPredictor(keras_model).first_layer_weights(), filters, rtol=1e-5, atol=1e-6)


def test_a_batch_norm_right_after_the_first_convolution_is_folded_into_its_filters_as_the_twin_folds_it(tmp_path):
    design = {"layers": [{"type": "conv", "filters": 8, "kernel": 5, "activation": "linear", "bias": False},
                         {"type": "batchnorm", "activation": "relu"}, {"type": "flatten"}]}
    keras_model = network_model(normalized(design))
    conv, norm = keras_model.layers[0], keras_model.layers[1]
    norm.gamma.assign(np.linspace(0.5, 2.0, 8)), norm.moving_variance.assign(np.linspace(0.1, 3.0, 8))
    scale = norm.gamma.numpy() / np.sqrt(norm.moving_variance.numpy() + norm.epsilon)

    twin = LiteRTPredictor.from_file(write_twin(keras_model, tmp_path / "folded.keras"))

    np.testing.assert_allclose(twin.first_layer_weights(), conv.kernel.numpy() * scale, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(KerasPredictor(keras_model).first_layer_weights(), twin.first_layer_weights(),
                               rtol=1e-5, atol=1e-6)


def test_a_model_newer_than_its_twin_loads_through_keras_and_gets_a_new_twin(tmp_path, mlp_path):
    model = copied(mlp_path, tmp_path)
    shutil.copy(twin_path(mlp_path), twin_path(model))
    stale = time.time() - 60
    os.utime(twin_path(model), (stale, stale))

    predictor = load_predictor(model)

    assert twin_path(model).stat().st_mtime > stale + 30
    assert load_predictor(model).runtime == "litert"
    blank = np.zeros((28, 28))
    np.testing.assert_allclose(predictor.probabilities(blank), load_predictor(mlp_path).probabilities(blank), atol=1e-6)


def test_a_corrupt_twin_is_replaced_through_keras(tmp_path, mlp_path):
    model = copied(mlp_path, tmp_path)
    twin_path(model).write_bytes(b"not a flatbuffer")

    assert load_predictor(model).probabilities(np.zeros((28, 28))).shape == (10,)
    assert LiteRTPredictor.from_file(twin_path(model)).layer_names() == ["hidden"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_model_in_a_read_only_folder_is_served_by_keras(tmp_path, mlp_path):
    model = copied(mlp_path, tmp_path)
    tmp_path.chmod(0o555)
    try:
        predictor = load_predictor(model)
    finally:
        tmp_path.chmod(0o755)
    assert predictor.runtime == "keras" and not twin_path(model).exists()
    assert predictor.probabilities(np.zeros((28, 28))).shape == (10,)


def test_the_shipped_models_and_predict_never_import_tensorflow(tmp_path, mnist):
    from PIL import Image

    Image.fromarray(mnist.x_test[0, :, :, 0]).save(tmp_path / "digit.png")
    script = (
        "import sys\n"
        "from digitpad.core.assets import shipped_models\n"
        "from digitpad.core.inference.loading import load_predictor\n"
        "from digitpad.cli.predict import run\n"
        "assert [load_predictor(p).runtime for p in shipped_models()] == ['litert', 'litert']\n"
        f"assert run([{str(tmp_path / 'digit.png')!r}]) == 0\n"
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False False"
    assert f": {mnist.y_test[0]} (" in result.stdout.splitlines()[0]


def copied(model, folder) -> Path:
    """A copy of a shipped model without its twin, as if it came from elsewhere."""
    return Path(shutil.copy(model, folder / model.name))


def test_converting_a_twin_on_a_worker_thread_leaves_garbage_for_the_main_thread_to_collect():
    """TensorFlow's converter calls gc.collect() itself: on a worker thread, that destroyed Qt widgets there."""
    import gc
    import threading

    from digitpad.core.inference.twin import to_litert
    from digitpad.core.networks.builders import build_model

    collected_on = []

    class Cycle:
        def __del__(self):
            collected_on.append(threading.current_thread().name)

    model = build_model("mlp", 1e-3)
    gc.disable()
    cycle = Cycle()
    cycle.me = cycle
    del cycle
    worker = threading.Thread(target=to_litert, args=(model,), name="converter")
    worker.start()
    worker.join()
    assert collected_on == []
    gc.collect()
    assert collected_on == ["MainThread"]
