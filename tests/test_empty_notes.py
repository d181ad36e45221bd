"""An empty Runs table or samples grid says why, and what to do, instead of standing blank."""

import pytest
from PySide6.QtCore import Qt

from digitpad.core.runs.run_files import RunTrash
from digitpad.core.samples.sample_trash import SampleTrash
from digitpad.core.samples.store import SampleStore
from digitpad.qt.runs.runs_view import RunsView
from digitpad.qt.samples.samples_view import SamplesView
from tests.saved_runs import save_run_copy
from tests.test_samples_view import add_drawing


def note(view) -> str:
    """What the empty note says, or "" while it is hidden."""
    return view.empty_note.text() if view.empty_note.isVisible() else ""


@pytest.fixture
def runs(qtbot, tmp_path):
    for number, name in enumerate(["mlp-seed", "mlp-fast", "cnn-default"]):
        save_run_copy(tmp_path / "models", name, mtime=1_700_000_000 + 60 * number)
    view = RunsView(tmp_path / "models", RunTrash(tmp_path / "trash"))
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    return view


def samples_view(qtbot, tmp_path, digits: list[int]) -> SamplesView:
    store = SampleStore(tmp_path / "samples")
    for seed, digit in enumerate(digits):
        add_drawing(store, digit, seed)
    view = SamplesView(store, SampleTrash(tmp_path / "trash"))
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    return view


def test_a_runs_filter_that_matches_nothing_says_so_and_how_many_runs_clearing_it_brings_back(runs):
    assert note(runs) == ""

    runs.filter.setText("lenet")
    assert note(runs) == "No run matches “lenet”. Clear the filter to see all 3."
    runs.filter.setText("lenet5")  # nothing matched already: the note follows the words all the same
    assert "“lenet5”" in note(runs)

    runs.filter.setText("cnn")
    assert note(runs) == ""


def test_the_note_sits_over_the_table_and_lets_its_clicks_through(runs):
    runs.filter.setText("lenet")
    viewport = runs.table.viewport()
    assert runs.empty_note.parent() is viewport
    assert viewport.rect().contains(runs.empty_note.geometry())
    assert runs.empty_note.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_a_samples_filter_that_matches_nothing_counts_what_clearing_it_shows(qtbot, tmp_path):
    view = samples_view(qtbot, tmp_path, [3, 3, 7])
    assert note(view) == ""

    view.filter.setText("1999-01")
    assert note(view) == "No sample matches “1999-01”. Clear the filter to see all 3."
    view.show_digit(3)
    assert note(view) == "No 3 matches “1999-01”. Clear the filter to see all 2."
    view.filter.clear()
    assert note(view) == ""


def test_a_digit_with_no_samples_yet_says_how_to_file_one(qtbot, tmp_path):
    view = samples_view(qtbot, tmp_path, [3])
    view.show_digit(5)
    assert note(view) == "No 5s yet: draw a 5 and press 5 to file it here."

    add_drawing(view, 5)
    assert note(view) == "" and view.model.rowCount() == 1


def test_an_empty_store_leaves_the_hint_to_the_docks_line_below(qtbot, tmp_path):
    assert note(samples_view(qtbot, tmp_path, [])) == ""
