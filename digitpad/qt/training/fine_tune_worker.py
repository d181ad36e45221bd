"""Fine-tuning on the person's samples on a worker thread: the pure core in, Qt signals out.

A sibling of `training_worker.TrainingWorker` for `fine_tuning.fine_tune`: both are RunWorkers
with the same signals, so whatever drives one (the training panel's progress bar, plot and
status) drives the other; it reuses that module's MNIST loader, model naming and saving.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from digitpad.core.training.mnist_loads import load_until_stopped
from digitpad.core.training.run_saving import save_run
from digitpad.qt.training.training_worker import RunWorker, SignalListener


@dataclass(frozen=True)
class FineTuneRequest:
    """One fine-tuning run: the model file to start from, the samples, and where things live."""

    model_path: Path
    images: np.ndarray  # (N, 28, 28) uint8 pixels (SampleStore.pixel_arrays()) or float32 in [0, 1]
    labels: np.ndarray  # (N,) digits
    models_dir: Path
    mnist_dir: str | None = None
    data_dir: str | None = None
    settings: object = field(default=None)  # a fine_tuning.FineTuneSettings; None for its defaults


class FineTuneWorker(RunWorker):
    """Fine-tunes the active model on the person's samples, saves it and reports.

    Its card (sent with `trained`) holds held-out and MNIST accuracy before and after.
    """

    def _run_and_save(self) -> None:
        from digitpad.core.training.fine_tuning import fine_tune, require_samples
        from digitpad.core.training.training_events import TrainingStopped

        request = self._request
        require_samples(request.labels)  # before the seconds MNIST takes to load
        self.phase_changed.emit("loading data")
        progress = SignalListener(self).data_progress
        mnist = load_until_stopped(request.mnist_dir, request.data_dir, self._stop_event, progress)
        result = fine_tune(
            request.model_path,
            request.images,
            request.labels,
            mnist,
            request.settings,
            SignalListener(self),
            self._stop_event,
        )
        if self._stop_event.is_set():  # stopped while evaluating: still not worth keeping
            raise TrainingStopped("Fine-tuning was stopped; the model in use was kept.")
        self.phase_changed.emit("saving")
        path = self._save(result)
        self.trained.emit(str(path), result.card())

    def _save(self, result) -> Path:
        # "mlp-tuned-2026-11-24-1032.keras": the kind, and that it learned the person's hand.
        name = result.model.name
        return save_run(
            result.model,
            result.history,
            result.card(),
            self._request.models_dir,
            f"{name}-tuned",
            f"{name} fine-tuned on your samples",
            self._stop_event,
        )
