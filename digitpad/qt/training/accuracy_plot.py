"""The live learning curve: accuracy per epoch, the running accuracy of this epoch, and loss.

A thin pyqtgraph wrapper. Curves are created once and updated with `setData` in place, so a
redraw a few times a second costs next to nothing on the GUI thread.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSize

from digitpad.qt.training.epoch_axis import EpochAxis
from digitpad.qt.widgets.plot_style import BACKGROUND, TEXT, TRAINING, VALIDATION, style_plot
from digitpad.qt.widgets.value_axis import SpacedAxis

# The accuracy axis (in percent) runs from a little under the lowest value shown to 100, so the
# last few tenths of a percent, where MNIST runs differ, are not squashed against the top; it
# always spans at least MIN_SPAN points, so noise at 98% does not look like a cliff.
MARGIN = 0.5
MIN_SPAN = 2.0
TRAINING_PEN = pg.mkPen(TRAINING, width=2)
VALIDATION_PEN = pg.mkPen(VALIDATION, width=2)
RUNNING_PEN = pg.mkPen(TRAINING, width=1, style=pg.QtCore.Qt.PenStyle.DashLine)
# Both plots' value axes are this wide, whatever their labels ("99.5", "0.2"), so that their
# epochs line up one above the other.
VALUE_AXIS_WIDTH = 54


class AccuracyPlot(pg.GraphicsLayoutWidget):
    """Accuracy (large) above loss (small), both against epochs."""

    def __init__(self, parent=None, *, in_steps: bool = False):
        super().__init__(parent)
        self.setObjectName("accuracyPlot")
        self.setBackground(BACKGROUND)
        self._steps = self._build()
        if not in_steps:
            for _ in self._steps:
                pass

    @classmethod
    def built_in_steps(cls):
        """A generator that builds the plot a part per step, then returns it; the event loop turns between.

        Built in one go, the plot held the GUI thread for about 45 ms in a fresh process, a stall
        while a person draws; each part costs about 15 ms.
        """
        plot = cls(in_steps=True)
        yield
        for _ in plot._steps:
            yield
        return plot

    def _build(self):
        # The legend has a row of its own above the plots: inside them it covered the curves.
        self.legend = pg.LegendItem(colCount=3, labelTextColor=TEXT, frame=False)
        self.addItem(self.legend, row=0, col=0)
        self.accuracy_plot = self._add_plot(1, "accuracy (%)")
        yield
        self.loss_plot = self._add_plot(2, "loss")
        self.loss_plot.setLabel("bottom", "epoch")
        self.loss_plot.setXLink(self.accuracy_plot)
        self.ci.layout.setRowStretchFactor(1, 3)
        self.ci.layout.setRowStretchFactor(2, 1)
        yield
        self.training = self.accuracy_plot.plot(pen=TRAINING_PEN, name="training", **_points(TRAINING, 6))
        self.validation = self.accuracy_plot.plot(pen=VALIDATION_PEN, name="validation", **_points(VALIDATION, 6))
        self.running = self.accuracy_plot.plot(pen=RUNNING_PEN, name="training (this epoch)")
        for curve in (self.training, self.validation, self.running):
            self.legend.addItem(curve, curve.name())
        self.training_loss = self.loss_plot.plot(pen=TRAINING_PEN, **_points(TRAINING, 4))
        self.validation_loss = self.loss_plot.plot(pen=VALIDATION_PEN, **_points(VALIDATION, 4))
        self.clear_data()

    def sizeHint(self) -> QSize:
        # pyqtgraph asks for 600 x 480, which widened the training dock (and squeezed the canvas)
        # when the plot appeared just after start-up; it fits the dock's width instead.
        return QSize(320, 280)

    def _add_plot(self, row: int, label: str) -> pg.PlotItem:
        plot = self.addPlot(row=row, col=0, axisItems={"bottom": EpochAxis(), "left": SpacedAxis()})
        style_plot(plot)
        plot.setLabel("left", label)
        plot.getAxis("left").enableAutoSIPrefix(False)  # else "accuracy (x0.001)"
        plot.getAxis("left").setWidth(VALUE_AXIS_WIDTH)
        plot.showGrid(x=True, y=True, alpha=0.3)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        return plot

    def clear_data(self, epochs: int = 1) -> None:
        """Forget the previous run; the x axis spans the `epochs` of the next one."""
        self._epochs: list[int] = []
        self._history: dict[str, list[float]] = {"accuracy": [], "val_accuracy": [], "loss": [], "val_loss": []}
        self._running_x: list[float] = []
        self._running_y: list[float] = []
        for curve in self._curves():
            curve.setData([], [])
        self._low = 100 - MIN_SPAN
        self.accuracy_plot.setYRange(self._low, 100, padding=0.02)
        self._span(epochs)

    def span_epochs(self, epochs: int) -> None:
        """Before any run has drawn, let the empty x axis span the `epochs` the next run will train."""
        if not self._epochs and not self._running_x:
            self._span(epochs)

    def _span(self, epochs: int) -> None:
        self.accuracy_plot.setXRange(0, max(1, epochs), padding=0.02)  # the loss plot follows (XLink)

    def add_epoch(self, epoch: int, metrics: dict) -> None:
        """Add one finished epoch's metrics (accuracy, val_accuracy, loss, val_loss)."""
        self._epochs.append(epoch)
        for key, values in self._history.items():
            values.append(float(metrics.get(key, float("nan"))))
        self._running_x, self._running_y = [], []
        self._redraw()

    def add_running_accuracy(self, epoch_position: float, accuracy: float) -> None:
        """Add a point of this epoch's running training accuracy; `epoch_position` is 0.5 halfway through epoch 1."""
        self._running_x.append(epoch_position)
        self._running_y.append(accuracy)
        # Only this curve changed: a few times a second, the other four stay as they are.
        self.running.setData(self._running_x, _percent(self._running_y))
        self._fit_accuracy_range()

    def point_counts(self) -> dict[str, int]:
        """How many points each curve shows, for tests and the bench."""
        names = ("training", "validation", "running", "training_loss", "validation_loss")
        return {name: _length(curve.getData()[0]) for name, curve in zip(names, self._curves(), strict=True)}

    def _curves(self):
        return (self.training, self.validation, self.running, self.training_loss, self.validation_loss)

    def _redraw(self) -> None:
        history = self._history
        self.training.setData(self._epochs, _percent(history["accuracy"]))
        self.validation.setData(self._epochs, _percent(history["val_accuracy"]))
        self.running.setData(self._running_x, _percent(self._running_y))
        self.training_loss.setData(self._epochs, history["loss"])
        self.validation_loss.setData(self._epochs, history["val_loss"])
        self._fit_accuracy_range()

    def _fit_accuracy_range(self) -> None:
        values = _percent(self._history["accuracy"] + self._history["val_accuracy"] + self._running_y)
        shown = [value for value in values if value == value]  # NaN never equals itself
        if not shown:
            return
        low = max(0.0, min(min(shown) - MARGIN, 100 - MIN_SPAN))
        if low != self._low:  # setYRange re-lays out the axes even when nothing moved
            self._low = low
            self.accuracy_plot.setYRange(low, 100, padding=0.02)


def _points(colour: str, size: int) -> dict:
    """A curve's round markers, filled and outlined in its own colour."""
    return {"symbol": "o", "symbolSize": size, "symbolBrush": colour, "symbolPen": colour}


def _percent(fractions: list[float]) -> list[float]:
    return [100 * value for value in fractions]


def _length(values) -> int:
    return 0 if values is None else len(values)
