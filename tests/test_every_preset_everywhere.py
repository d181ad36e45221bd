"""Every preset the designer offers works in every part of DigitPad that takes a model.

Untrained (seeded) networks are enough: what is checked is that each part runs and gives the
right shapes for any design, not how well it reads. One model per preset, saved once as a run.
"""

import json
import subprocess
import sys

import numpy as np
import pytest

from digitpad.core.explain.confusion import predict_digits
from digitpad.core.explain.inspection import inspect
from digitpad.core.explain.saliency import saliency
from digitpad.core.inference.loading import load_predictor
from digitpad.core.networks.keras_builder import build_network
from digitpad.core.networks.layer_shapes import summarize
from digitpad.core.networks.presets import PRESET_NAMES, preset
from digitpad.core.numbers.number_reading import read_strokes
from digitpad.core.runs.model_files import save_model
from digitpad.core.training.fine_tuning import FineTuneSettings, fine_tune
from tests.conftest import ROOT
from tests.drawing import MODEL_TIMEOUT_MS, draw_stroke, open_window, seven

SEVEN_THEN_ONE = [[(10, 10), (60, 10), (30, 90)], [(120, 10), (120, 90)]]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Each preset built and saved as a run (model, twin and card), by name."""
    folder = tmp_path_factory.mktemp("presets")
    saved = {}
    for name in PRESET_NAMES:
        design = preset(name)
        model = build_network(design)
        card = {"design": design, "parameters": model.count_params(), "test_accuracy": 0.1,
                "history": {"accuracy": [0.1], "val_accuracy": [0.1]}}
        saved[name] = save_model(model, folder / f"{name.lower().replace(' ', '-')}.keras", card)
    return saved


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_the_twin_predicts_look_inside_explains_and_numbers_are_read(runs, name, mnist):
    predictor = load_predictor(runs[name])
    images = mnist.x_test[:32].astype(np.float32) / 255

    assert predictor.runtime == "litert"
    assert predictor.probabilities_batch(images).shape == (32, 10)
    assert predict_digits(predictor, images).shape == (32,)
    inspection = inspect(predictor, images[0])
    hidden = [layer for layer in preset(name)["layers"] if layer["type"] in ("dense", "conv")]
    assert (len(inspection.layers) > 0) == bool(hidden)
    assert saliency(predictor, images[0], digit=7).shape == (28, 28)
    assert len(read_strokes(SEVEN_THEN_ONE, predictor).digits) == 2


@pytest.mark.parametrize("name", ["LeNet-5", "No hidden layer"])
def test_predict_and_code_on_the_command_line(runs, name, tmp_path, mnist):
    from PIL import Image

    image = tmp_path / "digit.png"
    Image.fromarray(mnist.x_test[0, :, :, 0]).save(image)
    command = [sys.executable, "-m", "digitpad"]
    predicted = subprocess.run([*command, "predict", "--json", "--model", str(runs[name]), str(image)],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
    code = subprocess.run([*command, "code", str(runs[name])], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert predicted.returncode == 0 and len(json.loads(predicted.stdout)["probabilities"]) == 10
    assert code.returncode == 0 and "test accuracy" in code.stdout


def test_fine_tuning_starts_from_a_designed_run_and_keeps_its_design(runs, mnist):
    rng = np.random.default_rng(0)
    images, labels = mnist.x_test[:40, :, :, 0] / np.float32(255), rng.permutation(np.arange(40) % 10)
    settings = FineTuneSettings(epochs=1, replay_images=500)

    result = fine_tune(runs["LeNet-5"], images, labels, mnist, settings)

    assert result.model.count_params() == summarize(preset("LeNet-5")).parameters


def test_the_window_reads_explains_and_compares_with_every_preset(qtbot, runs, mlp_path):
    window = open_window(qtbot, mlp_path)
    window.show_look_inside()
    for name in PRESET_NAMES:
        with qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS):
            window.load_model(runs[name])
        window.comparison.compare_with(str(runs["LeNet-5"]))
        window.canvas.clear()
        with qtbot.waitSignal(window.inspected, timeout=10_000) as inspected:
            for stroke in seven(window.canvas.width()):
                draw_stroke(qtbot, window.canvas, stroke)
        assert inspected.args[0]["saliency"].shape == (28, 28), name
        assert window.comparison.is_comparing(), name
