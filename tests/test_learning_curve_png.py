"""The learning curve PNG that train_model.py and the panel write next to a model."""

import numpy as np
import pytest

from digitpad.core.training import learning_curve
from digitpad.core.training.learning_curve import CurveDrawer, learning_curve_figure, learning_curve_png


@pytest.mark.parametrize("epochs", [1, 6, 8, 20])
def test_the_epoch_axis_has_whole_epochs_only(epochs):
    history = {"accuracy": list(np.linspace(0.8, 0.99, epochs)), "val_accuracy": list(np.linspace(0.9, 0.98, epochs))}
    ticks = learning_curve_figure(history).axes[0].get_xticks()
    assert len(ticks) >= 1 and np.all(ticks == np.round(ticks))


def test_the_curve_is_a_png_with_both_lines_named():
    figure = learning_curve_figure({"accuracy": [0.9, 0.95], "val_accuracy": [0.92, 0.96]}, "cnn on MNIST")
    axes = figure.axes[0]
    assert [text.get_text() for text in axes.get_legend().get_texts()] == ["training", "validation"]
    assert axes.get_title() == "cnn on MNIST"
    assert learning_curve_png({"accuracy": [0.9]}).startswith(b"\x89PNG\r\n\x1a\n")


HISTORY = {"accuracy": [0.90, 0.95, 0.97], "val_accuracy": [0.92, 0.96, 0.97], "loss": [0.3, 0.2, 0.1]}


def drawer_told_of_every_epoch(title: str = "mlp on MNIST") -> CurveDrawer:
    drawer = CurveDrawer(title, epochs=3)
    for epoch in range(3):
        drawer.epoch_ended({name: values[epoch] for name, values in HISTORY.items()})
    return drawer


def test_the_drawing_process_draws_the_same_png_as_this_process(monkeypatch):
    def not_here(*arguments):
        raise AssertionError("drawn in this process")

    with drawer_told_of_every_epoch() as drawer:
        with monkeypatch.context() as patched:
            patched.setattr(learning_curve, "learning_curve_png", not_here)
            drawn = drawer.png(HISTORY)

    assert drawn == learning_curve_png(HISTORY, "mlp on MNIST")


def test_a_drawing_process_that_died_still_gives_the_curve_drawn_here():
    with CurveDrawer("mlp on MNIST", epochs=3) as drawer:
        drawer._process.kill()
        drawer._process.wait()
        for epoch in range(3):
            drawer.epoch_ended({name: values[epoch] for name, values in HISTORY.items()})
        drawn = drawer.png(HISTORY)

    assert drawn == learning_curve_png(HISTORY, "mlp on MNIST")


def test_a_history_other_than_the_epochs_heard_is_drawn_here_as_it_is():
    longer = {name: [*values, values[-1]] for name, values in HISTORY.items()}
    with drawer_told_of_every_epoch() as drawer:
        drawn = drawer.png(longer)

    assert drawn == learning_curve_png(longer, "mlp on MNIST")


def test_a_drawer_that_heard_too_few_epochs_leaves_no_process_when_closed():
    with CurveDrawer("mlp on MNIST", epochs=3) as drawer:
        drawer.epoch_ended({"accuracy": 0.9, "val_accuracy": 0.92})
        process = drawer._process

    assert process.poll() is not None


def test_a_drawer_whose_process_cannot_start_draws_the_curve_here(monkeypatch):
    def no_process(*arguments, **options):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(learning_curve.subprocess, "Popen", no_process)
    with drawer_told_of_every_epoch() as drawer:
        drawn = drawer.png(HISTORY)

    assert drawn == learning_curve_png(HISTORY, "mlp on MNIST")
