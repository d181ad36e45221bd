"""Flow A: the canvas changed -> at most one prediction per few tens of milliseconds -> the bars.

A single-shot timer coalesces a burst of mouse events into one model call; a finished stroke is
predicted at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from digitpad.qt.drawing.canvas import DrawingCanvas
from digitpad.qt.reading.active_model import ActiveModel
from digitpad.qt.reading.prediction_view import PredictionView


class LivePrediction(QObject):
    """Reads the canvas with the model in use and shows the answer in the prediction view."""

    changed = Signal(object)  # list of 10 floats, or None for an empty canvas
    read = Signal(object, object, object)  # the predictor, the drawing's views, its Reading of them (or Nones)

    def __init__(self, canvas: DrawingCanvas, view: PredictionView, model: ActiveModel, delay_ms: int):
        super().__init__(canvas)
        self.canvas, self.view, self.model = canvas, view, model
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        # Number mode reads the drawing instead while it is on: reader(predictor) -> True when it did.
        self.other_reader = None
        # Look inside, while open, wants the first view's activations from the bars' own call.
        self.wants_layers: Callable[[], bool] = lambda: False
        # The map, while open, wants the drawing's point in the learned space from the same call.
        self.wants_embedding: Callable[[], bool] = lambda: False
        self._timer.timeout.connect(self.predict_now)
        canvas.changed.connect(self._schedule)
        canvas.stroke_finished.connect(self.predict_now)

    @Slot()
    def _schedule(self) -> None:
        """Predict once per delay while the ink changes, never once per mouse event.

        The timer is started by the first change and not pushed back by the next ones:
        restarting it on every event would starve the bars for as long as the pen moves.
        """
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def predict_now(self) -> None:
        """Predict the drawing now (also what the coalescing timer runs)."""
        self._timer.stop()
        if self.other_reader is not None and self.other_reader(self.model.predictor()):
            return
        views, predictor = self.canvas.to_mnist_views(), self.model.predictor()
        if views is None:
            self.view.show_empty()
            self.changed.emit(None)
            self.read.emit(predictor, None, None)
        elif predictor is None:
            self.view.show_loading(self.model.waiting_text())
        else:
            reading = predictor.read_views(views, layers=self.wants_layers(), embedding=self.wants_embedding())
            probabilities = reading.probabilities.mean(axis=0)
            self.view.show_probabilities(probabilities, views[0])
            self.changed.emit([float(p) for p in probabilities])
            self.read.emit(predictor, views, reading)  # explanations come after the bars
