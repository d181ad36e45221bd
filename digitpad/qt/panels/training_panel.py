"""The training panel: the recipe, Train/Stop, fine-tuning on the person's samples, progress, the live curve.

It owns the worker thread of a run. Only one run exists at a time, a training run or a
fine-tuning run: their workers emit the same signals, which arrive here as queued calls on bound
slots, so every widget is touched on the GUI thread only.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from digitpad.core.data import default_mnist_dir, default_tfds_dir
from digitpad.core.recipes import DEFAULT_AUGMENT, DEFAULT_EPOCHS
from digitpad.core.samples import SampleStore
from digitpad.qt.widgets.accuracy_plot import AccuracyPlot
from digitpad.qt.workers.fine_tune_worker import FineTuneRequest, FineTuneWorker
from digitpad.qt.workers.training_worker import TrainingRequest, TrainingWorker

SETTINGS_GROUP = "training"
# Fewer labelled drawings than this teach a model little and measure nothing.
MIN_FINE_TUNE_SAMPLES = 10
FINE_TUNE_TIP = "Trains a copy of the model in use on your samples: seconds for an MLP, about a minute for a CNN."
PHASE_TEXT = {
    "loading data": "preparing MNIST (first run only)...",
    "loading model": "loading the model in use",
    "training": "training",
    "evaluating": "evaluating on the 10,000 test images",
    "saving": "saving",
}


class TrainingPanel(QWidget):
    """Trains a model on MNIST on a worker thread and reports the saved model's path."""

    trained = Signal(str)  # path of the saved .keras model
    running_changed = Signal(bool)
    phase_changed = Signal(str)  # the core's phase names, then "saving"
    progressed = Signal(int, int)  # step, total steps of the whole run
    epoch_ended = Signal(int, object)  # epoch (from 1), metrics dict
    failed = Signal(str)  # the one-sentence message shown in the panel
    stopped = Signal()
    where_it_fails_requested = Signal()  # the person asked to see the active model's mistakes

    def __init__(self, models_dir: Path, parent=None):
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self.models_dir = Path(models_dir)
        self._thread: QThread | None = None
        self._worker: TrainingWorker | FineTuneWorker | None = None
        self._stop_event = threading.Event()
        self._store: SampleStore | None = None
        self._active_model: Path | None = None
        self._training_started = 0.0
        self._epochs = 0
        self._epoch = 0
        self._build()
        self._restore_settings()
        self._show_idle()

    # ----- building

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_form())
        layout.addLayout(self._build_buttons())
        layout.addLayout(self._build_handwriting())
        self.progress_bar = QProgressBar(objectName="progressBar", textVisible=True)
        self.status_label = QLabel("idle", objectName="statusLabel", wordWrap=True)
        self.plot = AccuracyPlot(self)
        self.plot.setMinimumHeight(220)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.plot, stretch=1)

    def _build_form(self) -> QFormLayout:
        self.model_combo = QComboBox(objectName="modelCombo")
        self.model_combo.addItem("MLP", "mlp")
        self.model_combo.addItem("CNN", "cnn")
        self.model_combo.currentIndexChanged.connect(self._on_model_changed)
        self.epochs_spin = QSpinBox(objectName="epochsSpin", minimum=1, maximum=100, value=8)
        self.batch_spin = QSpinBox(objectName="batchSizeSpin", minimum=1, maximum=4096, value=128)
        self.learning_rate_spin = QDoubleSpinBox(
            objectName="learningRateSpin", decimals=5, minimum=0.00001, maximum=1.0, singleStep=0.0005, value=0.001
        )
        self.augment_check = QCheckBox("rotate, scale and shift the digits", objectName="augmentCheck")
        self.include_samples_check = QCheckBox("include my samples", objectName="includeSamplesCheck")
        self.include_samples_check.setToolTip("Mix your labelled drawings into MNIST, repeated to 3% of it.")
        form = QFormLayout()
        form.addRow("Model", self.model_combo)
        form.addRow("Epochs", self.epochs_spin)
        form.addRow("Batch size", self.batch_spin)
        form.addRow("Learning rate", self.learning_rate_spin)
        form.addRow("Augmentation", self.augment_check)
        form.addRow("Your samples", self.include_samples_check)
        form.addRow("MNIST folder", self._build_folder_row())
        return form

    def _build_folder_row(self) -> QHBoxLayout:
        self.mnist_dir_edit = QLineEdit(objectName="mnistDirEdit")
        self.mnist_dir_edit.setPlaceholderText("empty: download MNIST")
        self.browse_button = QPushButton("Browse...", objectName="browseButton")
        self.browse_button.clicked.connect(self._browse_mnist_dir)
        row = QHBoxLayout()
        row.addWidget(self.mnist_dir_edit, stretch=1)
        row.addWidget(self.browse_button)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.train_button = QPushButton("Train", objectName="trainButton")
        self.stop_button = QPushButton("Stop", objectName="stopButton")
        self.train_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        row = QHBoxLayout()
        row.addWidget(self.train_button)
        row.addWidget(self.stop_button)
        return row

    def _build_handwriting(self) -> QVBoxLayout:
        self.fine_tune_button = QPushButton("Fine-tune current model on my samples")
        self.fine_tune_button.setObjectName("fineTuneButton")
        self.fine_tune_button.clicked.connect(self.start_fine_tune)
        self.where_button = QPushButton("Where it fails...", objectName="whereItFailsButton")
        self.where_button.setToolTip("What the model in use confuses on the 10,000 MNIST test images, with examples.")
        self.where_button.clicked.connect(self.where_it_fails_requested)
        self.samples_hint = QLabel(objectName="samplesHint", wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.fine_tune_button, stretch=1)
        row.addWidget(self.where_button)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addWidget(self.samples_hint)
        return column

    # ----- public API

    def is_running(self) -> bool:
        """True from Train until the worker thread has finished."""
        return self._thread is not None

    def mnist_dir(self) -> str | None:
        """The MNIST folder to use offline, or None to let tensorflow-datasets download."""
        return self.mnist_dir_edit.text().strip() or None

    def set_mnist_dir(self, folder: str | os.PathLike | None) -> None:
        """Set the offline MNIST folder (None or "": download)."""
        self.mnist_dir_edit.setText(os.fspath(folder) if folder else "")

    def set_sample_store(self, store: SampleStore | None) -> None:
        """The person's labelled drawings, for "include my samples" and fine-tuning."""
        self._store = store
        self.samples_changed()

    @Slot()
    def samples_changed(self) -> None:
        """Samples were filed, deleted or imported: update what the sample controls offer."""
        self._update_sample_controls()

    @Slot(str)
    def set_active_model(self, path: str | os.PathLike | None) -> None:
        """The model the window predicts with: the one fine-tuning starts from."""
        self._active_model = Path(path) if path else None
        self._update_sample_controls()

    def sample_count(self) -> int:
        return len(self._store) if self._store is not None else 0

    def request(self) -> TrainingRequest:
        """The run the current settings describe."""
        images, labels = self._samples_to_include()
        return TrainingRequest(
            model_kind=self.model_combo.currentData(),
            epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            learning_rate=self.learning_rate_spin.value(),
            augment=self.augment_check.isChecked(),
            models_dir=self.models_dir,
            mnist_dir=self.mnist_dir(),
            data_dir=default_tfds_dir(),
            sample_images=images,
            sample_labels=labels,
        )

    def fine_tune_request(self) -> FineTuneRequest:
        """A quick fine-tuning run of the active model on every sample."""
        images, labels = self._store.arrays()
        return FineTuneRequest(
            self._active_model, images, labels, self.models_dir, self.mnist_dir(), default_tfds_dir()
        )

    @Slot()
    def start(self) -> None:
        """Start a run with the current settings; does nothing while one is running."""
        if self.is_running():
            return
        self._save_settings()
        self._launch(TrainingWorker(self.request(), self._fresh_stop_event()))

    @Slot()
    def start_fine_tune(self) -> None:
        """Fine-tune the active model on the samples; does nothing while a run goes or with too few samples."""
        if self.is_running() or self._fine_tune_blocker():
            return
        self._launch(FineTuneWorker(self.fine_tune_request(), self._fresh_stop_event()))

    @Slot()
    def stop(self) -> None:
        """Ask the run to stop; it ends at the next batch, keeping the model in use."""
        if self.is_running():
            self._stop_event.set()
            self.stop_button.setEnabled(False)
            self.status_label.setText("stopping...")

    def shutdown(self, timeout_s: float = 3.0) -> None:
        """Stop any run and wait for its thread; call from the window's closeEvent."""
        if not self.is_running():
            return
        self._stop_event.set()
        if self._thread.wait(int(timeout_s * 1000)):
            # Deliver the run's last queued signals (stopped, thread finished) now, in order.
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        else:
            _keep_alive_until_finished(self._thread, self._worker)
        if self.is_running():
            self._end_run()

    # ----- the worker thread

    def _fresh_stop_event(self) -> threading.Event:
        self._stop_event = threading.Event()
        return self._stop_event

    def _launch(self, worker: TrainingWorker | FineTuneWorker) -> None:
        self._start_worker(worker)
        self._begin_run_display()
        self.running_changed.emit(True)

    def _start_worker(self, worker: TrainingWorker | FineTuneWorker) -> None:
        """Run any worker with the training worker's signals on a fresh thread."""
        self._thread = QThread()
        self._thread.setObjectName("trainingThread")
        self._worker = worker
        self._worker.moveToThread(self._thread)
        self._connect_worker(self._worker)
        self._thread.started.connect(self._worker.run)
        self._thread.finished.connect(self._on_thread_finished)
        self._thread.start()

    def _connect_worker(self, worker: TrainingWorker | FineTuneWorker) -> None:
        worker.phase_changed.connect(self._on_phase_changed)
        worker.epoch_started.connect(self._on_epoch_started)
        worker.batch_progress.connect(self._on_batch_progress)
        worker.epoch_ended.connect(self._on_epoch_ended)
        worker.trained.connect(self._on_trained)
        worker.failed.connect(self._on_failed)
        worker.stopped.connect(self._on_stopped)
        # Quit from the worker thread itself, so shutdown()'s wait never needs the GUI loop.
        worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self.sender() is self._thread:  # not a stale one that shutdown() already ended
            self._end_run()

    def _end_run(self) -> None:
        self._thread = self._worker = None
        self._show_idle()
        self.running_changed.emit(False)

    # ----- the worker's events

    @Slot(str)
    def _on_phase_changed(self, phase: str) -> None:
        if phase == "training":
            self._training_started = time.perf_counter()
        self.status_label.setText(PHASE_TEXT.get(phase, phase))
        self.phase_changed.emit(phase)

    @Slot(int, int)
    def _on_epoch_started(self, epoch: int, epochs: int) -> None:
        if epoch == 1:  # a fine-tuning run's epochs are only known now
            self.plot.clear_data(epochs)
        self._epoch, self._epochs = epoch, epochs
        self.progress_bar.setFormat(f"epoch {epoch}/{epochs}")

    @Slot(int, int, float, float, float)
    def _on_batch_progress(self, step: int, total: int, accuracy: float, loss: float, rate: float) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(step)
        seconds_left = (time.perf_counter() - self._training_started) * (total - step) / max(step, 1)
        self.progress_bar.setFormat(progress_text(self._epoch, self._epochs, rate, seconds_left))
        self.plot.add_running_accuracy(step / (total / max(self._epochs, 1)), accuracy)
        self.progressed.emit(step, total)

    @Slot(int, object)
    def _on_epoch_ended(self, epoch: int, metrics: dict) -> None:
        self.plot.add_epoch(epoch, metrics)
        self.epoch_ended.emit(epoch, metrics)

    @Slot(str, object)
    def _on_trained(self, path: str, card: dict) -> None:
        self.progress_bar.setValue(self.progress_bar.maximum())
        self.status_label.setText(finished_text(Path(path).name, card))
        self.trained.emit(path)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status_label.setText(message)
        self.failed.emit(message)

    @Slot()
    def _on_stopped(self) -> None:
        self.status_label.setText("stopped: the model in use was kept")
        self.stopped.emit()

    # ----- display

    def _begin_run_display(self) -> None:
        self._epoch, self._epochs = 0, self.epochs_spin.value()
        self.plot.clear_data(self._epochs)
        self.progress_bar.setRange(0, 0)  # busy until the first step is reported
        self.progress_bar.setFormat("starting...")
        self.status_label.setText("starting...")
        self._set_controls_running(True)

    def _show_idle(self) -> None:
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
        self._set_controls_running(False)

    def _set_controls_running(self, running: bool) -> None:
        self.train_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        for widget in (self.model_combo, self.epochs_spin, self.batch_spin, self.learning_rate_spin,
                       self.augment_check, self.mnist_dir_edit, self.browse_button):
            widget.setEnabled(not running)
        self._update_sample_controls()

    def _update_sample_controls(self) -> None:
        count, blocker = self.sample_count(), self._fine_tune_blocker()
        self.include_samples_check.setText(f"include my {count} sample{'' if count == 1 else 's'}")
        self.include_samples_check.setEnabled(count > 0 and not self.is_running())
        self.fine_tune_button.setEnabled(not blocker and not self.is_running())
        self.fine_tune_button.setToolTip(blocker or FINE_TUNE_TIP)
        self.where_button.setEnabled(self._active_model is not None)
        self.samples_hint.setText(blocker or self._ready_text(count))

    def _ready_text(self, count: int) -> str:
        return (f"{count} labelled drawings; fine-tuning starts from {self._active_model.stem} "
                "and holds a fifth of them out to measure the gain.")

    def _fine_tune_blocker(self) -> str:
        """Why fine-tuning cannot start now, in one sentence; "" when it can."""
        count = self.sample_count()
        if count < MIN_FINE_TUNE_SAMPLES:
            return (f"Label at least {MIN_FINE_TUNE_SAMPLES} drawings first (you have {count}): "
                    "draw a digit, then press its key.")
        if self._active_model is None:
            return "Fine-tuning starts from the model in use; wait for it to load."
        return ""

    def _samples_to_include(self):
        """(images, labels) when "include my samples" applies, else (None, None)."""
        if not self.include_samples_check.isChecked() or self.sample_count() == 0:
            return None, None
        return self._store.arrays()

    @Slot(int)
    def _on_model_changed(self, _index: int) -> None:
        """Switch to the chosen kind's recipe: the seed MLP's 8 plain epochs, the CNN's 10 augmented."""
        kind = self.model_combo.currentData()
        self.epochs_spin.setValue(DEFAULT_EPOCHS[kind])
        self.augment_check.setChecked(DEFAULT_AUGMENT[kind])

    @Slot()
    def _browse_mnist_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder with the four MNIST .gz files", self.mnist_dir() or "")
        if folder:
            self.set_mnist_dir(folder)

    # ----- settings

    def _restore_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        index = self.model_combo.findData(settings.value("model", "mlp"))
        self.model_combo.setCurrentIndex(max(index, 0))
        self._on_model_changed(self.model_combo.currentIndex())
        self.epochs_spin.setValue(int(settings.value("epochs", self.epochs_spin.value())))
        self.batch_spin.setValue(int(settings.value("batch_size", 128)))
        self.learning_rate_spin.setValue(float(settings.value("learning_rate", 0.001)))
        if settings.contains("augment"):
            self.augment_check.setChecked(_as_bool(settings.value("augment")))
        self.include_samples_check.setChecked(_as_bool(settings.value("include_samples", False)))
        self.set_mnist_dir(settings.value("mnist_dir", "") or default_mnist_dir())
        settings.endGroup()

    def _save_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("model", self.model_combo.currentData())
        settings.setValue("epochs", self.epochs_spin.value())
        settings.setValue("batch_size", self.batch_spin.value())
        settings.setValue("learning_rate", self.learning_rate_spin.value())
        settings.setValue("augment", self.augment_check.isChecked())
        settings.setValue("include_samples", self.include_samples_check.isChecked())
        settings.setValue("mnist_dir", self.mnist_dir() or "")
        settings.endGroup()


def finished_text(name: str, card: dict) -> str:
    """What a finished run achieved; after fine-tuning, the before/after numbers that say whether it helped."""
    if "test_accuracy_before" not in card:
        return f"done: {card.get('test_accuracy') or 0.0:.1%} validation accuracy, saved as {name}"
    held_out = card.get("held_out_samples") or 0
    if card.get("held_out_accuracy_before") is None:
        yours = "none of your drawings held out (label 3 of a digit to hold one out)"
    else:
        before, after = card["held_out_accuracy_before"], card["held_out_accuracy_after"]
        yours = f"your {held_out} held-out drawings: {before:.0%} → {after:.0%}"
    mnist = f"MNIST test: {card['test_accuracy_before']:.1%} → {card['test_accuracy']:.1%}"
    return f"Fine-tuned: {yours}; {mnist}. Saved as {name}."


def progress_text(epoch: int, epochs: int, rate: float, seconds_left: float) -> str:
    """`epoch 3/8 · 41,000 examples/s · 0:12 left`."""
    return f"epoch {epoch}/{epochs} · {rate:,.0f} examples/s · {_clock(seconds_left)} left"


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes}:{seconds:02d}"


def _as_bool(value) -> bool:
    # QSettings' INI backend gives booleans back as the strings "true" and "false".
    return value is True or str(value).lower() == "true"


def _keep_alive_until_finished(thread: QThread, worker: QObject) -> None:
    """Hand a thread that did not stop in time to the application, so it is never destroyed while running.

    Not a module-level list: the app owns it until it finishes, and quitting waits for its work
    (it is busy background work, see core/background.py).
    """
    thread.setParent(QCoreApplication.instance())
    thread.worker = worker  # the worker lives as long as its thread
    thread.finished.connect(thread.deleteLater)
