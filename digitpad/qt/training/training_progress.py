"""How a run is going: the progress bar with speed and time left, one line of status, the live accuracy curve."""

from __future__ import annotations

import time
from collections.abc import Generator
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from digitpad.core.training.training_speed import training_gflops
from digitpad.qt.widgets.deferred_widget import DeferredWidget

PHASE_TEXT = {
    "loading data": "preparing MNIST (first run only)...",
    "loading model": "loading the model in use",
    "training": "training",
    "validating": "validating on the 10,000 test images",
    "evaluating": "evaluating on the 10,000 test images",
    "calibrating": "calibrating its probabilities on digits it never trained on",
    "saving": "saving",
}
STOPPED_TEXT = "stopped: the model in use was kept"
PRECISE_FROM = 200  # held-out drawings from which a fine-tune's before and after get a decimal


class TrainingProgress(QWidget):
    """Shows a run's events; its slots are connected to the run's signals."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.progress_bar = QProgressBar(objectName="progressBar", textVisible=True)
        self.status_label = QLabel("idle", objectName="statusLabel", wordWrap=True)
        # Two lines kept for it: a message wrapping onto a second line (a run's result) re-laid out
        # the plot below, 13-37 ms of pyqtgraph on the GUI thread just as the new model comes in.
        self.status_label.setMinimumHeight(2 * self.status_label.fontMetrics().lineSpacing())
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._plot = DeferredWidget("digitpad.qt.training.accuracy_plot", _accuracy_plot)
        # The status's second line comes out of the plot's minimum, so the window's stays as it was.
        self._plot.setMinimumHeight(220 - self.status_label.fontMetrics().lineSpacing())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self._plot, stretch=1)
        self._training_started = 0.0
        self._epochs = 0
        self._epoch = 0
        self._macs = 0

    @property
    def plot(self):
        """The live learning curve (an AccuracyPlot), built now if it was not yet."""
        return self._plot.widget()

    def begin(self, epochs: int, macs: int = 0) -> None:
        """A run started (of a network of `macs` multiply-adds, 0 if not known): empty curve, a busy bar."""
        self._epoch, self._epochs, self._macs = 0, epochs, macs
        self._training_started = 0.0
        self._plot.when_built(lambda plot: plot.clear_data(epochs))  # never waits for pyqtgraph's import
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat("starting...")
        self.status_label.setText("starting...")

    def preview_epochs(self, epochs: int) -> None:
        """The form's epochs changed: an empty plot spans them (a finished run's curve stays as it is)."""
        self._plot.when_built(lambda plot: plot.span_epochs(epochs))

    def show_idle(self) -> None:
        if self.progress_bar.maximum() == 0:  # ended before its first step: no "starting..." left behind
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)
            self.progress_bar.setFormat("")

    def show_stopping(self) -> None:
        self.status_label.setText("stopping...")

    @Slot(str)
    def show_phase(self, phase: str) -> None:
        if phase == "training" and not self._training_started:  # again after each validation
            self._training_started = time.perf_counter()
        self.status_label.setText(PHASE_TEXT.get(phase, phase))

    @Slot(int, int, object, str)
    def show_data_progress(self, done: int, total: int, seconds_left, stage: str) -> None:
        """MNIST's first preparation, then its decoding: a determinate bar, and the examples counted."""
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        text = data_progress_text(done, total, seconds_left, stage)
        self.progress_bar.setFormat(text)
        self.status_label.setText(text)

    @Slot(int, int)
    def show_epoch_started(self, epoch: int, epochs: int) -> None:
        if epoch == 1:  # a fine-tuning run's epochs are only known now
            self._plot.when_built(lambda plot: plot.clear_data(epochs))
        self._epoch, self._epochs = epoch, epochs
        self.progress_bar.setFormat(f"epoch {epoch}/{epochs}")

    @Slot(int, int, float, float, float)
    def show_batch_progress(self, step: int, total: int, accuracy: float, loss: float, rate: float) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(step)
        seconds_left = (time.perf_counter() - self._training_started) * (total - step) / max(step, 1)
        self.progress_bar.setFormat(progress_text(self._epoch, self._epochs, rate, seconds_left, self._macs))
        position = step / (total / max(self._epochs, 1))
        self._plot.when_built(lambda plot: plot.add_running_accuracy(position, accuracy))

    @Slot(int, object)
    def show_epoch_ended(self, epoch: int, metrics: dict) -> None:
        self._plot.when_built(lambda plot: plot.add_epoch(epoch, metrics))

    @Slot(str, object)
    def show_trained(self, path: str, card: dict) -> None:
        self.progress_bar.setValue(self.progress_bar.maximum())
        self.status_label.setText(finished_text(Path(path).name, card))

    @Slot(str)
    def show_failed(self, message: str) -> None:
        self.status_label.setText(message)

    @Slot()
    def show_stopped(self) -> None:
        self.status_label.setText(STOPPED_TEXT)


def finished_text(name: str, card: dict) -> str:
    """What a finished run achieved; after fine-tuning, the before/after numbers that say whether it helped."""
    if "test_accuracy_before" not in card:
        rate = card.get("gflops")
        compute = f", trained on the {card.get('device', 'CPU')} at {rate:g} GFLOP/s" if rate else ""
        return f"done: {card.get('test_accuracy') or 0.0:.1%} validation accuracy, saved as {name}{compute}"
    held_out = card.get("held_out_samples") or 0
    if card.get("held_out_accuracy_before") is None:
        yours = "none of your drawings held out (label 3 of a digit to hold one out)"
    else:
        before, after = card["held_out_accuracy_before"], card["held_out_accuracy_after"]
        places = 1 if held_out >= PRECISE_FROM else 0  # a tenth of a point means something past a few hundred
        yours = f"your {held_out:,} held-out drawings: {before:.{places}%} → {after:.{places}%}"
    mnist = f"MNIST test: {card['test_accuracy_before']:.1%} → {card['test_accuracy']:.1%}"
    return f"Fine-tuned: {yours}; {mnist}. Saved as {name}."


def data_progress_text(done: int, total: int, seconds_left: float | None, stage: str = "preparing") -> str:
    """`Preparing MNIST: 12,345 of 70,000 examples, about 9 s left` (the first run only)."""
    what = "Decoding MNIST" if stage == "decoding" else "Preparing MNIST"
    left = "" if seconds_left is None or done >= total else f", about {max(1, round(seconds_left))} s left"
    return f"{what}: {done:,} of {total:,} examples{left}"


def progress_text(epoch: int, epochs: int, rate: float, seconds_left: float, macs: int = 0) -> str:
    """`epoch 3/8 · 41,000 examples/s · 25 GFLOP/s · 0:12 left` (the GFLOP/s when the network's size is known)."""
    compute = f" · {training_gflops(macs, rate):.1f} GFLOP/s" if macs else ""
    return f"epoch {epoch}/{epochs} · {rate:,.0f} examples/s{compute} · {_clock(seconds_left)} left"


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes}:{seconds:02d}"


def _accuracy_plot() -> Generator[None, None, QWidget]:
    from digitpad.qt.training.accuracy_plot import AccuracyPlot  # imported in the background by then

    return AccuracyPlot.built_in_steps()
