"""Saving models: atomic, so an interrupted save never breaks the model that was there."""

import json
import os

import keras
import numpy as np
import pytest

from digitpad.core.inference.loading import load_predictor
from digitpad.core.inference.predictor import ModelLoadError
from digitpad.core.networks.builders import build_model
from digitpad.core.runs.model_files import read_card, save_model


def test_a_saved_model_loads_back_with_its_card(tmp_path):
    model = build_model("mlp")
    path = save_model(model, tmp_path / "m.keras", {"test_accuracy": 0.5})

    assert load_predictor(path).probabilities(np.zeros((28, 28), np.float32)).shape == (10,)
    assert read_card(path) == {"test_accuracy": 0.5}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json", "m.keras", "m.tflite"]


def test_an_interrupted_save_leaves_the_previous_model_loadable(tmp_path, monkeypatch):
    path = save_model(build_model("mlp"), tmp_path / "m.keras", {"version": 1})
    before = path.read_bytes()

    def crash_mid_write(self, filepath, *args, **kwargs):
        with open(filepath, "wb") as file:
            file.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(keras.Model, "save", crash_mid_write)
    with pytest.raises(OSError, match="disk full"):
        save_model(build_model("mlp"), path, {"version": 2})

    assert path.read_bytes() == before
    assert json.loads(path.with_suffix(".json").read_text()) == {"version": 1}
    load_predictor(path)
    assert not list(tmp_path.glob("*partial*")) and not list(tmp_path.glob(".*.tmp"))


def test_a_save_path_must_end_in_keras(tmp_path):
    with pytest.raises(ValueError, match="must end in .keras"):
        save_model(build_model("mlp"), tmp_path / "m.h5", {})


@pytest.mark.parametrize(
    "name, content, message",
    [("missing.keras", None, "does not exist"),
     ("corrupt.keras", b"not a zip at all", "corrupt or unreadable"),
     ("model.h5", b"", "not a Keras model file")],
)
def test_unusable_model_files_get_one_clear_sentence(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelLoadError, match=message):
        load_predictor(path)


def test_a_model_of_the_wrong_shape_is_refused(tmp_path):
    wrong = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)])
    wrong.save(tmp_path / "wrong.keras")

    with pytest.raises(ModelLoadError, match="needs 28x28 images in and 10 digit scores out"):
        load_predictor(tmp_path / "wrong.keras")


def test_the_shipped_seed_model_matches_its_card_on_the_real_test_set(mnist, mlp_path):
    predictor = load_predictor(mlp_path)
    accuracy = np.mean(predictor.probabilities_batch(mnist.x_test / 255.0).argmax(1) == mnist.y_test)

    assert accuracy >= 0.970
    assert abs(accuracy - read_card(mlp_path)["test_accuracy"]) < 0.002
    assert os.path.getsize(mlp_path) < 5_000_000


def test_a_prediction_over_views_is_the_mean_of_their_probabilities(mnist, mlp_path):
    predictor = load_predictor(mlp_path)
    views = mnist.x_test[:3, ..., 0] / 255.0

    averaged = predictor.probabilities_of_views(views)

    np.testing.assert_allclose(averaged, predictor.probabilities_batch(views).mean(axis=0), rtol=1e-6)
    assert abs(averaged.sum() - 1) < 1e-5


def test_the_shipped_cnn_passes_99_3_percent_on_the_real_test_set(mnist, cnn_path):
    predictor = load_predictor(cnn_path)
    accuracy = np.mean(predictor.probabilities_batch(mnist.x_test / 255.0).argmax(1) == mnist.y_test)

    assert accuracy >= 0.993
    card = read_card(cnn_path)
    assert card["recipe"]["model_kind"] == "cnn" and card["recipe"]["augment"] is True
    assert abs(accuracy - card["test_accuracy"]) < 0.002
