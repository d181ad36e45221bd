"""The command line over designs: `train_model.py --design`, and `python -m digitpad code` with the script it prints."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import keras
import pytest

import train_model
from digitpad.core.networks.presets import preset
from tests.conftest import ROOT, SHARED_MNIST

# Every branch of the builder and the script: a strided conv without bias, a batch norm with its ReLU, valid
# padding, dropout, global pooling, gelu, AdamW under one cycle with EMA, label smoothing, augmentation.
SMALL_CNN = {
    "name": "Small CNN",
    "layers": [
        {"type": "conv", "filters": 8, "kernel": 5, "strides": 2, "activation": "linear", "bias": False},
        {"type": "batchnorm", "activation": "relu"},
        {"type": "maxpool"},
        {"type": "conv", "filters": 16, "padding": "valid"},
        {"type": "dropout", "rate": 0.2},
        {"type": "globalavgpool"},
        {"type": "dense", "units": 32, "activation": "gelu"},
    ],
    "training": {"optimizer": "adamw", "learning_rate": 0.003, "schedule": "one-cycle", "batch_size": 256,
                 "epochs": 3, "label_smoothing": 0.1, "ema": True, "augment": True, "seed": 5},
}


def design_file(folder: Path, design, name: str = "design.json") -> Path:
    path = folder / name
    path.write_text(design if isinstance(design, str) else json.dumps(design))
    return path


@pytest.fixture(scope="module")
def designed_run(tmp_path_factory):
    """SMALL_CNN trained by train_model.py for one epoch, at another learning rate than its design's."""
    folder = tmp_path_factory.mktemp("designed")
    out = folder / "small.keras"
    code = train_model.main(["--design", str(design_file(folder, SMALL_CNN)), "--epochs", "1", "--learning-rate",
                             "0.004", "--out", str(out), "--mnist-dir", str(SHARED_MNIST)])
    assert code == 0
    return out


def test_a_design_file_trains_with_the_flags_overriding_its_training_and_the_card_keeps_it(designed_run):
    card = json.loads(designed_run.with_suffix(".json").read_text())

    assert card["design"]["layers"][0]["filters"] == 8 and card["design"]["training"]["optimizer"] == "adamw"
    assert card["design"]["training"]["epochs"] == 1 and card["design"]["training"]["learning_rate"] == 0.004
    assert card["design"]["training"]["seed"] == 5 and card["recipe"]["model_kind"] == "cnn"
    assert card["parameters"] == keras.saving.load_model(designed_run).count_params() == 2_274
    assert card["macs"] == 14 * 14 * 25 * 8 + 5 * 5 * 9 * 8 * 16 + 16 * 32 + 32 * 10
    assert len(card["history"]["accuracy"]) == 1 and 0.2 < card["test_accuracy"] <= 1


BAD_FILES = {
    "not JSON": ("{'layers': []}", "It is not JSON"),
    "an unknown type": ({"layers": [{"type": "lstm"}]}, "layer 1 has an unknown type \"lstm\""),
    "an unknown field": ({"layers": [{"type": "flatten", "units": 3}]}, "layer 1, flatten: there is no field"),
    "a wrong type": ({"layers": [{"type": "flatten"}, {"type": "dense", "units": 1.5}]},
                     "layer 2, dense: units must be a whole number"),
    "out of range": ({"layers": [{"type": "conv", "kernel": 12}]}, "layer 1, conv: kernel must be"),
    "cannot be built": ({"layers": [{"type": "maxpool"}] * 5 + [{"type": "flatten"}]},
                        "layer 5, maxpool: its input is 1x1, nothing left to pool."),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_design_file_exits_with_code_2_one_sentence_naming_the_layer_and_writes_nothing(case, tmp_path, capsys):
    design, words = BAD_FILES[case]
    path = design_file(tmp_path, design)

    with pytest.raises(SystemExit) as exit_:
        train_model.main(["--design", str(path), "--out", str(tmp_path / "m.keras"), "--mnist-dir", str(SHARED_MNIST)])

    error = capsys.readouterr().err.strip()
    assert exit_.value.code == 2
    assert error.startswith(f"train_model.py: error: {path}: ") and words.lower() in error.lower()
    assert "\n" not in error and error.endswith(".")
    assert [p.name for p in tmp_path.iterdir()] == ["design.json"]


def test_a_flag_that_takes_a_design_out_of_range_is_named_like_a_design_error(tmp_path, capsys):
    path = design_file(tmp_path, preset("LeNet-5"))

    with pytest.raises(SystemExit) as exit_:
        train_model.main(["--design", str(path), "--batch-size", "5000", "--out", str(tmp_path / "m.keras")])

    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip() == ("train_model.py: error: training: batch_size must be a whole number "
                                               "from 1 to 4,096, not 5000.")


def test_a_design_that_is_not_json_fails_in_a_fresh_process_without_a_traceback(tmp_path):
    path = design_file(tmp_path, "layers: [dense]")

    finished = subprocess.run([sys.executable, "train_model.py", "--design", str(path), "--out",
                               str(tmp_path / "m.keras")], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert finished.returncode == 2
    assert finished.stderr.strip() == (f"train_model.py: error: {path}: it is not JSON: Expecting value at line 1, "
                                       "column 1.")
    assert [p.name for p in tmp_path.iterdir()] == ["design.json"]


def test_a_design_is_saved_under_its_name_and_never_over_its_own_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = design_file(tmp_path, preset("LeNet-5"), "lenet.json")
    named_so = design_file(tmp_path, preset("LeNet-5"), "lenet-5.json")

    assert train_model.parse_arguments(["--design", str(path)]).out == Path("lenet-5.keras")
    assert train_model.parse_arguments(["--design", str(named_so)]).out == Path("lenet-5-trained.keras")
    with pytest.raises(SystemExit) as exit_:
        train_model.parse_arguments(["--design", str(path), "--out", str(tmp_path / "lenet.keras")])
    assert exit_.value.code == 2 and "would overwrite the design" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        train_model.parse_arguments(["--design", str(path), "--model", "cnn"])  # one network or the other


def print_code(*arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "digitpad", "code", *map(str, arguments)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_code_for_a_bad_path_or_a_run_without_a_known_design_is_one_sentence_and_exit_2(tmp_path):
    (tmp_path / "other.keras").write_bytes(b"not checked")
    (tmp_path / "other.json").write_text(json.dumps({"recipe": {"model_kind": "resnet"}}))

    for path, words in [(tmp_path / "missing.keras", "is not a saved model"),
                        (tmp_path / "other.keras", "holds no design and no recipe of the mlp or cnn kind")]:
        finished = print_code(path)
        assert finished.returncode == 2 and finished.stdout == ""
        assert finished.stderr.startswith("digitpad code: ") and words in finished.stderr
        assert finished.stderr.count("\n") == 1


def run_exported_script(model_path: Path, folder: Path) -> tuple[int, float]:
    """Print the run's script, run it for one epoch on the shared MNIST folder; its parameter count and accuracy."""
    printed = print_code(model_path)
    assert printed.returncode == 0, printed.stderr
    script = folder / f"{model_path.stem}_script.py"
    script.write_text(printed.stdout)
    assert 40 <= len(printed.stdout.splitlines()) <= 100
    environment = {**os.environ, "TFDS_DATA_DIR": os.environ["DIGITPAD_TFDS_DIR"]}  # prepared once per checkout
    finished = subprocess.run([sys.executable, str(script), "--epochs", "1", "--mnist-dir", str(SHARED_MNIST)],
                              cwd=folder, capture_output=True, text=True, timeout=300, env=environment)
    assert finished.returncode == 0, finished.stderr[-3000:]
    lines = finished.stdout.strip().splitlines()
    assert re.fullmatch(r"test accuracy: 0\.\d{4}", lines[-1])
    parameters = next(int(line.split()[1]) for line in lines if line.startswith("parameters: "))
    return parameters, float(lines[-1].split()[-1])


@pytest.mark.slow
def test_the_script_of_a_designed_run_trains_the_same_network_for_one_epoch(designed_run, tmp_path):
    parameters, accuracy = run_exported_script(designed_run, tmp_path)

    assert parameters == keras.saving.load_model(designed_run).count_params()
    assert accuracy > 0.2


def test_the_script_of_a_run_saved_before_designs_trains_the_workshop_mlp_for_one_epoch(mlp_path, tmp_path):
    parameters, accuracy = run_exported_script(mlp_path, tmp_path)

    assert parameters == keras.saving.load_model(mlp_path).count_params() == 101_770
    assert accuracy > 0.9
