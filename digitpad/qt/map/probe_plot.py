"""What it tolerates: four small plots (shift, rotate, scale, thickness) of the top digit's probability.

Solid: the top digit; dashed: the digit it turns into. The active model in one colour, the
compared one in another, on the same axes. Curves are made once and set in place.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyqtgraph as pg

from digitpad.core.explain.tolerance import CHANGES
from digitpad.qt.widgets.plot_style import BACKGROUND, CURVE_COLOURS, style_plot

MODEL_COLOURS = (CURVE_COLOURS[0], CURVE_COLOURS[1])  # the active model, the compared one


class ProbePlot(pg.GraphicsLayoutWidget):
    """One plot per change (`add_plots`); `show_curves` sets a model's curves: its top digit, the one it turns into."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("probePlot")
        self.setBackground(BACKGROUND)
        self.plots, self.curves = {}, {}

    def add_plots(self) -> Iterator[None]:
        """Add the plot of each change, pausing after each: a plot costs the GUI thread 15-20 ms to make."""
        for column, change in enumerate(CHANGES):
            plot = self.addPlot(row=0, col=column)
            plot.setTitle(f"{change.name} ({change.unit})", size="8pt")
            style_plot(plot)
            plot.setYRange(0, 1, padding=0.02)
            plot.setMouseEnabled(False, False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            self.plots[change.name] = plot
            for model, colour in enumerate(MODEL_COLOURS):
                top = plot.plot(pen=pg.mkPen(colour, width=2))
                rival = plot.plot(pen=pg.mkPen(colour, width=1, style=pg.QtCore.Qt.PenStyle.DashLine))
                self.curves[change.name, model] = (top, rival)
            yield

    def show_curves(self, model: int, curves: dict[str, np.ndarray] | None) -> None:
        """Model 0 (active) or 1 (compared): change name -> (values, 2) probabilities; None hides them."""
        for change in CHANGES:
            top, rival = self.curves[change.name, model]
            if curves is None:
                top.setData([], [])
                rival.setData([], [])
            else:
                top.setData(change.values, curves[change.name][:, 0])
                rival.setData(change.values, curves[change.name][:, 1])

    def curve_data(self, change: str, model: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """The (x, y) of a model's top-digit curve for one change, as shown."""
        return self.curves[change, model][0].getData()
