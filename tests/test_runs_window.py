"""Issue 12 in the window: the Runs dock, Compare with..., and what a finished run changed."""

import json
import shutil
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar

from digitpad.qt.app.app_paths import app_data_dir, models_dir
from tests.drawing import MODEL_TIMEOUT_MS, draw_stroke, open_window, seven
from tests.saved_runs import save_run_copy


def draw_seven(qtbot, window) -> None:
    for stroke in seven(window.canvas.width()):
        draw_stroke(qtbot, window.canvas, stroke)


def menu_action(menu, text: str):
    menu.aboutToShow.emit()  # the menu rebuilds its list when it opens
    return next(action for action in menu.actions() if action.text().replace("&", "") == text)


def test_the_runs_dock_opens_from_the_model_menu_tabbed_with_the_training_panel(qtbot, mlp_path):
    save_run_copy(models_dir(), "mlp-2026-11-24-1032")
    window = open_window(qtbot, mlp_path)

    menu_action(window.model_menu, "All runs...").trigger()

    dock = window.findChild(type(window.runs_dock), "runsDock")
    assert dock is window.runs_dock and dock.isVisible()
    assert dock in window.tabifiedDockWidgets(window.training_dock)
    assert [run.name for run in dock.view.runs()] == ["mlp-2026-11-24-1032"]


def test_a_run_deleted_in_the_runs_dock_is_gone_for_good_once_the_window_closes(qtbot, mlp_path):
    run = save_run_copy(models_dir(), "doomed")
    window = open_window(qtbot, mlp_path)
    window.runs_dock.open()
    window.runs_dock.view.select_runs(["doomed"])
    window.runs_dock.view.delete_selected()
    trash = app_data_dir() / "trash"
    assert not run.exists() and any(trash.rglob("doomed.keras"))

    window.close()

    assert not run.exists() and not any(trash.rglob("*.keras"))


def test_compare_with_shows_a_second_set_of_bars_beside_the_first_live(qtbot, mlp_path, cnn_path):
    window = open_window(qtbot, mlp_path)
    comparison = window.comparison
    assert not comparison.column.isVisible()
    width = window.prediction_view.width()
    window.compare_menu.aboutToShow.emit()
    assert not menu_action(window.compare_menu, "mlp (in use)").isEnabled()  # not compared with itself

    with qtbot.waitSignal(comparison.loaded, timeout=MODEL_TIMEOUT_MS):
        menu_action(window.compare_menu, "cnn").trigger()
    draw_seven(qtbot, window)
    qtbot.waitUntil(lambda: comparison.column.bars.probabilities() is not None)

    first = window.prediction_view.findChild(type(comparison.column.bars), "probabilityBars").probabilities()
    second = comparison.column.bars.probabilities()
    assert comparison.column.isVisible() and window.prediction_view.width() > width
    assert int(np.argmax(first)) == int(np.argmax(second)) == 7
    assert not np.allclose(first, second)  # two models, two readings
    assert comparison.primary_caption.text().startswith("mlp: 7 (")
    assert comparison.column.caption.text().startswith("cnn: 7 (")
    bars = comparison.column.bars.mapTo(window.prediction_view, comparison.column.bars.rect().topLeft())
    assert bars.x() > window.prediction_view.findChild(type(comparison.column.bars), "probabilityBars").x()

    window.canvas.clear()
    qtbot.waitUntil(lambda: comparison.column.bars.probabilities() is None)

    menu_action(window.compare_menu, "Stop comparing").trigger()
    assert not comparison.column.isVisible() and window.prediction_view.width() == width


def test_a_model_that_cannot_be_compared_is_reported_and_comparing_stops(qtbot, mlp_path, tmp_path):
    window = open_window(qtbot, mlp_path)
    broken = tmp_path / "broken.keras"
    broken.write_bytes(b"not a model")

    with qtbot.waitSignal(window.comparison.failed, timeout=MODEL_TIMEOUT_MS) as failed:
        window.comparison.compare_with(broken)

    assert "broken.keras" in failed.args[0] and failed.args[0] in window.statusBar().currentMessage()
    assert not window.comparison.is_comparing() and not window.comparison.column.isVisible()


def test_after_a_run_the_status_bar_says_what_changed_and_switch_back_restores_the_old_model(qtbot, cnn_path):
    window = open_window(qtbot, cnn_path)
    window.runs_dock.open()
    finished_run = save_run_copy(models_dir(), "mlp-2026-11-24-1032")  # saved as the panel saves a run
    new_accuracy = json.loads(finished_run.with_suffix(".json").read_text())["test_accuracy"]
    old_accuracy = json.loads(cnn_path.with_suffix(".json").read_text())["test_accuracy"]

    with qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS):
        window.training_panel.trained.emit(str(finished_run))  # what the panel emits when a run is saved

    assert window.statusBar().currentMessage() == (
        f"Now using mlp-2026-11-24-1032: {new_accuracy:.1%} on MNIST test; "
        f"the previous model (cnn) had {old_accuracy:.1%}."
    )
    assert [run.name for run in window.runs_dock.view.runs()] == ["mlp-2026-11-24-1032"]
    button = window.model_switch.button
    assert button.isVisible() and button.text() == "Switch back to cnn"

    with qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS) as changed:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert Path(changed.args[0]).resolve() == cnn_path.resolve()
    assert not button.isVisible()


def test_a_long_run_name_is_shortened_in_the_status_bar_and_shown_whole_on_hover(qtbot, cnn_path):
    """The permanent widgets take their width first: a long name once cut the message off mid-word."""
    from digitpad.qt.reading.model_switch import BUTTON_TEXT_WIDEST
    from digitpad.qt.window.status_line import MODEL_NAME_WIDEST

    window = open_window(qtbot, cnn_path)
    window.resize(1000, 700)
    name = "workshop-mlp-with-a-higher-learning-rate-and-batches-of-64-2026-12-07-0615"
    finished_run = save_run_copy(models_dir(), name)

    with qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS):
        window.training_panel.trained.emit(str(finished_run))

    label, button, bar = window.model_label, window.model_switch.button, window.statusBar()
    assert label.toolTip() == f"Model: {name}" and label.text().endswith("0615") and "…" in label.text()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= MODEL_NAME_WIDEST
    assert button.fontMetrics().horizontalAdvance(button.text()) <= BUTTON_TEXT_WIDEST
    assert bar.currentMessage().startswith(f"Now using {name}:") and bar.toolTip() == bar.currentMessage()
    painted = QStatusBar.currentMessage(bar)  # what the bar draws
    assert painted.endswith("…") and bar.fontMetrics().horizontalAdvance(painted) <= bar.message_room()

    with qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert label.text() == "Model: cnn" and label.toolTip() == ""


def test_choosing_a_model_from_the_menu_is_not_announced_as_a_run(qtbot, cnn_path, mlp_path):
    window = open_window(qtbot, cnn_path)
    models_dir().mkdir(parents=True, exist_ok=True)
    other = Path(shutil.copy(mlp_path, models_dir() / "picked.keras"))

    with qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS):
        window.load_model(other)

    assert not window.model_switch.button.isVisible()
    assert not window.statusBar().currentMessage().startswith("Now using")


def test_with_many_runs_the_model_menus_list_the_ten_most_recent_and_all_of_them_are_in_the_runs_dock(qtbot, mlp_path):
    for index in range(25):
        save_run_copy(models_dir(), f"run-{index:02d}", mtime=1_700_000_000 + index)
    window = open_window(qtbot, mlp_path)

    window.model_menu.aboutToShow.emit()
    trained = [a.text() for a in window.model_menu.actions() if a.text().endswith("(trained)")]
    assert trained == [f"run-{index:02d} (trained)" for index in range(24, 14, -1)]
    window.compare_menu.aboutToShow.emit()
    assert [a.text() for a in window.compare_menu.actions() if a.text().startswith("run-")][-1] == "run-15"

    menu_action(window.model_menu, "All runs...").trigger()
    assert len(window.runs_dock.view.runs()) == 25
