"""The samples view: a grid of thumbnails, a digit chooser with counts, a date filter, delete, export and import."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.samples.sample_trash import SampleTrash
from digitpad.core.samples.store import SampleStore
from digitpad.qt.app.app_paths import samples_dir
from digitpad.qt.samples.sample_list_model import ID_ROLE
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
def view(qtbot, store, tmp_path):
    widget = SamplesView(store, SampleTrash(tmp_path / "trash"))
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    return widget


def shown_counts(view) -> list[int]:
    """How many thumbnails the grid shows for each digit, choosing each digit in turn."""
    counts = []
    for digit in range(10):
        view.show_digit(digit)
        counts.append(view.model.rowCount())
    view.show_digit(None)
    return counts


def count_shown_for(view, digit) -> str:
    """The digit chooser's entry for a digit (None: all digits)."""
    return view.digit_choice.itemText(0 if digit is None else digit + 1)


def click(qtbot, view, index, button=Qt.MouseButton.LeftButton):
    qtbot.mouseClick(view.list.viewport(), button, pos=view.list.visualRect(index).center())


def test_each_digit_shows_its_count_and_thumbnails(view):
    assert "5 samples" in view.summary.text() and "5 samples" in count_shown_for(view, None)
    assert "3 samples" in count_shown_for(view, 3)
    assert "1 sample" in count_shown_for(view, 7) and "0 samples" in count_shown_for(view, 5)
    assert shown_counts(view) == [1, 0, 0, 3, 0, 0, 0, 1, 0, 0] and view.model.rowCount() == 5
    assert not view.model.index(0).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert [view.model.sample_at(row).label for row in range(5)] == [0, 3, 3, 3, 7]  # grouped by digit


def test_adding_through_the_view_shows_the_sample_and_emits_changed(view, qtbot):
    with qtbot.waitSignal(view.changed):
        sample = add_drawing(view, 5)

    view.show_digit(5)
    assert view.model.rowCount() == 1 and view.model.index(0).data(ID_ROLE) == sample.id
    assert "1 sample" in count_shown_for(view, 5)


def test_deleting_the_selected_thumbnail_removes_the_sample(view, store, qtbot):
    view.show_digit(3)
    doomed = view.model.index(1).data(ID_ROLE)
    assert not view.delete_button.isEnabled()
    click(qtbot, view, view.model.index(1))
    assert view.selected_ids() == [doomed] and view.delete_button.isEnabled()

    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)

    assert view.model.rowCount() == 2 and "2 samples" in count_shown_for(view, 3)
    assert store.get(doomed) is None
    assert doomed not in [s.id for s in SampleStore(store.folder).samples()]


def test_undo_delete_brings_the_deleted_samples_back_files_and_all(view, store, qtbot):
    before = sorted(path.name for path in store.folder.iterdir())
    view.list.selectAll()
    assert not view.undo_button.isEnabled()

    assert view.delete_selected() == 5

    assert len(store) == 0 and not any(store.folder.iterdir())
    assert "Deleted 5 samples; Undo delete brings them back" in view.status.text() and view.undo_button.isEnabled()
    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert sorted(path.name for path in store.folder.iterdir()) == before
    assert shown_counts(view) == [1, 0, 0, 3, 0, 0, 0, 1, 0, 0] and view.status.text() == "Restored 5 samples."
    assert len(SampleStore(store.folder)) == 5 and not view.undo_button.isEnabled()


def test_a_sample_whose_file_cannot_be_moved_is_not_deleted(view, store, qtbot, monkeypatch):
    import digitpad.core.file_trash as file_trash

    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(file_trash.os, "replace", refuse)
    view.list.selectAll()

    assert view.delete_selected() == 0

    assert len(store) == 5 and "Permission denied" in view.status.text() and "nothing was changed" in view.status.text()


def test_the_delete_key_deletes_the_selection(view, store, qtbot):
    view.list.setFocus()
    view.list.selectionModel().select(view.index_of(store.samples(0)[0].id), QItemSelectionModel.SelectionFlag.Select)

    qtbot.keyClick(view.list, Qt.Key.Key_Delete)

    assert shown_counts(view)[0] == 0 and store.counts()[0] == 0


def test_several_thumbnails_can_be_selected_and_deleted_at_once(view, store, qtbot):
    threes = [view.index_of(sample.id) for sample in store.samples(3)]
    click(qtbot, view, threes[0])
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     view.list.visualRect(threes[2]).center())

    assert view.delete_selected() == 2

    assert store.counts()[3] == 1 and view.model.rowCount() == 3


def test_the_filter_shows_a_digit_or_the_samples_drawn_on_a_date(view, store):
    today = view.model.index(0).data(Qt.ItemDataRole.ToolTipRole).split("drawn ")[1][:10]

    view.filter.setText("3")
    assert {view.model.sample_at(row).label for row in range(view.model.rowCount())} == {3}
    view.filter.setText(today)
    assert view.model.rowCount() == 5
    view.filter.setText("1999-01")
    assert view.model.rowCount() == 0
    view.filter.clear()
    assert view.model.rowCount() == 5


def test_export_then_import_into_another_view_round_trips_off_the_gui_thread(view, store, qtbot, tmp_path):
    with qtbot.waitSignal(view.exchanged):
        view.export_to(tmp_path / "export")
        assert "Exporting 5 samples" in view.status.text() and not view.export_button.isEnabled()
    assert view.export_button.isEnabled() and "Exported 5 samples" in view.status.text()
    other = SamplesView(SampleStore(tmp_path / "elsewhere"), SampleTrash(tmp_path / "other trash"))
    qtbot.addWidget(other)

    with qtbot.waitSignal(other.changed):
        other.import_from(tmp_path / "export")
        assert len(other.store) == 0 and not other.import_button.isEnabled()  # the window goes on meanwhile

    assert "Imported 5 new samples" in other.status.text() and other.import_button.isEnabled()
    other.show()
    assert shown_counts(other) == [1, 0, 0, 3, 0, 0, 0, 1, 0, 0]
    assert {(s.id, s.label) for s in other.store.samples()} == {(s.id, s.label) for s in store.samples()}
    with qtbot.waitSignal(other.exchanged):
        other.import_from(tmp_path / "export")
    assert "Imported 0 new samples" in other.status.text() and len(other.store) == 5  # twice adds nothing


def test_importing_a_folder_that_is_not_an_export_says_so(view, qtbot, tmp_path):
    with qtbot.waitSignal(view.exchanged):
        view.import_from(tmp_path)
    assert "samples.csv" in view.status.text() and len(view.store) == 5


def test_exporting_to_a_folder_that_cannot_be_written_says_so(view, qtbot, tmp_path):
    (tmp_path / "a file").write_text("not a folder")
    with qtbot.waitSignal(view.exchanged):
        view.export_to(tmp_path / "a file")
    assert view.status.text().startswith("Could not export to") and view.export_button.isEnabled()


def test_damaged_files_are_mentioned(tmp_path, qtbot, store):
    (store.folder / "sample-broken.json").write_text("{")
    with pytest.warns(UserWarning):
        reopened = SampleStore(store.folder)

    widget = SamplesView(reopened, SampleTrash(tmp_path / "trash"))
    qtbot.addWidget(widget)

    assert "1 damaged sample file skipped" in widget.status.text()
    assert "5 samples" in widget.summary.text()


def test_double_clicking_a_thumbnail_offers_its_sample(view, store, qtbot):
    seven = store.samples(7)[0]
    centre = view.list.visualRect(view.index_of(seven.id)).center()
    with qtbot.waitSignal(view.sample_activated) as activated:
        # A real double-click starts with a press; item views ignore a double-click without one.
        qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    assert activated.args[0] is seven


def test_samples_live_in_the_app_data_folder(tmp_path):
    assert samples_dir() == Path(tmp_path / "data" / "DigitPad" / "DigitPad" / "samples")
