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
        # Two curves a run, made once and given new data at each selection: adding and removing
        # pyqtgraph items was most of a selection's cost (3 ms an item, 60 ms for ten runs).
        self._curves = [self._curve_pair() for _ in range(MOST_CURVES)]
        self._shown: list[Run] = []
        self._labels: list[str] = []
        self.show_runs([])

    def show_runs(self, runs: list[Run]) -> None:
        """Overlay these runs' curves (the first MOST_CURVES of them), replacing those shown."""
        selected, runs = len(runs), runs[:MOST_CURVES]
        colours = list(CURVE_COLOURS[: len(runs)])
        if runs != self._shown:  # Ctrl+A past ten runs, or a listing read again, leaves the curves as they are
            self._shown, self._labels = runs, legend_labels(runs)
            for index, pair in enumerate(self._curves):
                _show_run(pair, runs[index] if index < len(runs) else None, CURVE_COLOURS[index])
            self._fit_range(runs)
        self.legend.setText(_legend_html(self._labels, colours, selected))

    def legend_texts(self) -> list[str]:
        """The legend's entries, in order."""
        return list(self._labels)

    def curve_colours(self) -> list[str]:
        """The colour of each shown run's validation curve, in legend order."""
        return [solid.opts["pen"].color().name() for solid, _ in self._curves[: len(self._shown)]]

    def _curve_pair(self) -> tuple[pg.PlotDataItem, pg.PlotDataItem]:
        """A run's two curves, empty: validation (solid, with points) and training (dashed)."""
        solid = self.plot_item.plot([], [], symbol="o", symbolSize=5)
        dashed = self.plot_item.plot([], [])
        return solid, dashed

    def _fit_range(self, runs: list[Run]) -> None:
        values = [v for run in runs for key in ("accuracy", "val_accuracy") for v in _percent(run.history.get(key))]
        epochs = max((len(run.history.get("val_accuracy") or []) for run in runs), default=0)
        low = min(values, default=98.0) - MARGIN
        self.plot_item.setYRange(max(0.0, min(low, 98.0)), 100, padding=0.02)
        self.plot_item.setXRange(1 if epochs > 1 else 0, max(epochs, 1), padding=0.04)


def _show_run(pair: tuple[pg.PlotDataItem, pg.PlotDataItem], run: Run | None, colour: str) -> None:
    """Give a pair of curves a run's accuracies in its colour, or empty them and hide them."""
    solid, dashed = pair
    for curve in pair:
        curve.setVisible(run is not None)
    if run is None:
        solid.setData([], [])
        dashed.setData([], [])
        return
    validation, training = _percent(run.history.get("val_accuracy")), _percent(run.history.get("accuracy"))
    solid.setData(_epochs(validation), validation, pen=pg.mkPen(colour, width=2), symbolBrush=colour, symbolPen=colour)
    dashed.setData(_epochs(training), training, pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine))


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
