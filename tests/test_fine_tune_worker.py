"""Fine-tuning on a worker thread: the same signals as a training run, a saved model with its card."""

import json
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt, QThread

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.mnist.loading import default_mnist_dir, default_tfds_dir
from digitpad.core.runs.model_files import card_path
from digitpad.core.training.fine_tuning import FineTuneSettings
from digitpad.qt.training.fine_tune_worker import FineTuneRequest, FineTuneWorker
from tests.odd_style import drawings


def odd_request(mlp_path, tmp_path, per_digit=5) -> FineTuneRequest:
    strokes, labels = drawings(per_digit, seed=11)
    images = np.stack([strokes_to_mnist(s) for s in strokes])
    return FineTuneRequest(
        mlp_path,
        images,
        labels,
        tmp_path / "models",
        mnist_dir=default_mnist_dir(),
        data_dir=default_tfds_dir(),
        settings=FineTuneSettings(epochs=1),
    )


def run_on_thread(qtbot, worker: FineTuneWorker, signal_names):
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Quit from the worker thread itself, as the panel does: qtbot's blocker is a plain callable, so it
    # runs in the worker thread and can return before a queued quit reaches the thread, leaving
    # wait() below to block for its full minute and the QThread destroyed while running (abort).
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    signals = [getattr(worker, name) for name in signal_names]
    try:
        with qtbot.waitSignals(signals, order="strict", timeout=120_000):
            thread.start()
    finally:
        thread.wait(60_000)


@pytest.mark.slow
def test_a_run_reports_progress_then_saves_a_model_with_before_and_after_numbers(qtbot, mlp_path, tmp_path):
    worker = FineTuneWorker(odd_request(mlp_path, tmp_path), threading.Event())
    saved = []
    worker.trained.connect(lambda path, card: saved.append((path, card)))
    failures = []
    worker.failed.connect(failures.append)

    run_on_thread(qtbot, worker, ["epoch_started", "epoch_ended", "trained", "finished"])

    assert failures == [] and len(saved) == 1
    path, card = saved[0]
    assert path.startswith(str(tmp_path / "models" / "mlp-tuned-")) and path.endswith(".keras")
    on_disk = json.loads(card_path(path).read_text())
    assert on_disk == json.loads(json.dumps(card))
    assert on_disk["held_out_samples"] == 10 and on_disk["trained_samples"] == 40
    for key in ("held_out_accuracy_before", "held_out_accuracy_after", "test_accuracy_before", "test_accuracy"):
        assert 0.0 <= on_disk[key] <= 1.0
    assert on_disk["recipe"]["fine_tuned_from"] == str(mlp_path)


def test_a_stopped_run_saves_nothing(qtbot, mlp_path, tmp_path):
    stop = threading.Event()
    stop.set()
    worker = FineTuneWorker(odd_request(mlp_path, tmp_path), stop)

    run_on_thread(qtbot, worker, ["stopped", "finished"])

    assert not (tmp_path / "models").exists() or not any((tmp_path / "models").iterdir())


def test_no_samples_fails_with_one_sentence(qtbot, mlp_path, tmp_path):
    request = FineTuneRequest(mlp_path, np.zeros((0, 28, 28), np.float32), np.zeros(0, np.int64), tmp_path)
    worker = FineTuneWorker(request, threading.Event())
    messages = []
    worker.failed.connect(messages.append)

    run_on_thread(qtbot, worker, ["failed", "finished"])

    assert len(messages) == 1 and "label a few drawings" in messages[0]
