"""The "Look inside" dock in the real window: its contract, the real activations and weights, and what it follows."""

import keras
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QPushButton, QSpinBox

from digitpad.qt.look_inside.look_inside_training import WEIGHTS_KEY
from digitpad.qt.look_inside.look_inside_units import UNLIT
from digitpad.qt.look_inside.tile_mosaic import diverging, robust_limit, tile_at
from tests.drawing import MODEL_TIMEOUT_MS, draw_stroke, open_window, seven, write_number


def draw_seven(qtbot, window):
    for stroke in seven(window.canvas.width()):
        draw_stroke(qtbot, window.canvas, stroke)


def inspect_a_seven(qtbot, window) -> dict:
    with qtbot.waitSignal(window.inspected) as blocker:
        draw_seven(qtbot, window)
    return blocker.args[0]


@pytest.fixture
def mlp_window(qtbot, mlp_path):
    window = open_window(qtbot, mlp_path)
    window.show_look_inside()
    return window


def test_ctrl_i_opens_the_dock_from_the_view_menu(qtbot, mlp_path):
    window = open_window(qtbot, mlp_path)
    dock = window.findChild(type(window.look_inside_dock), "lookInsideDock")
    assert dock is not None and not dock.isVisible()
    in_view = [a for m in window.menuBar().actions() if m.text() == "&View" for a in m.menu().actions()]
    (action,) = [a for a in in_view if a.objectName() == "lookInsideAction"]
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    assert dock.isVisible()


def test_the_contract_explains_the_drawing_the_model_was_given(qtbot, mlp_window):
    report = inspect_a_seven(qtbot, mlp_window)

    assert set(report) == {"digit", "input", "saliency", "layers"}
    assert report["digit"] == 7 and isinstance(report["digit"], int)
    np.testing.assert_array_equal(report["input"], mlp_window.canvas.to_mnist_views()[0])
    assert report["saliency"].shape == (28, 28) and report["saliency"].dtype == np.float32
    assert report["saliency"].max() > 0 and not report["saliency"][report["input"] < 0.05].any()
    assert {name: a.shape for name, a in report["layers"].items()} == {"hidden": (128,)}


def test_the_mlp_activations_are_the_models_own_hidden_layer(qtbot, mlp_window, mlp_path):
    report = inspect_a_seven(qtbot, mlp_window)
    model = keras.saving.load_model(mlp_path, compile=False)
    hidden = keras.Model(model.inputs[0], model.layers[1].output)

    expected = hidden(report["input"][np.newaxis, ..., np.newaxis], training=False).numpy()[0]
    np.testing.assert_allclose(report["layers"]["hidden"], expected, atol=1e-4)


def test_the_tiles_are_the_real_incoming_weights_and_hovering_names_the_unit(qtbot, mlp_window, mlp_path):
    report = inspect_a_seven(qtbot, mlp_window)
    kernel, output = (layer.kernel.numpy() for layer in keras.saving.load_model(mlp_path, compile=False).layers[1:])
    units = mlp_window.look_inside_dock.view.mlp_units

    np.testing.assert_array_equal(units.tiles, kernel.T.reshape(128, 28, 28))
    assert units.grid.pixels().shape == (8 * 29 - 1, 16 * 29 - 1, 3)  # 16 x 8 tiles of 28x28, 1 px apart
    assert tile_at(29 * 2 + 5, 29 * 3 + 5, (28, 28), 16, 128) == 2 * 16 + 3
    unit = int(np.argmax(report["layers"]["hidden"]))
    activation = report["layers"]["hidden"][unit]
    assert units.tooltip(unit) == f"unit {unit}: activation {activation:.2f}, pushes {np.argmax(output[unit])} up most"


def test_each_tile_is_its_weights_colours_lit_by_its_units_activation(qtbot, mlp_window, mlp_path):
    report = inspect_a_seven(qtbot, mlp_window)
    kernel = keras.saving.load_model(mlp_path, compile=False).layers[1].kernel.numpy()
    hidden = report["layers"]["hidden"]
    grid = mlp_window.look_inside_dock.view.mlp_units.grid
    pixels = painted_at_one_to_one(grid)
    colours = diverging(kernel.T.reshape(128, 28, 28), robust_limit(kernel, 99))

    for unit in (int(np.argmax(hidden)), int(np.argmin(hidden)), 37):
        light = UNLIT + (1 - UNLIT) * hidden[unit] / hidden.max()
        row, column = divmod(unit, 16)
        tile = pixels[29 * row : 29 * row + 28, 29 * column : 29 * column + 28]
        np.testing.assert_allclose(tile, colours[unit] * light, atol=2.5)  # 8-bit colours and veil
    assert not pixels[28::29].any() and not pixels[:, 28::29].any()  # the gaps stay dark


def painted_at_one_to_one(panel) -> np.ndarray:
    """What the panel paints, (H, W, 3) floats, at one screen pixel per picture pixel."""
    height, width = panel.pixels().shape[:2]
    panel.setMinimumSize(width, height)
    panel.resize(width, height)
    image = panel.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    image.setDevicePixelRatio(1)
    assert (image.width(), image.height()) == (width, height)
    return np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())[:, : 3 * width].reshape(
        height, width, 3
    ).astype(float)


def test_clicking_a_tile_shows_its_weight_times_input_map(qtbot, mlp_window, mlp_path):
    report = inspect_a_seven(qtbot, mlp_window)
    kernel = keras.saving.load_model(mlp_path, compile=False).layers[1].kernel.numpy()
    units = mlp_window.look_inside_dock.view.mlp_units
    units.grid.clicked.emit(29 * 1 + 3, 29 * 4 + 3)  # row 1, column 4: unit 20

    assert units.selected_unit == 20
    contribution = (kernel[:, 20] * report["input"].ravel()).sum()
    assert f"sum {contribution:+.2f}" in units.unit_label.text()


def test_the_units_pushing_the_digit_up_and_down_are_listed(qtbot, mlp_window, mlp_path):
    report = inspect_a_seven(qtbot, mlp_window)
    output = keras.saving.load_model(mlp_path, compile=False).layers[2].kernel.numpy()
    pushes = report["layers"]["hidden"] * output[:, 7]
    text = mlp_window.look_inside_dock.view.mlp_units.pushes_label.text()

    assert text.startswith(f"Pushed 7 up: #{int(np.argmax(pushes))},")
    assert f"Pushed it down: #{int(np.argmin(pushes))}" in text


def test_a_click_on_a_bar_explains_that_digit_instead_of_filing_the_drawing(qtbot, mlp_window):
    inspect_a_seven(qtbot, mlp_window)
    with qtbot.waitSignal(mlp_window.inspected) as blocker:
        mlp_window.prediction_view.digit_clicked.emit(1)

    assert blocker.args[0]["digit"] == 1 and not mlp_window.canvas.is_empty()
    assert "Why not 1?" in mlp_window.look_inside_dock.view.title.text()


def test_behind_the_training_panels_tab_it_computes_nothing_and_a_bar_click_files_the_drawing(qtbot, mlp_window):
    """A dock tabbed behind another is still `isVisible()`: it once explained bars nobody could see."""
    inspect_a_seven(qtbot, mlp_window)
    mlp_window.training_dock.raise_()  # the panel's tab in front of Look inside's
    qtbot.waitUntil(lambda: mlp_window.look_inside_dock.visibleRegion().isEmpty())
    reports = []
    mlp_window.inspected.connect(reports.append)

    with qtbot.waitSignal(mlp_window.samples_dock.changed):
        mlp_window.prediction_view.digit_clicked.emit(7)

    assert len(mlp_window.samples_dock.store) == 1 and mlp_window.canvas.is_empty()  # filed, as without the dock
    assert reports == [] and not mlp_window.live_prediction.wants_layers()


def test_with_the_mlp_the_bars_call_is_the_only_model_call_and_gives_the_activations(qtbot, mlp_window):
    inspect_a_seven(qtbot, mlp_window)  # the first inspection also checks the closed form on probes
    predictor, calls = mlp_window.predictor(), []
    read = predictor.read
    predictor.read = lambda images, **options: calls.append(len(images)) or read(images, **options)
    try:
        with qtbot.waitSignal(mlp_window.inspected) as blocker:
            mlp_window.predict_now()
    finally:
        del predictor.read
    views = mlp_window.canvas.to_mnist_views()
    assert calls == [len(views)]  # the views, once: the occluded copies are the closed form's
    expected = read(views[:1], layers=True).layers["hidden"][0]
    np.testing.assert_allclose(blocker.args[0]["layers"]["hidden"], expected, atol=1e-5)


def test_nothing_is_computed_while_the_dock_is_hidden(qtbot, mlp_path):
    window = open_window(qtbot, mlp_path)
    reports = []
    window.inspected.connect(reports.append)
    draw_seven(qtbot, window)
    window.predict_now()
    assert reports == []
    window.show_look_inside()
    assert len(reports) == 1 and reports[0]["digit"] == 7


def test_it_follows_a_switch_to_the_cnn_and_shows_each_blocks_maps(qtbot, mlp_window, cnn_path):
    inspect_a_seven(qtbot, mlp_window)
    with qtbot.waitSignal(mlp_window.inspected, timeout=MODEL_TIMEOUT_MS) as blocker:
        mlp_window.load_model(cnn_path)
    report = blocker.args[0]
    model = keras.saving.load_model(cnn_path, compile=False)
    blocks = keras.Model(model.inputs[0], [model.layers[i].output for i in (3, 7, 10)])  # each block's ReLU

    expected = [a[0] for a in blocks(report["input"][np.newaxis, ..., np.newaxis], training=False)]
    for name, values in zip(("block1", "block2", "block3"), expected, strict=True):
        np.testing.assert_allclose(report["layers"][name], values, atol=1e-4)
    view = mlp_window.look_inside_dock.view
    assert view.units.currentWidget() is view.conv_units
    assert view.conv_units.maps.pixels().shape == (4 * 8 - 1, 8 * 8 - 1, 3)  # block1: 32 maps of 7x7


def test_clearing_the_drawing_unlights_the_tiles_and_blanks_the_maps(qtbot, mlp_window, mlp_path, cnn_path):
    report = inspect_a_seven(qtbot, mlp_window)
    view = mlp_window.look_inside_dock.view
    units = view.mlp_units
    unit = int(np.argmax(report["layers"]["hidden"]))
    assert units.pushes_label.text()
    qtbot.keyClick(mlp_window.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not units.pushes_label.text() and not units.unit_label.text())
    kernel = keras.saving.load_model(mlp_path, compile=False).layers[1].kernel.numpy()
    colours = diverging(kernel.T.reshape(128, 28, 28), robust_limit(kernel, 99))
    row, column = divmod(unit, 16)
    tile = painted_at_one_to_one(units.grid)[29 * row : 29 * row + 28, 29 * column : 29 * column + 28]
    np.testing.assert_allclose(tile, colours[unit] * UNLIT, atol=2.5)  # the 7's brightest unit, unlit
    assert not view.saliency_panel.pixels().any() and not units.contribution.pixels().any()

    mlp_window.load_model(cnn_path)
    qtbot.waitUntil(lambda: view.units.currentWidget() is view.conv_units, timeout=MODEL_TIMEOUT_MS)
    assert "block1" in inspect_a_seven(qtbot, mlp_window)["layers"]
    assert view.conv_units.maps.pixels().any()
    qtbot.keyClick(mlp_window.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.conv_units.maps.pixels().any())
    assert view.conv_units.filters.pixels().any()  # the model's own, not the drawing's


def test_in_number_mode_it_explains_the_digit_whose_bars_are_shown(qtbot, mlp_window):
    mlp_window.findChild(QAction, "numberModeAction").setChecked(True)
    reports = []
    mlp_window.inspected.connect(reports.append)

    def explains(image, digit=None):
        qtbot.waitUntil(lambda: bool(reports) and np.array_equal(reports[-1]["input"], image))
        assert digit is None or reports[-1]["digit"] == digit

    write_number(qtbot, mlp_window, "47")
    digits = mlp_window.number_mode.reading().digits
    assert len(digits) == 2
    explains(digits[1].image, digits[1].digit)  # the last digit written
    qtbot.mouseClick(mlp_window.number_mode.view.cells()[0], Qt.MouseButton.LeftButton)
    explains(digits[0].image, digits[0].digit)
    qtbot.mouseClick(mlp_window.number_mode.view.bars, Qt.MouseButton.LeftButton, pos=bar_of(8, mlp_window))
    explains(digits[0].image, 8)  # "why not 8?" for that digit


def bar_of(digit: int, window):
    """Where to click the number view's bar of `digit`."""
    bars = window.number_mode.view.bars
    y = next(y for y in range(bars.height()) if bars.digit_at(y) == digit)
    return QPoint(bars.width() // 2, y + 2)


def test_the_random_test_image_button_puts_a_labelled_mnist_digit_on_the_canvas(qtbot, mlp_window):
    button = mlp_window.look_inside_dock.findChild(QPushButton, "randomMnistButton")
    with qtbot.waitSignal(mlp_window.inspected) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    label = mlp_window.look_inside_dock.view.true_label.text()
    assert "true label is" in label and label.rstrip(".")[-1].isdigit()
    assert blocker.args[0]["input"].shape == (28, 28) and not mlp_window.canvas.is_empty()


def test_with_no_folder_the_random_test_image_downloads_the_test_files_off_the_gui_thread(
    qtbot, mlp_window, mnist_test_server, monkeypatch
):
    from digitpad.core.mnist import test_files

    url, _, requests = mnist_test_server
    monkeypatch.setattr(test_files, "TEST_FILES_URL", url)
    mlp_window.training_panel.set_mnist_dir(None)
    dock, button = mlp_window.look_inside_dock, mlp_window.look_inside_dock.findChild(QPushButton, "randomMnistButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "Downloading" in dock.view.true_label.text()  # the click returned before the files came
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # an impatient second click asks for nothing more
    qtbot.waitUntil(lambda: "true label is" in dock.view.true_label.text(), timeout=MODEL_TIMEOUT_MS)
    assert not mlp_window.canvas.is_empty() and len(requests) == 2
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the next digit comes from the files in memory
    assert "true label is" in dock.view.true_label.text() and len(requests) == 2


def test_offline_with_no_folder_the_random_test_image_says_why_in_one_sentence(qtbot, mlp_window, monkeypatch):
    from digitpad.core.mnist import test_files

    monkeypatch.setattr(test_files, "TEST_FILES_URL", "http://127.0.0.1:9/")  # the discard port: nothing listens
    mlp_window.training_panel.set_mnist_dir(None)
    draw_seven(qtbot, mlp_window)
    drawn = mlp_window.canvas.to_mnist()
    mlp_window.look_inside_dock.show_random_test_image()
    label = mlp_window.look_inside_dock.view.true_label
    qtbot.waitUntil(lambda: "could not be downloaded" in label.text(), timeout=MODEL_TIMEOUT_MS)
    assert ". " not in label.text() and "choose the folder" in label.text()
    assert "could not be downloaded" in mlp_window.statusBar().currentMessage()
    np.testing.assert_array_equal(mlp_window.canvas.to_mnist(), drawn)  # the drawing is not lost


def test_a_run_reports_its_first_layer_each_epoch_and_the_slider_replays_them(qtbot, mlp_window, mnist):
    panel, replay = mlp_window.training_panel, mlp_window.look_inside_dock.view.training
    weights = [np.full((784, 128), epoch, np.float32) for epoch in (1, 2)]
    panel.running_changed.emit(True)
    for epoch, kernel in enumerate(weights, start=1):
        panel.epoch_ended.emit(epoch, {"accuracy": 0.9, WEIGHTS_KEY: kernel})
    panel.running_changed.emit(False)

    assert [w[0, 0] for w in replay.epochs] == [1, 2] and replay.slider.isEnabled()
    replay.slider.setValue(1)
    assert "Epoch 1 of 2" in replay.label.text()


def test_a_real_run_is_replayed_and_the_dock_then_shows_the_new_models_tiles(qtbot, mlp_window):
    draw_seven(qtbot, mlp_window)
    mlp_window.training_panel.findChild(QSpinBox, "epochsSpin").setValue(1)
    with qtbot.waitSignal(mlp_window.model_changed, timeout=180_000) as blocker:
        qtbot.mouseClick(mlp_window.training_panel.findChild(QPushButton, "trainButton"), Qt.MouseButton.LeftButton)
    kernel = keras.saving.load_model(blocker.args[0], compile=False).layers[1].kernel.numpy()
    view = mlp_window.look_inside_dock.view

    # The run ends (its child process gone) a moment after its model is in use, or a moment before.
    qtbot.waitUntil(view.training.slider.isEnabled, timeout=10_000)
    assert len(view.training.epochs) == 1
    np.testing.assert_allclose(view.training.epochs[0], kernel, atol=1e-6)
    qtbot.waitUntil(lambda: np.array_equal(view.mlp_units.tiles, kernel.T.reshape(128, 28, 28)))
