"""A model, its twin, its JSON card and its learning curve are saved as one unit: all of them, or none."""

import pytest

from digitpad.core.networks.builders import build_model
from digitpad.core.runs.model_files import save_model
from digitpad.core.training.learning_curve import learning_curve_png
from digitpad.qt.app.app_paths import models_dir, trained_models

HISTORY = {"accuracy": [0.9, 0.95], "val_accuracy": [0.92, 0.96]}


def files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_saved_model_comes_with_its_twin_card_and_curve():
    folder = models_dir()
    save_model(build_model("mlp"), folder / "m.keras", {"v": 1}, learning_curve_png(HISTORY))

    assert files(folder) == ["m.json", "m.keras", "m.png", "m.tflite"]
    assert [p.name for p in trained_models()] == ["m.keras"]


def test_a_save_that_fails_midway_leaves_no_half_set_and_nothing_in_the_model_menu():
    folder = models_dir()
    folder.mkdir(parents=True)
    (folder / "m.png").mkdir()  # a folder where the curve should go: the last file cannot be moved in

    with pytest.raises(OSError):
        save_model(build_model("mlp"), folder / "m.keras", {"v": 1}, learning_curve_png(HISTORY))

    assert files(folder) == ["m.png"]
    assert trained_models() == []


def test_a_save_that_fails_midway_over_an_existing_model_keeps_that_model():
    folder = models_dir()
    path = save_model(build_model("mlp"), folder / "m.keras", {"v": 1}, learning_curve_png(HISTORY))
    before = {name: (folder / name).read_bytes() for name in files(folder)}
    blocker = folder / "m.tflite"
    blocker.unlink()
    blocker.mkdir()  # the twin cannot be moved in
    del before["m.tflite"]

    with pytest.raises(OSError):
        save_model(build_model("mlp"), path, {"v": 2}, learning_curve_png(HISTORY))

    assert {name: (folder / name).read_bytes() for name in files(folder) if name != "m.tflite"} == before
    assert files(folder) == ["m.json", "m.keras", "m.png", "m.tflite"]  # and no temporary left
