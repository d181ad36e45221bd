"""The Delete key in the real window: it deletes selected samples in "My samples", and clears the drawing."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from digitpad.core.drawing.preprocess import strokes_to_mnist
from tests.drawing import draw_stroke, open_window, seven
from tests.odd_style import draw


@pytest.fixture
def window(qtbot, mlp_path):
    window = open_window(qtbot, mlp_path)
    for seed, digit in enumerate([3, 3, 5]):
        strokes = draw(digit, np.random.default_rng(seed))
        window.samples_dock.view.add(strokes, strokes_to_mnist(strokes), digit)
    window.show_samples()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for stroke in seven(window.canvas.width()):
        draw_stroke(qtbot, window.canvas, stroke)
    return window


def test_delete_in_my_samples_deletes_the_selected_sample_and_keeps_the_drawing(qtbot, window):
    row = window.samples_dock.view.lists[3]
    row.setFocus()
    row.item(0).setSelected(True)

    qtbot.keyClick(row, Qt.Key.Key_Delete)

    assert row.count() == 1 and window.samples_dock.store.counts()[3] == 1
    assert not window.canvas.is_empty()


def test_delete_on_the_drawing_clears_it_and_keeps_every_sample(qtbot, window):
    window.prediction_view.setFocus()

    qtbot.keyClick(window.prediction_view, Qt.Key.Key_Delete)

    assert window.canvas.is_empty()
    assert len(window.samples_dock.store) == 3


def test_escape_still_clears_the_drawing_from_anywhere_in_the_window(qtbot, window):
    window.samples_dock.view.lists[3].setFocus()

    qtbot.keyClick(window.samples_dock.view.lists[3], Qt.Key.Key_Escape)

    assert window.canvas.is_empty() and len(window.samples_dock.store) == 3
