"""Learning curves of several saved runs overlaid: one colour per run, a legend naming each and what differs.

A thin pyqtgraph wrapper like AccuracyPlot: validation accuracy as a solid line with points,
training accuracy dashed in the same colour, the legend above the plot, never on the curves.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from digitpad.core.runs.run_history import Run, legend_labels
from digitpad.qt.training.epoch_axis import EpochAxis
from digitpad.qt.widgets.plot_style import BACKGROUND, CURVE_COLOURS, style_plot
from digitpad.qt.widgets.value_axis import SpacedAxis

MARGIN = 0.5
# One colour each: past ten, colours repeat and the curves are a tangle (and a thousand took 4.5 s to draw).
MOST_CURVES = len(CURVE_COLOURS)


class RunCurvesPlot(QWidget):
    """Accuracy against epochs for the runs given to `show_runs`, under a legend that wraps."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("runCurvesPlot")
        # A label, not a pyqtgraph legend: run names are long, and a label wraps in a narrow dock.
        self.legend = QLabel(objectName="runCurvesLegend", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.plot_widget = pg.PlotWidget(background=BACKGROUND, axisItems={"bottom": EpochAxis(), "left": SpacedAxis()})
        self.plot_item = self.plot_widget.getPlotItem()
        style_plot(self.plot_item)
        self.plot_item.setLabel("left", "accuracy (%)")
        self.plot_item.setLabel("bottom", "epoch")
        self.plot_item.getAxis("left").enableAutoSIPrefix(False)
        self.plot_item.showGrid(x=True, y=True, alpha=0.3)
        self.plot_item.hideButtons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot_widget, 1)
        self._curves: list[pg.PlotDataItem] = []
        self._labels: list[str] = []
        self.show_runs([])

    def show_runs(self, runs: list[Run]) -> None:
        """Overlay these runs' curves (the first MOST_CURVES of them), replacing those shown."""
        for curve in self._curves:
            self.plot_item.removeItem(curve)
        selected, runs = len(runs), runs[:MOST_CURVES]
        self._curves = []
        self._labels = legend_labels(runs)
        colours = list(CURVE_COLOURS[: len(runs)])
        for run, colour in zip(runs, colours, strict=True):
            self._add_run(run, colour)
        self.legend.setText(_legend_html(self._labels, colours, selected))
        self._fit_range(runs)

    def legend_texts(self) -> list[str]:
        """The legend's entries, in order."""
        return list(self._labels)

    def curve_colours(self) -> list[str]:
        """The colour of each run's validation curve, in legend order."""
        return [curve.opts["pen"].color().name() for curve in self._curves[::2]]

    def _add_run(self, run: Run, colour: str) -> None:
        validation = _percent(run.history.get("val_accuracy"))
        training = _percent(run.history.get("accuracy"))
        solid = pg.mkPen(colour, width=2)
        dashed = pg.mkPen(colour, width=1, style=pg.QtCore.Qt.PenStyle.DashLine)
        curve = self.plot_item.plot(_epochs(validation), validation, pen=solid, symbol="o", symbolSize=5,
                                    symbolBrush=colour, symbolPen=colour)
        dashes = self.plot_item.plot(_epochs(training), training, pen=dashed)
        self._curves += [curve, dashes]

    def _fit_range(self, runs: list[Run]) -> None:
        values = [v for run in runs for key in ("accuracy", "val_accuracy") for v in _percent(run.history.get(key))]
        epochs = max((len(run.history.get("val_accuracy") or []) for run in runs), default=0)
        low = min(values, default=98.0) - MARGIN
        self.plot_item.setYRange(max(0.0, min(low, 98.0)), 100, padding=0.02)
        self.plot_item.setXRange(1 if epochs > 1 else 0, max(epochs, 1), padding=0.04)


def _legend_html(labels: list[str], colours: list[str], selected: int) -> str:
    if not labels:
        return "Select runs above to compare their learning curves."
    rows = [f'<span style="color:{colour}">&#9632;</span> {html.escape(label)}'
            for label, colour in zip(labels, colours, strict=True)]
    if selected > len(labels):
        rows.append(f"<i>the first {len(labels)} of the {selected:,} runs selected</i>")
    return "<br>".join(rows) + "<br><small>solid: validation accuracy · dashed: training accuracy</small>"


def _percent(values) -> list[float]:
    if not isinstance(values, list):
        return []
    return [100 * float(value) for value in values if isinstance(value, int | float)]


def _epochs(values: list[float]) -> list[int]:
    return list(range(1, len(values) + 1))
