"""Where the model in use fails: the ConfusionView in a dock, filled by a background ConfusionWorker.

Results are kept per model path, so showing the dock again for the same model costs nothing, and
an answer about a model that is no longer the one asked about is dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from digitpad.core.explain.calibration import not_sure_sentence
from digitpad.qt.failures.confusion_view import ConfusionView
from digitpad.qt.failures.confusion_worker import ConfusionWorker
from digitpad.qt.samples.side_dock import SideDock


class ConfusionDock(SideDock):
    """"Where it fails": the active model's confusion matrix on MNIST's test set, with its images."""

    example_chosen = Signal(object)  # a (28, 28) float32 test image, for the canvas

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Where it fails", "confusionDock", parent)
        self.view = ConfusionView()
        # All ten rows, the images and the reliability diagram need about 600 px: in a shorter window
        # (a laptop's, or with the docks tabbed) the dock scrolls rather than pile them on each other.
        self.setWidget(QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame))
        self.widget().setWidget(self.view)
        self._worker = ConfusionWorker(self)
        self._wanted: str | None = None  # the model whose results the view should show
        self._shown: str | None = None  # the model whose results it shows
        self.view.example_chosen.connect(self.example_chosen)
        self._worker.done.connect(self._on_computed)
        self._worker.failed.connect(self._on_failed)

    def show_model(self, model_path: str | Path | None, mnist_dir: str | None, data_dir: str | None) -> None:
        """Show where this model fails, computing it in the background unless it is already shown."""
        if model_path is None:
            self.view.show_message("No model is in use yet; wait for it to load.")
            return
        path = str(model_path)
        if path == self._wanted and (path == self._shown or self._worker.is_busy()):
            return  # on screen already, or on its way
        self._wanted = path
        self.view.show_message(f"Testing {Path(path).stem} on the 10,000 MNIST test images…")
        self._worker.compute(path, mnist_dir, data_dir)

    def shutdown(self) -> None:
        self._worker.shutdown()

    @Slot(str, object)
    def _on_computed(self, path: str, results) -> None:
        if path != self._wanted:
            return  # an answer about a model no longer asked about
        self._shown = path
        r = results
        self.view.set_results(r.matrix, r.images, r.labels, r.predictions, model_name=Path(path).stem)
        self.view.show_calibration(r.reliability, not_sure_sentence(r.not_sure, len(r.labels)) if r.not_sure else "")

    @Slot(str, str)
    def _on_failed(self, path: str, message: str) -> None:
        if path != self._wanted:
            return
        self._shown = None
        self.view.show_message(message)
        self.status_message.emit(message, 10_000)
