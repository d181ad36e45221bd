"""Number mode in the real window, driven by real mouse and key events; and `predict --number`."""

import json

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from digitpad.cli.predict import run
from digitpad.core.numbers.number_reading import read_strokes
from digitpad.qt.numbers.number_mode import SETTING
from tests.drawing import draw_stroke, open_window, seven
from tests.drawing import write_number as write
from tests.number_strokes import number


@pytest.fixture
def window(qtbot, cnn_path):
    return open_window(qtbot, cnn_path)


def number_mode_action(window) -> QAction:
    return window.findChild(QAction, "numberModeAction")


def test_the_number_mode_action_is_checkable_in_a_menu_and_the_toolbar(window):
    action = number_mode_action(window)
    assert action.isCheckable() and not action.isChecked()
    holders = action.associatedObjects()
    assert any(isinstance(holder, QMenu) for holder in holders)
    assert any(isinstance(holder, QToolBar) for holder in holders)


def test_a_number_written_with_the_mouse_gives_number_changed(qtbot, window):
    number_mode_action(window).setChecked(True)
    with qtbot.waitSignal(window.number_changed, check_params_cb=lambda n: n is not None and len(n) == 4) as blocker:
        write(qtbot, window, "2020")
    assert blocker.args[0] == "2020"
    assert window.number_mode.view.shown_number() == "2020"
    assert len(window.number_mode.overlay.boxes()) == 4


def test_each_digit_is_read_as_if_drawn_alone(qtbot, window):
    number_mode_action(window).setChecked(True)
    truth = write(qtbot, window, "471")
    reading = window.number_mode.reading()
    strokes = window.canvas.strokes()
    assert [list(d.strokes) for d in reading.digits] == truth
    window.canvas.set_strokes([strokes[i] for i in truth[1]])
    alone = read_strokes(window.canvas.strokes(), window.predictor())
    np.testing.assert_allclose(alone.digits[0].probabilities, reading.digits[1].probabilities, atol=1e-5)


def test_the_canvas_is_wide_in_number_mode_and_square_again_without(window):
    number_mode_action(window).setChecked(True)
    canvas = window.canvas
    assert canvas.width() >= 2.9 * canvas.height() and canvas.height() >= 200
    assert not window.prediction_view.isVisible() and window.number_mode.view.isVisible()
    number_mode_action(window).setChecked(False)
    assert canvas.width() == canvas.height() and window.prediction_view.isVisible()


def test_the_empty_canvas_asks_for_a_number_in_number_mode_and_a_digit_without(window):
    assert window.canvas.hint() == "Draw a digit here"
    number_mode_action(window).setChecked(True)
    assert window.canvas.hint() == "Write a number here, left to right"
    number_mode_action(window).setChecked(False)
    assert window.canvas.hint() == "Draw a digit here"


def test_undo_and_escape_work_as_in_single_digit_mode(qtbot, window):
    number_mode_action(window).setChecked(True)
    numbers = []
    window.number_changed.connect(numbers.append)
    write(qtbot, window, "10")
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: numbers[-1] == "1", timeout=1000)  # the coalesced update, as for one digit
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: numbers[-1] is None, timeout=1000)
    assert window.canvas.is_empty() and window.number_mode.overlay.boxes() == []


def test_a_right_click_between_two_digits_joins_them_and_on_the_joined_one_splits_it(qtbot, window):
    number_mode_action(window).setChecked(True)
    write(qtbot, window, "11", gap=0.6)
    first, second = (d.box for d in window.number_mode.reading().digits)
    between = QPoint(round((first.right + second.left) / 2), round((first.top + first.bottom) / 2))
    with qtbot.waitSignal(window.number_changed, check_params_cb=lambda n: n is not None and len(n) == 1):
        qtbot.mouseClick(window.canvas, Qt.MouseButton.RightButton, pos=between)
    with qtbot.waitSignal(window.number_changed, check_params_cb=lambda n: n is not None and len(n) == 2):
        qtbot.mouseClick(window.canvas, Qt.MouseButton.RightButton, pos=QPoint(round(first.right), between.y()))
    assert len(window.canvas.strokes()) == 2  # a right-click draws nothing


def test_typing_the_number_then_enter_files_each_digit_under_its_digit(qtbot, window):
    number_mode_action(window).setChecked(True)
    filed = []
    window.samples_dock.changed.connect(lambda: filed.append(len(window.samples_dock.store)))
    write(qtbot, window, "20")
    qtbot.keyClicks(window.canvas, "20")
    assert window.samples_dock.store.counts() == [0] * 10  # nothing yet: the number may be longer
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    counts = window.samples_dock.store.counts()
    assert counts[2] == 1 and counts[0] == 1 and sum(counts) == 2 and window.canvas.is_empty()


def test_a_typed_number_of_the_wrong_length_files_nothing(qtbot, window):
    number_mode_action(window).setChecked(True)
    write(qtbot, window, "20")
    qtbot.keyClicks(window.canvas, "7")
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert len(window.samples_dock.store) == 0 and not window.canvas.is_empty()
    assert "one digit per box" in window.statusBar().currentMessage()


def test_number_mode_is_remembered(qtbot, cnn_path):
    window = open_window(qtbot, cnn_path)
    number_mode_action(window).setChecked(True)
    window.close()
    assert QSettings().value(SETTING) in (True, "true")
    again = open_window(qtbot, cnn_path)
    assert number_mode_action(again).isChecked() and again.canvas.width() > 2 * again.canvas.height()


def test_with_number_mode_off_a_drawing_is_one_digit_as_before(qtbot, window):
    numbers, predictions = [], []
    window.number_changed.connect(numbers.append)
    window.prediction_changed.connect(predictions.append)
    for stroke in seven(window.canvas.width()):
        draw_stroke(qtbot, window.canvas, stroke)
    assert numbers == [] and len(predictions[-1]) == 10 and int(np.argmax(predictions[-1])) == 7
    qtbot.keyClick(window.canvas, Qt.Key.Key_7)  # a digit key files at once, as before
    assert window.samples_dock.store.counts()[7] == 1 and window.canvas.is_empty()


@pytest.fixture
def number_png(tmp_path, mnist):
    """2026 composed from MNIST test digits side by side, dark ink on white, as a person might scan it."""
    parts = []
    for digit in (2, 0, 2, 6):
        index = int(np.flatnonzero(mnist.y_test == digit)[1 if parts and digit == 2 else 0])
        pixels = mnist.x_test[index, :, :, 0]
        columns = np.flatnonzero(pixels.max(axis=0) > 40)
        parts += [pixels[:, columns[0] : columns[-1] + 1], np.zeros((28, 7), np.uint8)]
    image = Image.fromarray(255 - np.pad(np.hstack(parts), 6))
    path = tmp_path / "year.png"
    image.resize((image.width * 3, image.height * 3), Image.Resampling.BILINEAR).save(path)
    return str(path)


def test_predict_number_reads_a_rendered_number_digit_by_digit(capsys, number_png, cnn_path):
    assert run(["--number", number_png, "--model", str(cnn_path)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{number_png}: 2026 (") and line.count("%") == 4


def test_predict_number_json_gives_the_number_and_per_digit_probabilities(capsys, number_png, cnn_path):
    assert run(["--number", "--json", number_png, "--model", str(cnn_path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["path"] == number_png and record["number"] == "2026"
    assert len(record["probabilities"]) == 4 and all(abs(sum(p) - 1) < 1e-4 for p in record["probabilities"])


def test_predict_number_on_a_blank_image_is_one_error_line(capsys, tmp_path, cnn_path):
    Image.new("L", (90, 30), 255).save(tmp_path / "blank.png")
    assert run(["--number", str(tmp_path / "blank.png"), "--model", str(cnn_path)]) == 1
    assert capsys.readouterr().err.strip().endswith("no digit in it (the image is blank)")


class CountingPredictor:
    """The real predictor, counting its model calls."""

    def __init__(self, predictor):
        self.predictor, self.calls = predictor, 0

    def probabilities_batch(self, images):
        self.calls += 1
        return self.predictor.probabilities_batch(images)


def test_all_digits_of_a_number_are_read_in_one_model_call(cnn_path):
    from digitpad.core.inference.loading import load_predictor

    counting = CountingPredictor(load_predictor(cnn_path))
    strokes, _ = number("902631", scale=120.0)
    reading = read_strokes(strokes, counting)
    assert counting.calls == 1 and len(reading.digits) == 6


def test_a_drawing_made_before_number_mode_is_scaled_into_the_wide_canvas(qtbot, window):
    for stroke in seven(window.canvas.width()):
        draw_stroke(qtbot, window.canvas, stroke)
    number_mode_action(window).setChecked(True)
    qtbot.waitUntil(lambda: window.canvas.width() > 2 * window.canvas.height())

    lowest = max(y for stroke in window.canvas.strokes() for _, y, *_ in stroke)
    assert lowest <= window.canvas.height()  # it was left at the square canvas's scale, off the bottom
    assert window.number_mode.reading().text == "7"


def test_a_loaded_test_image_is_read_as_one_digit_and_shown_square(qtbot, window):
    import os

    from digitpad.core.mnist.test_files import read_test_set

    images, labels = read_test_set(os.environ["DIGITPAD_MNIST_DIR"])
    image, label = images[0], int(labels[0])  # a 7
    window.canvas.load_image(image)
    window.predict_now()
    alone = window.predictor().probabilities_of_views(window.canvas.to_mnist_views())
    number_mode_action(window).setChecked(True)  # as if a test image were clicked in "Where it fails"

    with qtbot.waitSignal(window.number_changed, check_params_cb=lambda n: n is not None):
        window.canvas.load_image(image)
    reading = window.number_mode.reading()
    assert reading.text == str(label) and len(window.number_mode.overlay.boxes()) == 1
    np.testing.assert_allclose(reading.digits[0].probabilities, alone, atol=1e-5)
    square = window.canvas.picture_rect()
    assert square.width() == square.height() == window.canvas.height()
