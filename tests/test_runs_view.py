"""The Runs view: every saved run listed from its card, curves overlaid, renamed and deleted as a unit."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

from digitpad.core.runs.run_files import RunTrash
from digitpad.qt.runs.runs_view import COLUMNS, PLOT_MIN_HEIGHT, RunsView
from tests.saved_runs import names_in, save_run_copy

T0 = 1_700_000_000  # runs are listed newest first: these times fix the order


@pytest.fixture
def models(tmp_path):
    folder = tmp_path / "models"
    save_run_copy(folder, "mlp-seed", mtime=T0, twin=True)
    save_run_copy(folder, "mlp-fast", learning_rate=0.01, mtime=T0 + 60)
    save_run_copy(folder, "cnn-default", source="cnn", mtime=T0 + 120, epochs=6)  # the panel's CNN recipe
    return folder


@pytest.fixture
def view(qtbot, models, tmp_path):
    widget = RunsView(models, RunTrash(tmp_path / "trash"))
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    return widget


def row_of(view, name: str) -> list[str]:
    table = view.table
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == name:
            return [table.item(row, column).text() for column in range(table.columnCount())]
    raise AssertionError(f"{name} is not listed")


def listed(view) -> list[str]:
    return [view.table.item(row, 0).text() for row in range(view.table.rowCount())]


def rename_in_place(qtbot, view, name: str, new_name: str) -> None:
    """Double-click the name, type the new one, press Enter: as a person renames a run."""
    table = view.table
    item = table.item(listed(view).index(name), 0)
    table.editItem(item)
    editor = table.findChild(QLineEdit)
    editor.setText(new_name)
    table.commitData(editor)
    table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def test_lists_every_run_with_kind_recipe_date_duration_and_final_accuracies(view):
    assert listed(view) == ["cnn-default", "mlp-fast", "mlp-seed"]
    assert [view.table.horizontalHeaderItem(c).text() for c in range(len(COLUMNS))] == [
        "Name", "Kind", "Recipe", "Date", "Duration", "Training", "Validation"]
    name, kind, recipe, date, duration, training, validation = row_of(view, "mlp-fast")
    assert (kind, recipe) == ("mlp", "8 epochs · batch 128 · lr 0.01 · no augmentation")
    assert date.count("-") == 2 and ":" in date
    assert duration.endswith(" s")
    assert training == "98.8%" and validation == "97.6%"  # the seed recipe's card
    assert row_of(view, "cnn-default")[4].endswith(" s") and "min" in row_of(view, "cnn-default")[4]


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

    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)

    assert names_in(models) == before
    assert listed(view) == ["cnn-default", "mlp-fast", "mlp-seed"]
    assert [run.name for run in view.selected_runs()] == ["mlp-fast", "mlp-seed"]
    assert not view.undo_button.isEnabled()


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

    assert widget.table.rowCount() == 0 and "train_model.py --out" in widget.summary.text()
    assert not widget.delete_button.isEnabled() and not widget.rename_button.isEnabled()
