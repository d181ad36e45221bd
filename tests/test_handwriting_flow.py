"""Teaching DigitPad a person's handwriting, end to end in the real window.

File drawings under their true digit (a digit key on the canvas, or a click on the digit's bar),
find them again after a restart, fine-tune the model in use on them from the training panel,
and see where a model fails on MNIST's test set.
"""

import json
import os
import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.samples.labelling import fit_strokes
from digitpad.core.samples.store import SampleStore
from digitpad.qt.app.app_paths import models_dir
from digitpad.qt.failures.confusion_view import INDEX_ROLE
from digitpad.qt.reading.probability_bars import ROW_HEIGHT, ProbabilityBars
from tests.drawing import MODEL_TIMEOUT_MS, draw_stroke, open_window, seven
from tests.odd_style import drawings

RUN_TIMEOUT_MS = 120_000
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, mlp_path):
    return open_window(qtbot, mlp_path)


@pytest.fixture
def samples_folder(tmp_path) -> Path:
    """Where the conftest's XDG_DATA_HOME puts this test's samples."""
    return tmp_path / "data" / "DigitPad" / "DigitPad" / "samples"


def draw_seven(qtbot, window) -> None:
    for stroke in seven(window.canvas.width()):
        draw_stroke(qtbot, window.canvas, stroke)


def stored(folder: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))]


def normalised(strokes) -> np.ndarray:
    """The points with the drawing's top left at 0 and its longest side 1: size and position do not count."""
    points = np.array([point for stroke in strokes for point in stroke], np.float64)
    xy = points[:, :2] - points[:, :2].min(axis=0)
    return np.column_stack([xy / xy.max(), points[:, 2:]])


def file_odd_drawings(window, count: int, seed: int = 4) -> None:
    """`count` seven-segment-style drawings (a style the model misreads), filed through the samples view."""
    strokes, labels = drawings(per_digit=-(-count // 10), seed=seed)
    for drawing, label in list(zip(strokes, labels))[:count]:
        window.samples_dock.view.add(drawing, strokes_to_mnist(drawing), int(label))


# ----- filing drawings


def test_a_digit_key_on_the_canvas_files_the_drawing_confirms_and_clears_it(qtbot, window, samples_folder):
    draw_seven(qtbot, window)
    strokes, image = window.canvas.strokes(), window.canvas.to_mnist()
    window.canvas.setFocus()

    with qtbot.waitSignal(window.prediction_changed, check_params_cb=lambda p: p is None):
        qtbot.keyClick(window.canvas, Qt.Key.Key_7)

    (sample,) = stored(samples_folder)
    assert sample["label"] == 7
    assert sample["strokes"] == [[list(point) for point in stroke] for stroke in strokes]
    pixels = SampleStore(samples_folder).samples()[0].pixels
    assert pixels.tolist() == np.round(image * 255).astype(np.uint8).tolist()
    assert window.statusBar().currentMessage() == "Filed as 7 — 1 sample of 7"
    assert window.canvas.is_empty()


def test_clicking_a_digits_bar_files_the_drawing_under_that_digit(qtbot, window, samples_folder):
    draw_seven(qtbot, window)
    bars = window.prediction_view.findChild(ProbabilityBars, "probabilityBars")

    qtbot.mouseClick(bars, LEFT, pos=QPoint(bars.width() // 2, 1 * ROW_HEIGHT + ROW_HEIGHT // 2))

    assert [sample["label"] for sample in stored(samples_folder)] == [1]
    assert window.statusBar().currentMessage() == "Filed as 1 — 1 sample of 1"
    window.show_samples()
    assert window.samples_dock.view.model.sample_at(0).label == 1 and window.canvas.is_empty()
    assert "(you have 1)" in window.training_panel.samples_hint.text()
    assert "press its key" not in window.samples_dock.view.status.text()  # the empty folder's hint is gone


def test_an_empty_canvas_files_nothing_and_asks_for_a_drawing(qtbot, window, samples_folder):
    qtbot.keyClick(window.canvas, Qt.Key.Key_3)

    assert stored(samples_folder) == []
    assert "draw a digit first" in window.statusBar().currentMessage()


def test_a_loaded_image_is_filed_without_strokes(qtbot, window, samples_folder, mnist):
    image = mnist.x_test[0, ..., 0].astype(np.float32) / 255

    window.canvas.load_image(image)
    qtbot.keyClick(window.canvas, Qt.Key.Key_7)

    (sample,) = SampleStore(samples_folder).samples()
    assert sample.label == 7 and sample.strokes == []
    assert np.abs(sample.image - image).max() <= 1 / 255


def test_samples_survive_a_restart_and_double_clicking_one_redraws_it(qtbot, window, mlp_path):
    draw_seven(qtbot, window)
    drawn = window.canvas.strokes()
    qtbot.keyClick(window.canvas, Qt.Key.Key_7)
    draw_stroke(qtbot, window.canvas, [(150, 60), (150, 230)])
    qtbot.keyClick(window.canvas, Qt.Key.Key_1)
    window.close()

    again = open_window(qtbot, mlp_path)
    again.show_samples()
    view = again.samples_dock.view

    # They load in the background once the model is ready.
    qtbot.waitUntil(lambda: "2 samples of your handwriting" in view.summary.text())
    assert again.samples_dock.isVisible()
    assert [view.model.sample_at(row).label for row in range(view.model.rowCount())] == [1, 7]
    grid = view.list
    centre = grid.visualRect(view.model.index(1)).center()
    with qtbot.waitSignal(again.prediction_changed, check_params_cb=lambda p: p is not None) as predicted:
        qtbot.mouseClick(grid.viewport(), LEFT, pos=centre)  # item views need the press before a double-click
        qtbot.mouseDClick(grid.viewport(), LEFT, pos=centre)
    # The same drawing, scaled down if this window's canvas is smaller than the first one's.
    assert normalised(again.canvas.strokes()) == pytest.approx(normalised(drawn))
    assert int(np.argmax(predicted.args[0])) == 7


def test_a_sample_drawn_on_a_bigger_canvas_is_shrunk_to_fit_a_smaller_one():
    inside = [[(10.0, 10.0, 1.0), (200.0, 250.0, 0.5)]]
    assert fit_strokes(inside, 300) == inside

    fitted = fit_strokes([[(100.0, 100.0, 1.0), (500.0, 700.0, 0.5)]], 300)

    xs, ys = [p[0] for p in fitted[0]], [p[1] for p in fitted[0]]
    assert 0 <= min(xs) and max(xs) <= 300 and 0 <= min(ys) and max(ys) <= 300
    assert (max(ys) - min(ys)) / (max(xs) - min(xs)) == pytest.approx(1.5)  # shape kept
    assert [p[2] for p in fitted[0]] == [1.0, 0.5]  # pressure kept


# ----- fine-tuning on them


def test_fine_tuning_is_offered_only_with_enough_samples(window):
    panel = window.training_panel
    file_odd_drawings(window, 9)

    assert not panel.fine_tune_button.isEnabled()
    assert panel.samples_hint.text().startswith("Label at least 10 drawings first (you have 9)")

    file_odd_drawings(window, 1, seed=5)

    assert panel.fine_tune_button.isEnabled()
    assert panel.form.include_samples_check.text() == "include my 10 samples"


@pytest.mark.slow
def test_fine_tuning_in_the_panel_teaches_the_model_in_use_my_handwriting(qtbot, window, mlp_path):
    file_odd_drawings(window, 30)  # three of each digit: one of each is held out

    with qtbot.waitSignal(window.model_changed, timeout=RUN_TIMEOUT_MS) as changed:
        qtbot.mouseClick(window.training_panel.fine_tune_button, LEFT)

    tuned = Path(changed.args[0])
    assert tuned.parent == models_dir() and tuned.name.startswith("mlp-tuned-") and tuned.suffix == ".keras"
    assert window.model_menu.active_action().data() == str(tuned.resolve())
    assert json.loads(tuned.with_suffix(".json").read_text())["recipe"]["fine_tuned_from"] == str(mlp_path)
    numbers = re.search(
        r"your 10 held-out drawings: (\d+)% → (\d+)%; MNIST test: ([\d.]+)% → ([\d.]+)%",
        window.training_panel.progress.status_label.text(),
    )
    assert numbers, window.training_panel.progress.status_label.text()
    mine_before, mine_after, mnist_before, mnist_after = map(float, numbers.groups())
    assert mine_after >= mine_before + 20
    assert mnist_before - mnist_after <= 0.5
    # After a run, where the new model fails is computed and offered in its tab.
    view = window.confusion_dock.view
    qtbot.waitUntil(lambda: view.summary.text().startswith(f"{tuned.stem}: "), timeout=MODEL_TIMEOUT_MS)


def test_stop_ends_a_fine_tuning_run_and_keeps_the_model_in_use(qtbot, window, mlp_path):
    file_odd_drawings(window, 20)
    panel = window.training_panel
    training = lambda phase: phase == "training"  # noqa: E731
    with qtbot.waitSignal(panel.phase_changed, check_params_cb=training, timeout=RUN_TIMEOUT_MS):
        qtbot.mouseClick(panel.fine_tune_button, LEFT)

    with qtbot.waitSignal(panel.running_changed, timeout=10_000):
        qtbot.mouseClick(panel.stop_button, LEFT)

    assert panel.progress.status_label.text().startswith("stopped")
    assert Path(window.model_path()) == mlp_path
    assert not list(models_dir().glob("*.keras"))
    assert panel.fine_tune_button.isEnabled()


@pytest.mark.slow
def test_a_full_run_can_include_my_samples(qtbot, window):
    file_odd_drawings(window, 20)
    panel = window.training_panel
    panel.form.epochs_spin.setValue(1)
    panel.form.include_samples_check.setChecked(True)

    with qtbot.waitSignal(panel.trained, timeout=RUN_TIMEOUT_MS) as trained:
        qtbot.mouseClick(panel.train_button, LEFT)

    card = json.loads(Path(trained.args[0]).with_suffix(".json").read_text())
    assert card["samples_included"] == 20 and card["test_accuracy"] > 0.9


# ----- where it fails


def table_counts(view) -> np.ndarray:
    text = [[view.table.item(r, c).text().replace(",", "") for c in range(10)] for r in range(10)]
    return np.array([[int(cell or 0) for cell in row] for row in text])


def test_where_it_fails_shows_the_active_models_mistakes_and_one_goes_to_the_canvas(qtbot, window, mnist):
    window.model_menu.aboutToShow.emit()
    assert window.model_menu.actions()[-1] is window.menus.where_it_fails_action
    view = window.confusion_dock.view

    window.menus.where_it_fails_action.trigger()

    assert window.confusion_dock.isVisible()
    qtbot.waitUntil(lambda: "right on" in view.summary.text(), timeout=MODEL_TIMEOUT_MS)
    counts = table_counts(view)
    shown = float(re.match(r"mlp: ([\d.]+)%", view.summary.text()).group(1))
    expected = json.loads((Path(window.model_path()).with_suffix(".json")).read_text())["test_accuracy"]
    assert counts.sum() == 10_000 and shown == pytest.approx(100 * expected, abs=0.1)
    unsure = re.match(r'Under 60% the app says "not sure": ([\d,]+) of the 10,000 test digits, read right '
                      r"(\d+)% of the time; the others ([\d.]+)%\.", view.not_sure.text())
    assert unsure and int(unsure[2]) < float(unsure[3])  # what "not sure" means, measured for this model
    mistakes = counts - np.diag(np.diag(counts))
    true, predicted = np.unravel_index(np.argmax(mistakes), (10, 10))
    cell = view.table.visualItemRect(view.table.item(true, predicted)).center()
    qtbot.mouseClick(view.table.viewport(), LEFT, pos=cell)
    assert view.gallery.count() == counts[true, predicted]
    item = view.gallery.item(0)
    with qtbot.waitSignal(window.prediction_changed, check_params_cb=lambda p: p is not None):
        qtbot.mouseClick(view.gallery.viewport(), LEFT, pos=view.gallery.visualItemRect(item).center())
    example = mnist.x_test[item.data(INDEX_ROLE), ..., 0].astype(np.float32) / 255
    assert mnist.y_test[item.data(INDEX_ROLE)] == true
    assert np.abs(window.canvas.to_mnist() - example).max() < 1e-6


def test_where_it_fails_says_in_one_sentence_when_mnist_is_missing(qtbot, window, tmp_path):
    window.training_panel.set_mnist_dir(tmp_path / "nowhere")

    qtbot.mouseClick(window.training_panel.where_button, LEFT)

    qtbot.waitUntil(lambda: "nowhere" in window.statusBar().currentMessage(), timeout=MODEL_TIMEOUT_MS)
    message = window.statusBar().currentMessage()
    assert message.endswith(".") and message.count(". ") == 0
    assert window.confusion_dock.view.summary.text() == message


def test_an_mnist_folder_typed_after_that_fills_the_open_dock_at_once(qtbot, window, tmp_path):
    window.training_panel.set_mnist_dir(tmp_path / "nowhere")
    qtbot.mouseClick(window.training_panel.where_button, LEFT)
    summary = window.confusion_dock.view.summary
    qtbot.waitUntil(lambda: "nowhere" in summary.text(), timeout=MODEL_TIMEOUT_MS)

    window.training_dock.raise_()  # the panel's tab in front, the dock's behind it, as a person goes to the folder
    folder = window.training_panel.findChild(QLineEdit, "mnistDirEdit")
    folder.selectAll()
    qtbot.keyClicks(folder, os.environ["DIGITPAD_MNIST_DIR"])
    qtbot.keyClick(folder, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: "right on" in summary.text(), timeout=MODEL_TIMEOUT_MS)
