"""train_model.py: the automation contract, one-sentence errors, and exit codes."""

import json
import subprocess
import sys

import pytest

import train_model
from tests.conftest import ROOT, SHARED_MNIST

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_a_short_run_writes_the_model_its_json_card_and_the_learning_curve(tmp_path):
    out = tmp_path / "short.keras"
    finished = subprocess.run(
        [sys.executable, "train_model.py", "--model", "mlp", "--epochs", "1", "--out", str(out),
         "--mnist-dir", str(SHARED_MNIST)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )

    assert finished.returncode == 0, finished.stderr
    assert finished.stderr == ""  # TensorFlow's native start-up lines kept aside
    assert "epoch 1/1" in finished.stdout and "test accuracy" in finished.stdout
    card = json.loads(out.with_suffix(".json").read_text())
    assert 0.9 < card["test_accuracy"] <= 1.0
    assert len(card["history"]["accuracy"]) == 1 and len(card["history"]["val_accuracy"]) == 1
    assert card["recipe"]["model_kind"] == "mlp" and card["recipe"]["batch_size"] == 128
    assert out.with_suffix(".png").read_bytes().startswith(PNG_MAGIC)
    assert not list(tmp_path.glob("*partial*"))


@pytest.mark.parametrize("arguments", [["--epochs", "0"], ["--model", "rnn"], ["--out", "model.h5"],
                                       ["--learning-rate", "-1"]])
def test_bad_arguments_exit_with_code_2_and_one_line(arguments, capsys):
    with pytest.raises(SystemExit) as exit_:
        train_model.main(arguments)

    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("train_model.py: error:")


def test_a_missing_mnist_folder_exits_with_code_3_and_one_sentence(tmp_path, capsys):
    code = train_model.main(["--epochs", "1", "--out", str(tmp_path / "m.keras"),
                             "--mnist-dir", str(tmp_path / "no-such-folder"), "--data-dir", str(tmp_path / "tfds")])

    error = capsys.readouterr().err.strip()
    assert code == 3
    assert error.startswith("error: The MNIST folder") and "\n" not in error
    assert not (tmp_path / "m.keras").exists()
