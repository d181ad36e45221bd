"""A second model reading the same drawing, live: its bars beside the first model's, each with its answer.

It loads through a ModelLoader of its own (the same background path as the model in use) and
predicts after each prediction of the window, on the same coalesced beat.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from digitpad.qt.drawing.canvas import DrawingCanvas
from digitpad.qt.reading.comparison_column import ComparisonColumn, answer_label, show_answer
from digitpad.qt.reading.prediction_view import PredictionView
from digitpad.qt.workers.model_loader import ModelLoader

COLUMN_WIDTH = 180  # what the prediction view widens by to hold a second set of bars


class Comparison(QObject):
    """Wire `prediction_changed` to `follow` and `model_changed` to `set_primary`; `compare_with(path)` starts."""

    loaded = Signal(str)  # the compared model's path, once it reads the drawing
    failed = Signal(str)  # one sentence
    comparing_changed = Signal(object)  # the compared model's path, or None when comparing stopped

    def __init__(self, canvas: DrawingCanvas, view: PredictionView, parent: QObject | None = None):
        super().__init__(parent)
        self._canvas, self._view = canvas, view
        self._loader = ModelLoader(self)
        self._predictor = None
        self._wanted: str | None = None
        self._primary_name = ""
        self._widened = False
        self.column = ComparisonColumn()
        self.primary_caption = answer_label("primaryCaption")
        self.column.bars.digit_clicked.connect(view.digit_clicked)
        view.add_beside_bars(self.column, self.primary_caption)
        self._show(False)
        self._loader.done.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)

    def is_comparing(self) -> bool:
        return self._wanted is not None

    def predictor(self):
        """The compared model's Predictor, or None."""
        return self._predictor

    @Slot(str)
    def compare_with(self, path: str | Path) -> None:
        """Load `path` in the background and show its bars beside the first model's once ready."""
        self._wanted, self._predictor = str(path), None
        self._show(True)
        self.column.show_idle(f"loading {Path(path).stem}...")
        self._loader.load(path)
        self.comparing_changed.emit(self._wanted)

    @Slot()
    def stop(self) -> None:
        self._wanted = self._predictor = None
        self._show(False)
        self.comparing_changed.emit(None)

    @Slot(str)
    def set_primary(self, path: str) -> None:
        self._primary_name = Path(path).stem

    @Slot(object, object, object)
    def follow(self, _first_model, views, reading) -> None:
        """The first model just read the drawing's views (None: the canvas is empty); the second reads them too."""
        if not self.is_comparing():
            return
        if reading is None:
            self.primary_caption.setText(" ")
            self.column.show_idle("draw a digit")
            return
        show_answer(self.primary_caption, self._primary_name, reading.probabilities.mean(axis=0))
        if self._predictor is not None:
            self.column.show_probabilities(self._predictor.name, self._predictor.probabilities_of_views(views))

    def shutdown(self) -> None:
        self._loader.shutdown()

    @Slot(str, object)
    def _on_loaded(self, path: str, predictor) -> None:
        if path != self._wanted:
            return  # stopped, or another model was asked for since
        self._predictor = predictor
        self.column.show_idle(f"{predictor.name}: draw a digit")
        views = self._canvas.to_mnist_views()
        if views is not None:
            self.column.show_probabilities(predictor.name, predictor.probabilities_of_views(views))
        self.loaded.emit(path)

    @Slot(str, str)
    def _on_failed(self, path: str, message: str) -> None:
        if path == self._wanted:
            self.stop()
            self.failed.emit(message)

    def _show(self, shown: bool) -> None:
        self.column.setVisible(shown)
        self.primary_caption.setVisible(shown)
        fixed = self._view.minimumWidth() == self._view.maximumWidth()
        if fixed and shown != self._widened:  # the window fixes the view's width: make room for the second bars
            self._view.setFixedWidth(self._view.maximumWidth() + (COLUMN_WIDTH if shown else -COLUMN_WIDTH))
        self._widened = shown and fixed
