"""The samples view: thumbnails grouped by digit with counts, delete, export and import."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.samples.store import SampleStore
from digitpad.qt.app.app_paths import samples_dir
from digitpad.qt.samples.samples_view import SamplesView
from tests.odd_style import draw


def add_drawing(target, digit: int, seed: int = 0):
    strokes = draw(digit, np.random.default_rng(seed))
    return target.add(strokes, strokes_to_mnist(strokes), digit)


@pytest.fixture
def store(tmp_path):
    store = SampleStore(tmp_path / "samples")
    for seed, digit in enumerate([3, 3, 3, 7, 0]):
        add_drawing(store, digit, seed)
    return store


@pytest.fixture
def view(qtbot, store):
    widget = SamplesView(store)
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    return widget


def test_each_digit_shows_its_count_and_thumbnails(view):
    assert "5 samples" in view.summary.text()
    assert "3 samples" in view.headers[3].text()
    assert "1 sample" in view.headers[7].text() and "0 samples" in view.headers[5].text()
    assert [view.lists[d].count() for d in range(10)] == [1, 0, 0, 3, 0, 0, 0, 1, 0, 0]
    assert not view.lists[3].item(0).icon().isNull()


def test_adding_through_the_view_shows_the_sample_and_emits_changed(view, qtbot):
    with qtbot.waitSignal(view.changed):
        sample = add_drawing(view, 5)

    assert view.lists[5].count() == 1 and view.lists[5].item(0).data(Qt.ItemDataRole.UserRole) == sample.id
    assert "1 sample" in view.headers[5].text()


def test_deleting_the_selected_thumbnail_removes_the_sample(view, store, qtbot):
    row = view.lists[3]
    doomed = row.item(1).data(Qt.ItemDataRole.UserRole)
    assert not view.delete_button.isEnabled()
    qtbot.mouseClick(row.viewport(), Qt.MouseButton.LeftButton, pos=row.visualItemRect(row.item(1)).center())
    assert view.selected_ids() == [doomed] and view.delete_button.isEnabled()

    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)

    assert row.count() == 2 and "2 samples" in view.headers[3].text()
    assert store.get(doomed) is None
    assert doomed not in [s.id for s in SampleStore(store.folder).samples()]


def test_the_delete_key_deletes_the_selection(view, store, qtbot):
    row = view.lists[0]
    row.setFocus()
    row.item(0).setSelected(True)

    qtbot.keyClick(row, Qt.Key.Key_Delete)

    assert row.count() == 0 and store.counts()[0] == 0


def test_export_then_import_into_another_view_round_trips(view, store, qtbot, tmp_path):
    view.export_to(tmp_path / "export")
    other = SamplesView(SampleStore(tmp_path / "elsewhere"))
    qtbot.addWidget(other)

    with qtbot.waitSignal(other.changed):
        added = other.import_from(tmp_path / "export")

    assert len(added) == 5 and "Imported 5 new samples" in other.status.text()
    assert [other.lists[d].count() for d in range(10)] == [1, 0, 0, 3, 0, 0, 0, 1, 0, 0]
    assert {(s.id, s.label) for s in other.store.samples()} == {(s.id, s.label) for s in store.samples()}


def test_importing_a_folder_that_is_not_an_export_says_so(view, tmp_path):
    assert view.import_from(tmp_path) == []
    assert "samples.csv" in view.status.text()


def test_damaged_files_are_mentioned(tmp_path, qtbot, store):
    (store.folder / "sample-broken.json").write_text("{")
    with pytest.warns(UserWarning):
        reopened = SampleStore(store.folder)

    widget = SamplesView(reopened)
    qtbot.addWidget(widget)

    assert "1 damaged sample file skipped" in widget.status.text()
    assert "5 samples" in widget.summary.text()


def test_double_clicking_a_thumbnail_offers_its_sample(view, store, qtbot):
    row = view.lists[7]
    centre = row.visualItemRect(row.item(0)).center()
    with qtbot.waitSignal(view.sample_activated) as activated:
        # A real double-click starts with a press; item views ignore a double-click without one.
        qtbot.mouseClick(row.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(row.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    assert activated.args[0] is store.samples(7)[0]


def test_samples_live_in_the_app_data_folder(tmp_path):
    assert samples_dir() == Path(tmp_path / "data" / "DigitPad" / "DigitPad" / "samples")
