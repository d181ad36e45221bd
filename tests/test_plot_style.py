"""The learning-curve plots belong to the dark window: its background, and curves and labels that stand out on it."""

import datetime
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

from digitpad.core.runs.run_history import Run
from digitpad.qt.app.theme import colour_of
from digitpad.qt.runs.run_curves_plot import RunCurvesPlot
from digitpad.qt.training.accuracy_plot import AccuracyPlot
from digitpad.qt.widgets.plot_style import AXIS, CURVE_COLOURS, TEXT, TRAINING, VALIDATION


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(name: str) -> float:
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in QColor(name).getRgbF()[:3]]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    darker, lighter = sorted((luminance(a), luminance(b)))
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture
def window_base() -> str:
    """The background of the window's views in the app's dark theme."""
    return colour_of(QPalette.ColorRole.Base)


def colours_drawn(widget) -> Counter:
    image = widget.grab().toImage()
    return Counter(
        QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    )


def shown(qtbot, widget, width: int, height: int):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def history(epochs: int, start: float) -> dict:
    accuracy = [start + 0.002 * epoch for epoch in range(epochs)]
    return {"accuracy": accuracy, "val_accuracy": [a - 0.003 for a in accuracy]}


def test_the_live_plot_draws_its_curves_on_the_windows_own_background(qtbot, window_base):
    plot = shown(qtbot, AccuracyPlot(), 380, 260)
    plot.clear_data(8)
    for epoch in range(1, 9):
        plot.add_epoch(epoch, {"accuracy": 0.97 + 0.002 * epoch, "val_accuracy": 0.968 + 0.002 * epoch,
                               "loss": 0.3 / epoch, "val_loss": 0.25 / epoch})  # fmt: skip

    drawn = colours_drawn(plot)
    assert drawn.most_common(1)[0][0] == window_base  # not pyqtgraph's white
    assert drawn[TRAINING] > 20 and drawn[VALIDATION] > 20


def test_the_runs_overlay_draws_on_the_windows_own_background(qtbot, window_base):
    overlay = shown(qtbot, RunCurvesPlot(), 380, 300)
    saved = datetime.datetime(2026, 12, 2)
    runs = [Run(Path(f"run{i}.keras"), {"history": history(6, 0.97 + 0.005 * i)}, saved) for i in range(2)]
    overlay.show_runs(runs)

    drawn = colours_drawn(overlay.plot_widget)
    assert drawn.most_common(1)[0][0] == window_base
    assert all(drawn[colour] > 10 for colour in overlay.curve_colours())


def test_curves_labels_and_axes_stand_out_from_the_dark_background(window_base):
    assert contrast(TEXT, window_base) >= 4.5  # WCAG AA for text
    assert all(contrast(colour, window_base) >= 3.0 for colour in (AXIS, *CURVE_COLOURS))  # for graphics
    assert len(set(CURVE_COLOURS)) == len(CURVE_COLOURS)
