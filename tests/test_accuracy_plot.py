"""The live learning curve: whole-epoch ticks, and a legend that never covers the curves."""

import pytest

from digitpad.qt.widgets.accuracy_plot import AccuracyPlot


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
