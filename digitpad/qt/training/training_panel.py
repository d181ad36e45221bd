"""The training panel: the design, Train/Stop, fine-tuning on the person's samples, and the run's progress.

It composes a TrainingForm (the design), a TrainingRun (the one run's thread) and a TrainingProgress.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from digitpad.core.mnist.loading import default_tfds_dir
from digitpad.core.runs.model_files import read_card
from digitpad.core.samples.store import SampleStore
from digitpad.core.training.panel_run import TrainingRequest
from digitpad.core.training.training_speed import duration_text, estimate_seconds, speed_factor
from digitpad.qt.app.app_paths import recent_runs
from digitpad.qt.training.design_actions import DesignActions
from digitpad.qt.training.fine_tune_worker import FineTuneRequest, FineTuneWorker
from digitpad.qt.training.training_form import TrainingForm
from digitpad.qt.training.training_progress import TrainingProgress
from digitpad.qt.training.training_run import FINE_TUNE_TIP, TrainingRun
from digitpad.qt.training.training_worker import TrainingWorker


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
    mnist_dir_chosen = Signal()  # the person chose another MNIST folder: what lacked MNIST may try again

    def __init__(self, models_dir: Path, parent=None):
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self.models_dir = Path(models_dir)
        self.form = TrainingForm(self)
        self.design_actions = DesignActions(self.form, self)
        self.progress = TrainingProgress(self)
        self.run = TrainingRun(self)
        self._lay_out()
        self._connect_run()
        self.form.changed.connect(self._on_design_changed)
        self.form.mnist_dir_chosen.connect(self.mnist_dir_chosen)
        self._speed, self._fine_tune_waiting = 1.0, False
        self.refresh_speed()
        self._set_controls_running(False)

    def _lay_out(self) -> None:
        """The design and its buttons above, the run's progress below, the line between them movable."""
        design, run = QWidget(), QWidget()
        top, bottom = QVBoxLayout(design), QVBoxLayout(run)
        for column in (top, bottom):
            column.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.form, stretch=1)
        top.addLayout(self._build_buttons())
        bottom.addLayout(self._build_handwriting())
        bottom.addWidget(self.progress, stretch=1)
        splitter = QSplitter(Qt.Orientation.Vertical, objectName="trainingSplitter", childrenCollapsible=False)
        splitter.addWidget(design)
        splitter.addWidget(run)
        splitter.setSizes([600, 400])  # shares of the height: the design first, the plot keeps room
        QVBoxLayout(self).addWidget(splitter)

    def _build_buttons(self) -> QHBoxLayout:
        self.train_button = QPushButton("Train", objectName="trainButton")
        self.stop_button = QPushButton("Stop", objectName="stopButton")
        self.train_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.estimate = QLabel(objectName="trainingEstimate")
        row = QHBoxLayout()
        row.addWidget(self.design_actions.button)
        row.addWidget(self.train_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.estimate, stretch=1)
        return row

    def _build_handwriting(self) -> QVBoxLayout:
        self.fine_tune_button = QPushButton("Fine-tune current model on my samples", objectName="fineTuneButton")
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

    def _connect_run(self) -> None:
        run, progress = self.run, self.progress
        for signal, show, relay in (
            (run.phase_changed, progress.show_phase, self.phase_changed),
            (run.data_progress, progress.show_data_progress, None),
            (run.epoch_started, progress.show_epoch_started, None),
            (run.batch_progress, progress.show_batch_progress, self._on_batch_progress),
            (run.epoch_ended, progress.show_epoch_ended, self.epoch_ended),
            (run.trained, progress.show_trained, self._on_trained),
            (run.failed, progress.show_failed, self.failed),
            (run.stopped, progress.show_stopped, self.stopped),
        ):
            signal.connect(show)
            if relay is not None:
                signal.connect(relay)
        run.running_changed.connect(self._on_running_changed)

    # ----- public API

    def is_running(self) -> bool:
        """True from Train until the worker thread has finished."""
        return self.run.is_running()

    def design(self) -> dict:
        """The design in the editor, JSON-ready: name, layers, training."""
        return self.form.design()

    def set_design(self, design: dict) -> None:
        """Load a design into the editor; DesignError (one sentence) if it is not one."""
        self.form.set_design(design)

    def design_summary(self) -> dict:
        """{"parameters", "macs", "error"} of the design as shown."""
        return self.form.summary().totals()

    def mnist_dir(self) -> str | None:
        """The MNIST folder to use offline, or None to let tensorflow-datasets download."""
        return self.form.mnist_dir()

    def set_mnist_dir(self, folder: str | os.PathLike | None) -> None:
        """Set the offline MNIST folder (None or "": download)."""
        self.form.set_mnist_dir(folder)

    def set_sample_store(self, store: SampleStore | None) -> None:
        """The person's labelled drawings, for "include my samples" and fine-tuning."""
        self.run.store = store
        self.samples_changed()

    @Slot()
    def samples_changed(self) -> None:
        """Samples were filed, deleted, imported or loaded: update the controls; start a fine-tune that waited."""
        self._update_sample_controls()
        if self._fine_tune_waiting and self.run.store is not None and self.run.store.loaded:
            self._fine_tune_waiting = False
            self.start_fine_tune()

    @Slot(str)
    def set_active_model(self, path: str | os.PathLike | None) -> None:
        """The model the window predicts with: the one fine-tuning starts from."""
        self.run.set_active_model(path)
        self._update_sample_controls()

    def request(self) -> TrainingRequest:
        """The run the current settings describe."""
        return self.form.request(self.models_dir, self.run.sample_arrays())

    def fine_tune_request(self) -> FineTuneRequest:
        """A quick fine-tuning run of the active model on every sample."""
        return self.run.fine_tune_request(self.models_dir, self.mnist_dir(), default_tfds_dir())

    @Slot()
    def start(self) -> None:
        """Start a run with the current design; does nothing while one runs or the design cannot be built."""
        if not self.is_running() and self.form.summary().error is None:
            self.form.save_settings()
            self.run.start(TrainingWorker, self.request())

    @Slot()
    def start_fine_tune(self) -> None:
        """Fine-tune the active model on the samples (once they have loaded); not while a run goes or with too few."""
        store = self.run.store
        self._fine_tune_waiting = store is not None and not store.loaded and not self.is_running()
        if self._fine_tune_waiting:
            self.progress.status_label.setText(self.run.fine_tune_blocker())
        elif not self.is_running() and not self.run.fine_tune_blocker():
            self.run.start(FineTuneWorker, self.fine_tune_request())

    @Slot()
    def stop(self) -> None:
        """Ask the run to stop; it ends at the next batch, keeping the model in use."""
        if self.run.stop():
            self.stop_button.setEnabled(False)
            self.progress.show_stopping()

    def shutdown(self, timeout_s: float = 3.0) -> None:
        """Stop any run and wait for its thread; call from the window's closeEvent."""
        self.run.shutdown(timeout_s)

    # ----- keeping the controls in step

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        if running:
            macs = 0 if self.run.is_fine_tuning() else self.form.summary().macs  # a fine-tune's network is another's
            self.progress.begin(self.form.epochs_spin.value(), macs)
        else:
            self.progress.show_idle()
        self._set_controls_running(running)
        self.running_changed.emit(running)

    @Slot(int, int, float, float, float)
    def _on_batch_progress(self, step: int, total: int, *_numbers) -> None:
        self.progressed.emit(step, total)

    @Slot(str, object)
    def _on_trained(self, path: str, _card: dict) -> None:
        self.refresh_speed()
        self.trained.emit(path)

    @Slot()
    def _on_design_changed(self) -> None:
        """The counts and the estimate follow each edit; Train waits for a design that can be built."""
        summary = self.form.summary()
        if not self.is_running():  # the empty plot spans the epochs Train will run, not a meaningless 0 to 1
            self.progress.preview_epochs(self.form.epochs_spin.value())
        self.train_button.setEnabled(not self.is_running() and summary.error is None)
        self.train_button.setToolTip(summary.error or "Train this design on MNIST.")
        training = self.form.design()["training"]
        seconds = None if summary.error else estimate_seconds(summary.macs, training) * self._speed
        self.form.show_totals(seconds)
        self.estimate.setText("" if seconds is None else duration_text(seconds))

    def refresh_speed(self) -> None:
        """How fast this machine trained the last runs (the estimate's scale)."""
        self._speed = speed_factor([read_card(path) or {} for path in recent_runs(folder=self.models_dir)])
        self._on_design_changed()

    def _set_controls_running(self, running: bool) -> None:
        self.train_button.setEnabled(not running and self.form.summary().error is None)
        self.stop_button.setEnabled(running)
        self.form.set_running(running)
        self._update_sample_controls()

    def _update_sample_controls(self) -> None:
        count, blocker, running = self.run.sample_count(), self.run.fine_tune_blocker(), self.is_running()
        self.form.show_sample_count(count, running)
        self.fine_tune_button.setEnabled(not blocker and not running)
        self.fine_tune_button.setToolTip(blocker or FINE_TUNE_TIP)
        self.where_button.setEnabled(self.run.active_model is not None)
        self.samples_hint.setText(blocker or self.run.ready_text())
