"""train_model.py when it cannot save: exit code 4 and one sentence, found before training where it can be."""

import resource
import subprocess
import sys
import time

import train_model
from tests.conftest import ROOT, SHARED_MNIST

# Enough for Python's own small writes, far too little for a trained MLP (~1.2 MB with its optimizer).
FILE_SIZE_LIMIT = 256 * 1024


def test_an_unwritable_models_folder_is_found_before_training_and_exits_4(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    started = time.perf_counter()

    code = train_model.main(["--epochs", "1", "--out", str(blocker / "m.keras"), "--mnist-dir", str(SHARED_MNIST)])

    captured = capsys.readouterr()
    error = captured.err.strip()
    assert code == 4
    assert error.startswith(f"error: DigitPad cannot save in {blocker}") and "\n" not in error
    assert "epoch 1/1" not in captured.out and time.perf_counter() - started < 30


def limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def test_a_disk_that_fills_up_while_saving_exits_4_with_a_sentence_and_keeps_the_previous_model(tmp_path):
    out = tmp_path / "m.keras"
    out.write_bytes(b"the previous model")
    finished = subprocess.run(
        [sys.executable, "train_model.py", "--epochs", "1", "--out", str(out), "--mnist-dir", str(SHARED_MNIST)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=limit_file_size,
    )

    last_line = finished.stderr.strip().splitlines()[-1]
    assert finished.returncode == 4, finished.stderr
    assert last_line.startswith(f"error: the model could not be saved to {out} (File too large)")
    assert "Traceback" not in finished.stderr
    assert out.read_bytes() == b"the previous model"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["m.keras"]  # no partial file
