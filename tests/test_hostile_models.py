"""Model files from elsewhere: an archive that carries code is refused with a sentence and runs nothing."""

import json
import shutil
import zipfile

import keras
import pytest
from keras.src.backend.common import global_state

from digitpad.core.inference.loading import load_predictor
from digitpad.core.inference.model_checks import UnsafeModel, check_model_archive
from digitpad.core.inference.predictor import ModelLoadError
from digitpad.core.training.fine_tuning import load_for_training


def rewrite_config(source, target, change):
    """Copy the .keras archive `source` to `target` with `change(config)` applied to its config.json."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "config.json":
                config = json.loads(data)
                change(config)
                data = json.dumps(config).encode()
            copy.writestr(item, data)
    return target


def lambda_model_that_touches(marker, path):
    """A real Keras model whose Lambda layer creates `marker` whenever it is built or called."""
    touch = eval(f"lambda x: (__import__('pathlib').Path({str(marker)!r}).touch(), x)[1]")  # noqa: S307
    inputs = keras.Input((28, 28, 1))
    outputs = keras.layers.Dense(10)(keras.layers.Flatten()(keras.layers.Lambda(touch)(inputs)))
    keras.Model(inputs, outputs).save(path)
    marker.unlink()  # building it ran the lambda once, here, on purpose
    return path


def unsafe_call_first(config):
    """CVE-2025-1550's shape: a layer argument that is a call to keras.config.enable_unsafe_deserialization."""
    call = {"module": "keras.config", "class_name": "function", "config": "enable_unsafe_deserialization",
            "registered_name": "function"}
    config["config"]["layers"][1]["config"]["kernel_initializer"] = call


def test_a_model_with_a_lambda_layer_is_refused_and_its_code_never_runs(tmp_path):
    marker = tmp_path / "ran"
    path = lambda_model_that_touches(marker, tmp_path / "hostile.keras")

    with pytest.raises(ModelLoadError, match=r"hostile\.keras contains code \(Lambda\)"):
        load_predictor(path)
    with pytest.raises(UnsafeModel):
        load_for_training(path, 1e-3)
    assert not marker.exists()


def test_a_model_that_enables_unsafe_deserialization_is_refused_before_keras_reads_it(tmp_path, mlp_path):
    marker = tmp_path / "ran"
    hostile = lambda_model_that_touches(marker, tmp_path / "with_lambda.keras")
    path = rewrite_config(hostile, tmp_path / "hostile.keras", unsafe_call_first)

    with pytest.raises(ModelLoadError, match=r"^The model file hostile\.keras contains code") as refused:
        load_predictor(path)
    assert "\n" not in str(refused.value)
    assert not marker.exists()
    assert global_state.get_global_attribute("safe_mode_saving") is not False


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda c: c["config"]["layers"][1].update(module="os", class_name="system"), "refers to os"),
        (lambda c: c["config"]["layers"][1].update(registered_name="evil>Layer"), "custom object"),
        (lambda c: c["config"]["layers"][1]["config"].update(name="__import__('os')"), "mentions Python code"),
        (lambda c: c["config"]["layers"][1].update(class_name="TFSMLayer"), "contains code"),
    ],
)
def test_a_model_naming_anything_but_built_in_keras_objects_is_refused(tmp_path, mlp_path, change, words):
    path = rewrite_config(mlp_path, tmp_path / "odd.keras", change)

    with pytest.raises(UnsafeModel, match=words):
        check_model_archive(path)


def test_an_archive_with_a_path_that_climbs_out_is_refused(tmp_path, mlp_path):
    path = tmp_path / "climbs.keras"
    shutil.copy(mlp_path, path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("../../outside.txt", b"x")

    with pytest.raises(ModelLoadError, match="points outside it"):
        load_predictor(path)


def test_a_file_that_is_not_a_zip_is_refused_with_a_sentence(tmp_path):
    path = tmp_path / "text.keras"
    path.write_text("not a model")

    sentence = r"^The model file text\.keras is corrupt or unreadable \(not a Keras archive\)\.$"
    with pytest.raises(ModelLoadError, match=sentence):
        load_predictor(path)


def test_the_shipped_models_pass_the_checks(mlp_path, cnn_path):
    check_model_archive(mlp_path)
    check_model_archive(cnn_path)


def test_a_fresh_twin_beside_a_hostile_model_is_not_used_either(tmp_path, mlp_path):
    marker = tmp_path / "ran"
    path = lambda_model_that_touches(marker, tmp_path / "hostile.keras")
    shutil.copy(mlp_path.with_suffix(".tflite"), path.with_suffix(".tflite"))  # newer than the model

    with pytest.raises(ModelLoadError, match=r"hostile\.keras contains code"):
        load_predictor(path)
    assert not marker.exists()
