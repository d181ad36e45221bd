"""The Delete key in the real window: it deletes selected samples in "My samples", and clears the drawing."""

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

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
    view = window.samples_dock.view
    view.list.setFocus()
    first_three = view.index_of(window.samples_dock.store.samples(3)[0].id)
    view.list.selectionModel().select(first_three, QItemSelectionModel.SelectionFlag.Select)

    qtbot.keyClick(view.list, Qt.Key.Key_Delete)

    assert view.model.rowCount() == 2 and window.samples_dock.store.counts()[3] == 1
    assert not window.canvas.is_empty()


def test_delete_on_the_drawing_clears_it_and_keeps_every_sample(qtbot, window):
    window.prediction_view.setFocus()

    qtbot.keyClick(window.prediction_view, Qt.Key.Key_Delete)

    assert window.canvas.is_empty()
    assert len(window.samples_dock.store) == 3


def test_escape_still_clears_the_drawing_from_anywhere_in_the_window(qtbot, window):
    window.samples_dock.view.list.setFocus()

    qtbot.keyClick(window.samples_dock.view.list, Qt.Key.Key_Escape)

    assert window.canvas.is_empty() and len(window.samples_dock.store) == 3


def test_deleted_samples_wait_in_the_trash_until_the_window_closes(qtbot, window):
    from digitpad.qt.app.app_paths import app_data_dir

    window.samples_dock.view.list.selectAll()
    window.samples_dock.view.delete_selected()
    trash = app_data_dir() / "trash"
    assert len(window.samples_dock.store) == 0 and len(list(trash.rglob("*.json"))) == 3

    window.close()

    assert not any(trash.rglob("*.json")) and not any(trash.iterdir())  # the session's trash folder too
