"""The training panel: real runs on the real MNIST files, from the buttons a person clicks."""

import gc
import os
import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QPushButton, QSpinBox

from digitpad.core.networks.presets import PRESET_NAMES, preset
from digitpad.qt.training.training_panel import TrainingPanel
from tests.conftest import SHARED_MNIST

RUN_TIMEOUT_MS = 60_000
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def make_panel(qtbot, tmp_path):
    """Build panels standalone, as the main window would, saving into tmp_path/models."""
    QCoreApplication.setOrganizationName("DigitPad")
    QCoreApplication.setApplicationName("DigitPad")
    panels = []

    def make(epochs=1):
        panel = TrainingPanel(models_dir=tmp_path / "models")
        qtbot.addWidget(panel)
        panel.findChild(QSpinBox, "epochsSpin").setValue(epochs)
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()


def button(panel, name) -> QPushButton:
    return panel.findChild(QPushButton, name)


def assert_idle(panel):
    assert not panel.is_running()
    assert button(panel, "trainButton").isEnabled()
    assert not button(panel, "stopButton").isEnabled()


def model_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*")) if folder.exists() else []


def wait_for_progress(qtbot, panel):
    with qtbot.waitSignal(panel.progressed, timeout=RUN_TIMEOUT_MS):
        pass


def test_offers_the_seed_recipe_and_only_the_meaningful_button(make_panel):
    panel = make_panel()
    combo = panel.findChild(QComboBox, "presetCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == list(PRESET_NAMES)
    assert combo.currentText() == "Workshop MLP" and panel.design()["layers"] == preset("Workshop MLP")["layers"]
    assert panel.findChild(QSpinBox, "batchSizeSpin").value() == 128
    assert panel.form.learning_rate_spin.value() == pytest.approx(0.001)
    assert panel.mnist_dir() == os.environ["DIGITPAD_MNIST_DIR"]
    assert_idle(panel)


def choose_preset(panel, name: str) -> None:
    """Pick a preset in the chooser, as a person does."""
    combo = panel.findChild(QComboBox, "presetCombo")
    combo.setCurrentIndex(combo.findText(name))
    combo.activated.emit(combo.currentIndex())


def test_the_settings_follow_the_preset(make_panel):
    panel = make_panel()
    augment = panel.findChild(QCheckBox, "augmentCheck")
    epochs, batch = panel.findChild(QSpinBox, "epochsSpin"), panel.findChild(QSpinBox, "batchSizeSpin")
    rate = panel.findChild(QDoubleSpinBox, "learningRateSpin")
    assert not augment.isChecked()
    choose_preset(panel, "CNN")
    assert (epochs.value(), batch.value(), rate.value(), augment.isChecked()) == (4, 512, 0.012, True)
    choose_preset(panel, "Workshop MLP")
    assert (epochs.value(), batch.value(), rate.value(), augment.isChecked()) == (8, 128, 0.001, False)


def test_the_empty_plot_spans_the_epochs_train_will_run_and_a_drawn_curve_stays(make_panel):
    panel = make_panel(epochs=8)
    plot = panel.progress.plot

    def x_span():
        low, high = plot.accuracy_plot.viewRange()[0]
        return round(low), round(high)

    assert x_span() == (0, 8)
    choose_preset(panel, "CNN")  # its recipe: 4 epochs
    assert x_span() == (0, 4)
    plot.add_epoch(1, {"accuracy": 0.9, "val_accuracy": 0.91, "loss": 0.3, "val_loss": 0.3})
    panel.findChild(QSpinBox, "epochsSpin").setValue(20)
    assert x_span() == (0, 4)  # the curve on show keeps its axis


def test_a_short_run_reports_in_order_plots_and_saves_a_model(qtbot, make_panel, tmp_path):
    panel = make_panel(epochs=1)
    progress = []
    panel.progressed.connect(lambda step, total: progress.append(step))
    phase = lambda name: (lambda value: value == name)  # noqa: E731
    expected = [
        (panel.running_changed, lambda running: running),
        (panel.phase_changed, phase("loading data")),
        (panel.phase_changed, phase("training")),
        (panel.phase_changed, phase("validating")),
        (panel.epoch_ended, lambda epoch, metrics: epoch == 1 and 0.8 < metrics["val_accuracy"] <= 1),
        (panel.phase_changed, phase("calibrating")),  # the MLP's last validation is its test: no evaluating pass
        (panel.phase_changed, phase("saving")),
        (panel.trained, lambda path: path.endswith(".keras") and Path(path).is_file()),
        (panel.running_changed, lambda running: not running),
    ]
    signals, checks = zip(*expected, strict=True)
    with qtbot.waitSignals(list(signals), order="strict", check_params_cbs=list(checks), timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(button(panel, "trainButton"), LEFT)
        assert not button(panel, "trainButton").isEnabled() and button(panel, "stopButton").isEnabled()

    assert progress, "the progress bar never moved"
    counts = panel.progress.plot.point_counts()
    assert counts["training"] == counts["validation"] == counts["training_loss"] == 1
    saved = model_files(tmp_path / "models")
    stem = Path([name for name in saved if name.endswith(".keras")][0]).stem
    assert stem.startswith("mlp-")
    assert saved == sorted(f"{stem}{suffix}" for suffix in (".json", ".keras", ".png", ".tflite"))  # one unit
    assert panel.progress.status_label.text().startswith("done: ")
    assert_idle(panel)


def test_a_second_run_cannot_start_while_one_runs(qtbot, make_panel, tmp_path):
    panel = make_panel(epochs=8)
    qtbot.mouseClick(button(panel, "trainButton"), LEFT)
    wait_for_progress(qtbot, panel)
    thread = panel.run.thread()
    panel.start()  # as if clicked through, bypassing the disabled button
    assert panel.run.thread() is thread
    with qtbot.waitSignal(panel.stopped, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(button(panel, "stopButton"), LEFT)


def test_stop_ends_the_run_promptly_and_keeps_no_model(qtbot, make_panel, tmp_path):
    panel = make_panel(epochs=8)
    trained = []
    panel.trained.connect(trained.append)
    qtbot.mouseClick(button(panel, "trainButton"), LEFT)
    with qtbot.waitSignal(panel.epoch_ended, timeout=RUN_TIMEOUT_MS):
        pass
    wait_for_progress(qtbot, panel)  # well inside epoch 2
    clicked = time.perf_counter()
    with qtbot.waitSignal(panel.running_changed, timeout=5_000):
        qtbot.mouseClick(button(panel, "stopButton"), LEFT)
    assert time.perf_counter() - clicked < 1.5
    assert panel.progress.status_label.text().startswith("stopped")
    assert trained == [] and model_files(tmp_path / "models") == []
    assert_idle(panel)


def test_a_missing_mnist_folder_is_one_sentence_then_a_fixed_folder_trains(qtbot, make_panel, tmp_path, monkeypatch):
    real_tfds_dir = os.environ["DIGITPAD_TFDS_DIR"]
    # A fresh, empty tfds folder: nothing prepared can hide the missing MNIST folder.
    monkeypatch.setenv("DIGITPAD_TFDS_DIR", str(tmp_path / "empty-tfds"))
    panel = make_panel(epochs=1)
    panel.set_mnist_dir(tmp_path / "no-such-folder")
    with qtbot.waitSignal(panel.failed, timeout=10_000) as failure:
        qtbot.mouseClick(button(panel, "trainButton"), LEFT)
    message = failure.args[0]
    assert "no-such-folder" in message and "choose the folder" in message
    assert message.count(". ") == 0 and message.endswith(".")
    qtbot.waitUntil(lambda: not panel.is_running())
    assert panel.progress.status_label.text() == message
    assert "starting" not in panel.progress.progress_bar.text()  # the bar no longer says it is starting
    assert_idle(panel)

    monkeypatch.setenv("DIGITPAD_TFDS_DIR", real_tfds_dir)
    panel.set_mnist_dir(SHARED_MNIST)
    with qtbot.waitSignal(panel.trained, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(button(panel, "trainButton"), LEFT)
    qtbot.waitUntil(lambda: not panel.is_running())


def test_a_corrupt_mnist_file_names_the_file(qtbot, make_panel, tmp_path):
    folder = tmp_path / "mnist"
    folder.mkdir()
    for source in SHARED_MNIST.glob("*.gz"):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(b"not a gzip file")
    panel = make_panel()
    panel.set_mnist_dir(folder)
    with qtbot.waitSignal(panel.failed, timeout=10_000) as failure:
        panel.start()
    assert "train-labels-idx1-ubyte.gz is corrupt" in failure.args[0]
    qtbot.waitUntil(lambda: not panel.is_running())
    assert_idle(panel)


def test_a_failed_save_is_reported_and_the_panel_keeps_working(qtbot, make_panel, tmp_path):
    panel = make_panel(epochs=1)
    panel.models_dir = tmp_path / "a-file"
    panel.models_dir.write_text("a file where the models folder should be")
    with qtbot.waitSignal(panel.failed, timeout=RUN_TIMEOUT_MS) as failure:
        panel.start()
    assert failure.args[0].startswith(f"DigitPad cannot save in {panel.models_dir}")  # before training
    qtbot.waitUntil(lambda: not panel.is_running())
    assert_idle(panel)
    assert not list(tmp_path.glob("**/*.keras"))


def test_the_mnist_folder_is_remembered(qtbot, make_panel, tmp_path):
    panel = make_panel()
    panel.set_mnist_dir(tmp_path / "elsewhere")
    with qtbot.waitSignal(panel.failed, timeout=10_000):
        panel.start()
    qtbot.waitUntil(lambda: not panel.is_running())
    assert make_panel().mnist_dir() == str(tmp_path / "elsewhere")


@pytest.mark.slow
def test_the_seed_recipe_reaches_97_percent(qtbot, make_panel, tmp_path):
    panel = make_panel(epochs=8)
    epochs = []
    panel.epoch_ended.connect(lambda epoch, metrics: epochs.append(metrics["val_accuracy"]))
    with qtbot.waitSignal(panel.trained, timeout=120_000) as trained:
        panel.start()
    assert len(epochs) == 8 and epochs[-1] >= 0.970
    assert panel.progress.plot.point_counts()["validation"] == 8
    card = Path(trained.args[0]).with_suffix(".json").read_text()
    assert '"epochs": 8' in card


def test_shutdown_during_a_run_returns_quickly_and_leaves_no_files(qtbot, qtlog, make_panel, tmp_path):
    panel = make_panel(epochs=8)
    qtbot.mouseClick(button(panel, "trainButton"), LEFT)
    wait_for_progress(qtbot, panel)
    thread = panel.run.thread()
    started = time.perf_counter()
    panel.shutdown(timeout_s=3.0)
    assert time.perf_counter() - started < 3.0
    assert thread.isFinished() and not panel.is_running()
    assert model_files(tmp_path / "models") == []
    del thread  # the panel dropped its own references: the QThread object is destroyed now
    gc.collect()
    qtbot.wait(50)
    assert not [record for record in qtlog.records if "QThread" in record.message]


def test_mnist_preparation_shows_examples_prepared_and_stop_does_not_wait_for_it(
        qtbot, make_panel, tmp_path, monkeypatch):
    # A fresh tfds folder: preparing MNIST from the files takes ~15 s and cannot be interrupted.
    monkeypatch.setenv("DIGITPAD_TFDS_DIR", str(tmp_path / "fresh-tfds"))
    panel = make_panel(epochs=1)
    with qtbot.waitSignal(panel.phase_changed, timeout=10_000):
        qtbot.mouseClick(button(panel, "trainButton"), LEFT)
    assert panel.progress.status_label.text() == "preparing MNIST (first run only)..."
    with qtbot.waitSignal(panel.run.data_progress, timeout=60_000):  # relayed from the training process
        pass
    shown = panel.progress.status_label.text()
    assert re.fullmatch(r"Preparing MNIST: [\d,]+ of 70,000 examples(, about \d+ s left)?", shown), shown
    assert panel.progress.progress_bar.maximum() == 70_000 and panel.progress.progress_bar.value() > 0
    clicked = time.perf_counter()
    with qtbot.waitSignal(panel.stopped, timeout=5_000):
        qtbot.mouseClick(button(panel, "stopButton"), LEFT)
    assert time.perf_counter() - clicked < 1.5
    qtbot.waitUntil(lambda: not panel.is_running())
    assert model_files(tmp_path / "models") == []
