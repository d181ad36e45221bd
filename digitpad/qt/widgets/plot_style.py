"""The learning-curve plots in the app's dark look: the colours of theme.py, and curves that stand out on them.

pyqtgraph draws on white with black axes unless told otherwise: a white box in the dark window,
the one light thing on the screen. Here the plots take the palette's Base as their background
and its dimmed text for axes and labels.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QPalette

from digitpad.qt.app.theme import colour_of

BACKGROUND = colour_of(QPalette.ColorRole.Base)  # as the drawing pad's surroundings and the other views
AXIS = colour_of(QPalette.ColorRole.PlaceholderText)  # lines and ticks that do not compete with the curves
TEXT = "#b4b8c2"  # between WindowText and the axes: labels stay readable, the curves come first
# Tableau's ten colours, with its blue lifted (the app's link colour): on a dark background the
# original blue almost disappears. They stay apart from each other, as on white.
CURVE_COLOURS = ("#6fa8ff", "#f28e2b", "#59a14f", "#e15759", "#b07aa1",
                 "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac")  # fmt: skip
TRAINING, VALIDATION = CURVE_COLOURS[0], CURVE_COLOURS[1]


def style_plot(plot: pg.PlotItem) -> None:
    """Dark-look axes, tick labels and axis titles for one plot (the background is its widget's)."""
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(AXIS))
        axis.setTextPen(pg.mkPen(TEXT))
