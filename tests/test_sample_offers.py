"""The status bar teaches the loop: not sure -> file it; a correction is named; 20 new samples -> fine-tune."""

import pytest
from PySide6.QtCore import Qt

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.qt.window.sample_offers import NEW_SAMPLES_FOR_FINE_TUNE, NOT_SURE_TEXT
from tests.drawing import draw_stroke, open_window, seven
from tests.odd_style import drawings


@pytest.fixture
def window(qtbot, mlp_path):
    return open_window(qtbot, mlp_path)


def test_a_prediction_that_is_not_sure_says_once_that_its_key_files_the_drawing(window):
    unsure = [0.5, 0.3] + [0.025] * 8

    window.prediction_changed.emit(unsure)
    assert window.statusBar().currentMessage() == NOT_SURE_TEXT

    window.statusBar().clearMessage()
    window.prediction_changed.emit(unsure)  # the same drawing, still being drawn
    assert window.statusBar().currentMessage() == ""


def test_filing_a_drawing_under_another_digit_than_the_model_read_says_so(qtbot, window):
    with qtbot.waitSignal(window.prediction_changed, timeout=10_000):
        for stroke in seven(window.canvas.width()):
            draw_stroke(qtbot, window.canvas, stroke)
    qtbot.wait(100)  # the last prediction of the drawing

    qtbot.keyClick(window.canvas, Qt.Key.Key_1)

    message = window.statusBar().currentMessage()
    assert message.startswith("Filed as 1; the model read 7.") and f"{NEW_SAMPLES_FOR_FINE_TUNE - 1} more" in message


def test_twenty_new_samples_offer_a_fine_tune_and_starting_one_takes_the_offer_away(qtbot, window):
    offer = window.sample_offers.button
    strokes, labels = drawings(per_digit=2, seed=3)
    for drawing, label in list(zip(strokes, labels))[: NEW_SAMPLES_FOR_FINE_TUNE - 1]:
        window.samples_dock.view.add(drawing, strokes_to_mnist(drawing), int(label))
    assert not offer.isVisible()

    window.samples_dock.view.add(strokes[-1], strokes_to_mnist(strokes[-1]), int(labels[-1]))
    assert offer.isVisible() and offer.text() == f"Fine-tune on your {NEW_SAMPLES_FOR_FINE_TUNE} new samples"

    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    assert window.training_panel.is_running() and not offer.isVisible()
    assert window.sample_offers.new_samples() == 0
    window.training_panel.stop()
    qtbot.waitUntil(lambda: not window.training_panel.is_running(), timeout=60_000)


def test_the_offer_goes_when_the_rest_of_the_drawing_makes_the_model_sure(window):
    window.prediction_changed.emit([0.5, 0.3] + [0.025] * 8)
    window.prediction_changed.emit([0.95] + [0.005] * 9)

    assert window.statusBar().currentMessage() == ""
