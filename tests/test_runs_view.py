"""The Runs view: every saved run listed from its card, curves overlaid, renamed and deleted as a unit."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

from digitpad.core.runs.run_files import RunTrash
from digitpad.qt.runs.runs_view import PLOT_MIN_HEIGHT, READ_HERE_AT_MOST, RunsView
from tests.conftest import ROOT
from tests.saved_runs import names_in, save_run_copy

T0 = 1_700_000_000  # runs are listed newest first: these times fix the order


@pytest.fixture
def models(tmp_path):
    folder = tmp_path / "models"
    save_run_copy(folder, "mlp-seed", mtime=T0, twin=True)
    save_run_copy(folder, "mlp-fast", learning_rate=0.01, mtime=T0 + 60)
    # The panel's CNN recipe before 2026-12-07, as a student's folder keeps it.
    save_run_copy(folder, "cnn-default", source="cnn", mtime=T0 + 120, epochs=6, learning_rate=0.003, seed=42,
                  seconds=125.4)
    return folder


@pytest.fixture
def view(qtbot, models, tmp_path):
    widget = RunsView(models, RunTrash(tmp_path / "trash"))
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    return widget


def titles(view) -> list[str]:
    model = view.table.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def cells(view, row: int) -> dict[str, str]:
    model = view.table.model()
    return {title: model.index(row, c).data() for c, title in enumerate(titles(view))}


def row_of(view, name: str) -> dict[str, str]:
    for row in range(view.table.model().rowCount()):
        if cells(view, row)["Name"] == name:
            return cells(view, row)
    raise AssertionError(f"{name} is not listed")


def listed(view) -> list[str]:
    return [cells(view, row)["Name"] for row in range(view.table.model().rowCount())]


def rename_in_place(qtbot, view, name: str, new_name: str) -> None:
    """Double-click the name, type the new one, press Enter: as a person renames a run."""
    table = view.table
    table.edit(table.model().index(listed(view).index(name), 0))
    editor = table.findChild(QLineEdit, options=Qt.FindChildOption.FindChildrenRecursively)
    editor = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    editor.setText(new_name)
    table.commitData(editor)
    table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def test_lists_every_run_with_a_column_for_each_setting_that_differs_then_size_time_and_accuracy(view):
    assert listed(view) == ["cnn-default", "mlp-fast", "mlp-seed"]
    assert titles(view) == ["Name", "Date", "Network", "Layers", "Activation", "LR", "Schedule", "Batch", "Epochs",
                            "Smoothing", "Augment", "Parameters", "Mult-adds", "Time", "GFLOP/s", "Training", "Test"]
    fast = row_of(view, "mlp-fast")
    assert (fast["Network"], fast["Layers"], fast["LR"], fast["Batch"], fast["Epochs"], fast["Augment"]) == (
        "Workshop MLP", "flatten · dense 128", "0.01", "128", "8", "no")
    assert (fast["Parameters"], fast["Mult-adds"]) == ("102k", "102k")
    assert fast["Date"].count("-") == 2 and ":" in fast["Date"]
    assert fast["Time"].endswith(" s")
    card = json.loads((ROOT / "assets" / "mlp.json").read_text())  # the card the runs were copied from
    assert fast["Training"] == f"{card['history']['accuracy'][-1]:.2%}"
    assert fast["Test"] == f"{card['test_accuracy']:.2%}"
    assert row_of(view, "cnn-default")["Time"] == "2 min 05 s"


def test_every_column_sorts_both_ways_and_missing_values_go_last(view):
    view.table.sortByColumn(titles(view).index("LR"), Qt.SortOrder.AscendingOrder)
    assert listed(view) == ["mlp-seed", "cnn-default", "mlp-fast"]  # 0.001, 0.003, 0.01

    view.table.sortByColumn(titles(view).index("LR"), Qt.SortOrder.DescendingOrder)
    assert listed(view) == ["mlp-fast", "cnn-default", "mlp-seed"]

    view.table.sortByColumn(titles(view).index("Name"), Qt.SortOrder.AscendingOrder)
    assert listed(view) == ["cnn-default", "mlp-fast", "mlp-seed"]


def test_the_filter_keeps_the_runs_whose_name_or_settings_hold_every_word(view):
    view.filter.setText("mlp 0.01")
    assert listed(view) == ["mlp-fast"]

    view.filter.setText("")
    assert listed(view) == ["cnn-default", "mlp-fast", "mlp-seed"]


def test_two_runs_side_by_side_digit_by_digit_or_a_sentence_when_a_card_lacks_it(view, models):
    card = models / "mlp-seed.json"
    data = json.loads(card.read_text())
    card.write_text(json.dumps(dict(data, per_digit_accuracy=[0.99, 0.98] + [0.97] * 8)))
    other = models / "mlp-fast.json"
    other.write_text(json.dumps(dict(data, per_digit_accuracy=[0.98, 0.99] + [0.96] * 8)))
    view.refresh()

    view.select_runs(["mlp-seed", "mlp-fast"])
    assert view.digits.isVisible() and "<b>99.00%</b>" in view.digits.text()

    view.select_runs(["mlp-seed", "cnn-default"])
    assert "not recorded for cnn-default" in view.digits.text()

    view.select_runs(["mlp-seed"])
    assert not view.digits.isVisible()


def test_selecting_several_runs_overlays_their_curves_each_in_its_own_colour(view):
    view.select_runs(["mlp-seed", "mlp-fast"])

    assert view.plot.legend_texts() == ["mlp-fast · lr 0.01", "mlp-seed · lr 0.001"]
    colours = view.plot.curve_colours()
    assert len(colours) == 2 and colours[0] != colours[1]

    view.select_runs(["mlp-seed", "cnn-default"])
    assert view.plot.legend_texts() == [
        "cnn-default · cnn, 6 epochs, batch 512, lr 0.003, augmented",
        "mlp-seed · mlp, 8 epochs, batch 128, lr 0.001, no augmentation",
    ]


def test_the_overlay_legend_never_covers_the_curves(view, qtbot):
    view.select_runs(listed(view))
    qtbot.wait(50)

    legend, plot = view.plot.legend, view.plot.plot_widget
    assert legend.isVisible() and legend.geometry().bottom() < plot.geometry().top()
    assert all(label in legend.text() for label in view.plot.legend_texts())


def view_of_many_runs(qtbot, tmp_path, count: int, size: tuple[int, int] | None = None) -> RunsView:
    """A shown view over `count` runs of the MLP, one seed each, listed newest first."""
    folder = tmp_path / "many"
    for seed in range(count):
        save_run_copy(folder, f"mlp-{seed:02d}", mtime=T0 + seed, seed=seed)
    view = RunsView(folder, RunTrash(tmp_path / "trash"))
    qtbot.addWidget(view)
    if size:
        view.resize(*size)
    view.show()
    qtbot.waitUntil(lambda: len(listed(view)) == count, timeout=10000)
    return view


def test_selecting_more_runs_than_colours_overlays_the_first_ten_and_says_so(qtbot, tmp_path):
    view = view_of_many_runs(qtbot, tmp_path, 12)

    view.table.selectAll()  # Ctrl+A: a semester's thousand runs took 4.5 s to overlay

    assert len(view.selected_runs()) == 12 and view.actions.delete_button.isEnabled()
    assert [label.split(" · ")[0] for label in view.plot.legend_texts()] == listed(view)[:10]
    assert len(set(view.plot.curve_colours())) == 10  # one colour each
    assert "the first 10 of the 12 runs selected" in view.plot.legend.text()
    view.select_runs([listed(view)[0]])
    assert len(view.plot.curve_colours()) == 1 and "of the" not in view.plot.legend.text()
    assert sum(item.isVisible() for item in view.plot.plot_item.listDataItems()) == 2  # its two curves alone


def test_the_runs_selected_under_a_filter_are_the_ones_it_shows(view, qtbot):
    view.filter.setText("0.01")  # the learning rate only mlp-fast has
    qtbot.waitUntil(lambda: listed(view) == ["mlp-fast"])

    view.table.selectAll()

    assert [run.name for run in view.selected_runs()] == ["mlp-fast"]
    view.filter.setText("mlp")
    view.table.selectAll()
    assert [run.name for run in view.selected_runs()] == ["mlp-fast", "mlp-seed"]  # newest first


def test_selecting_every_run_does_not_ask_the_model_about_every_cell(qtbot, tmp_path, monkeypatch):
    """The header once asked whether each column was wholly selected: every cell's flags at each change."""
    from digitpad.qt.runs.runs_model import RunsModel

    asked = []
    flags = RunsModel.flags
    monkeypatch.setattr(RunsModel, "flags", lambda model, index: asked.append(index) or flags(model, index))
    view = view_of_many_runs(qtbot, tmp_path, 60, size=(500, 300))
    cells = 60 * view.table.model().columnCount()
    qtbot.wait(50)
    asked.clear()

    view.table.selectAll()
    qtbot.wait(50)  # painted

    assert 0 < len(asked) < cells / 2  # the cells painted, not the whole table


@pytest.mark.parametrize("height", [420, 600])
def test_the_overlaid_curves_get_most_of_the_height_and_the_table_scrolls(view, qtbot, height):
    view.resize(360, height)  # about the dock's size in the default window, and taller
    view.select_runs(listed(view))
    qtbot.wait(50)

    assert view.plot.height() >= PLOT_MIN_HEIGHT  # the legend and the curves under it
    assert view.plot.height() > view.table.height()


def test_renaming_a_run_in_place_renames_all_its_files(qtbot, view, models):
    rename_in_place(qtbot, view, "mlp-seed", "seed recipe")

    assert "seed recipe" in listed(view) and "mlp-seed" not in listed(view)
    assert [n for n in names_in(models) if n.startswith("seed recipe")] == [
        "seed recipe.json", "seed recipe.keras", "seed recipe.png", "seed recipe.tflite"]
    assert not any(name.startswith("mlp-seed") for name in names_in(models))


def test_a_rename_onto_another_run_is_refused_with_a_message_and_the_table_unchanged(qtbot, view, models):
    before = names_in(models)

    with qtbot.waitSignal(view.status_message) as message:
        rename_in_place(qtbot, view, "mlp-seed", "mlp-fast")

    assert "already exists" in message.args[0]
    assert names_in(models) == before and listed(view) == ["cnn-default", "mlp-fast", "mlp-seed"]


def test_deleting_takes_every_file_of_the_selected_runs_and_undo_brings_them_back(qtbot, view, models):
    before = names_in(models)
    view.select_runs(["mlp-seed", "mlp-fast"])

    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)

    assert listed(view) == ["cnn-default"]
    assert names_in(models) == ["cnn-default.json", "cnn-default.keras", "cnn-default.png"]
    assert view.undo_button.isEnabled()
    assert view.plot.legend_texts() == [] and not view.digits.isVisible()  # the deleted runs' curves are gone

    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)

    assert names_in(models) == before
    assert listed(view) == ["cnn-default", "mlp-fast", "mlp-seed"]
    assert [run.name for run in view.selected_runs()] == ["mlp-fast", "mlp-seed"]
    assert [label.split(" · ")[0] for label in view.plot.legend_texts()] == ["mlp-fast", "mlp-seed"]
    assert not view.undo_button.isEnabled()


def test_undoing_a_large_deletion_says_how_many_runs_came_back_not_every_name(qtbot, tmp_path):
    view = view_of_many_runs(qtbot, tmp_path, 5)
    view.table.selectAll()
    with qtbot.waitSignal(view.status_message) as deleted:
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert deleted.args[0].startswith("Deleted 5 runs;")

    with qtbot.waitSignal(view.status_message) as restored:
        qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)

    assert restored.args[0] == "Restored 5 runs." and len(listed(view)) == 5


def test_the_model_in_use_cannot_be_deleted(qtbot, view, models):
    view.set_active_model(models / "mlp-fast.keras")
    view.select_runs(["mlp-fast"])

    with qtbot.waitSignal(view.status_message) as message:
        view.delete_selected()

    assert "model in use" in message.args[0]
    assert "mlp-fast.keras" in names_in(models)


def test_renaming_the_model_in_use_says_where_it_went(qtbot, view, models):
    view.set_active_model(models / "mlp-fast.keras")

    with qtbot.waitSignal(view.active_model_renamed) as renamed:
        rename_in_place(qtbot, view, "mlp-fast", "fast")

    assert renamed.args == [str(models / "fast.keras")]


def test_an_empty_folder_says_how_runs_get_there(qtbot, tmp_path):
    widget = RunsView(tmp_path / "none yet", RunTrash(tmp_path / "trash"))
    qtbot.addWidget(widget)

    widget.show()

    assert widget.table.model().rowCount() == 0 and "train_model.py --out" in widget.summary.text()
    assert not widget.delete_button.isEnabled() and not widget.rename_button.isEnabled()


def test_a_folder_of_many_runs_is_read_in_the_background_and_then_listed(qtbot, tmp_path):
    folder = tmp_path / "models"
    for index in range(READ_HERE_AT_MOST + 1):
        save_run_copy(folder, f"run-{index:03d}", mtime=T0 + index)
    widget = RunsView(folder, RunTrash(tmp_path / "trash"))
    qtbot.addWidget(widget)
    assert widget.summary.text() == ""  # nothing is read before the view is shown

    widget.show()
    assert "Reading" in widget.summary.text()
    qtbot.waitUntil(lambda: len(listed(widget)) == READ_HERE_AT_MOST + 1, timeout=10000)
    assert listed(widget)[0] == f"run-{READ_HERE_AT_MOST:03d}"  # newest first


def test_a_run_another_window_saves_appears_by_itself(qtbot, view, models):
    save_run_copy(models, "from-the-other-window", mtime=T0 + 600)

    qtbot.waitUntil(lambda: "from-the-other-window" in listed(view), timeout=5000)
