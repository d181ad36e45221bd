"""The live learning curve: whole-epoch ticks, value labels apart, aligned plots, a legend off the curves."""

import pytest

from digitpad.qt.training.accuracy_plot import AccuracyPlot
from digitpad.qt.widgets.value_axis import LABEL_GAP, label_values


@pytest.fixture
def plot(qtbot):
    widget = AccuracyPlot()
    qtbot.addWidget(widget)
    widget.resize(380, 260)  # about the training panel's size
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tick_labels(plot_item) -> list[str]:
    """The labels the x axis draws for its current range and length."""
    axis = plot_item.getAxis("bottom")
    low, high = axis.range
    values = sorted({value for _, level in axis.tickValues(low, high, axis.geometry().width()) for value in level})
    return axis.tickStrings(values, 1, 1)


def run_eight_epochs(plot) -> None:
    plot.clear_data(8)
    for epoch in range(1, 9):
        accuracy = 0.92 + 0.008 * epoch
        plot.add_epoch(epoch, {"accuracy": accuracy, "val_accuracy": accuracy + 0.01, "loss": 0.3 / epoch,
                               "val_loss": 0.2 / epoch})


def test_the_empty_plot_labels_whole_epochs_only(plot):
    for item in (plot.accuracy_plot, plot.loss_plot):
        assert tick_labels(item) == ["0", "1"]


@pytest.mark.parametrize("epochs", [2, 8, 100])
def test_a_run_of_any_length_gets_whole_epoch_ticks(plot, epochs):
    plot.clear_data(epochs)
    plot.add_running_accuracy(0.37, 0.9)  # fractional positions are data, not ticks

    labels = tick_labels(plot.accuracy_plot)
    assert len(labels) >= 2 and all(label.lstrip("-").isdigit() for label in labels)


def test_the_legend_names_the_curves_outside_the_plotted_area(plot, qtbot):
    run_eight_epochs(plot)
    qtbot.wait(50)

    names = [label.text for _, label in plot.legend.items]
    assert names == ["training", "validation", "training (this epoch)"]
    legend = plot.legend.sceneBoundingRect()
    assert not legend.intersects(plot.accuracy_plot.vb.sceneBoundingRect())
    assert not legend.intersects(plot.loss_plot.vb.sceneBoundingRect())


def drawn_value_labels(plot_item) -> list[tuple[float, str]]:
    """(middle height, text) of each label the y axis actually draws, as pyqtgraph lays them out."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = plot_item.getAxis("left").generateDrawSpecs(painter)
    finally:
        painter.end()
    return sorted((rect.center().y(), text) for rect, _, text in texts)


@pytest.mark.parametrize("height", [200, 260, 400])
@pytest.mark.parametrize("after_a_run", [False, True])
def test_the_value_axes_draw_labels_that_stay_apart_however_short_the_plot(plot, qtbot, height, after_a_run):
    plot.resize(380, height)
    if after_a_run:
        run_eight_epochs(plot)
    qtbot.wait(50)

    for item in (plot.accuracy_plot, plot.loss_plot):
        labels = drawn_value_labels(item)
        heights = [y for y, _ in labels]
        assert labels and all(b - a >= LABEL_GAP for a, b in zip(heights, heights[1:])), labels
    if height >= 400:  # room for more: they come
        assert len(drawn_value_labels(plot.accuracy_plot)) >= 3


@pytest.mark.parametrize(("low", "high", "pixels", "values"), [
    (97.96, 100.04, 34, [99.0]),  # the empty accuracy plot in a 680 px window
    (0.0, 1.0, 34, [0.5]),
    (91.7, 100.2, 34, [95.0]),
    (97.96, 100.04, 100, [98.5, 99.0, 99.5]),
    (0.0, 0.35, 120, [0.1, 0.2, 0.3]),
])
def test_value_labels_are_round_apart_and_inside_the_ends(low, high, pixels, values):
    assert label_values(low, high, pixels)[1] == pytest.approx(values)


def test_the_two_plots_epochs_line_up_one_above_the_other(plot, qtbot):
    for after_a_run in (False, True):
        if after_a_run:
            run_eight_epochs(plot)
        qtbot.wait(50)
        left_edges = {round(item.vb.sceneBoundingRect().left()) for item in (plot.accuracy_plot, plot.loss_plot)}
        assert len(left_edges) == 1
