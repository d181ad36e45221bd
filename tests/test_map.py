"""Where it lands (Flow F): the map of the learned space, the nearest test digits, and the tolerance probe."""

import time

import numpy as np
import pytest

from digitpad.core.explain.learned_space import LearnedSpace, embed_test_set
from digitpad.core.explain.neighbours import NearestIndex
from digitpad.core.explain.tolerance import CHANGES, curves, probe_batch
from digitpad.core.inference.loading import load_predictor
from digitpad.core.mnist.test_files import read_test_set
from digitpad.qt.map.map_dock import MapDock
from tests.conftest import SHARED_MNIST
from tests.drawing import MODEL_TIMEOUT_MS, draw_stroke, seven


def draw_seven(qtbot, canvas):
    for stroke in seven(canvas.width()):
        draw_stroke(qtbot, canvas, stroke)


@pytest.fixture
def map_window(qtbot, mlp_path, monkeypatch):
    """The window with the MLP, the map open, PCA only (no t-SNE child in tests that do not ask for it)."""
    from digitpad.qt.main_window import MainWindow

    monkeypatch.setattr(MapDock, "nonlinear", False)
    window = MainWindow(model_path=mlp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.predictor() is not None, timeout=MODEL_TIMEOUT_MS)
    return window


def land_a_seven(qtbot, window) -> dict:
    with qtbot.waitSignal(window.landed, timeout=MODEL_TIMEOUT_MS) as blocker:
        window.show_map()
        draw_seven(qtbot, window.canvas)
    return blocker.args[0]


def test_landed_reports_the_position_and_both_kinds_of_neighbours(qtbot, map_window):
    report = land_a_seven(qtbot, map_window)
    assert set(report) == {"position", "neighbours", "pixel_neighbours"}
    assert len(report["position"]) == 2 and all(np.isfinite(report["position"]))
    for key in ("neighbours", "pixel_neighbours"):
        assert len(report[key]) >= 8
        assert all(set(n) == {"index", "label", "distance"} for n in report[key])
        distances = [n["distance"] for n in report[key]]
        assert distances == sorted(distances)


def test_neighbours_are_indices_into_the_official_test_order(qtbot, map_window, mnist):
    report = land_a_seven(qtbot, map_window)
    images, labels = read_test_set(SHARED_MNIST)  # the official file, in its order
    # The fixture (tfds) holds the same 10,000 digits in another order: each neighbour is one of them, same label.
    fixture = {image.tobytes(): int(label) for image, label in zip(mnist.x_test.reshape(-1, 784), mnist.y_test)}
    for neighbour in report["neighbours"] + report["pixel_neighbours"]:
        official = np.rint(images[neighbour["index"]] * 255).astype(np.uint8).ravel()
        assert fixture[official.tobytes()] == neighbour["label"]
    drawn = map_window.canvas.to_mnist()
    for neighbour in report["pixel_neighbours"]:
        assert labels[neighbour["index"]] == neighbour["label"]
        assert np.linalg.norm(images[neighbour["index"]].ravel() - drawn.ravel()) == pytest.approx(
            neighbour["distance"], abs=1e-3
        )
    all_distances = np.linalg.norm(images.reshape(len(images), -1) - drawn.ravel(), axis=1)
    assert report["pixel_neighbours"][0]["index"] == int(np.argmin(all_distances))
    assert all(labels[n["index"]] == n["label"] for n in report["neighbours"])
    assert [n["label"] for n in report["neighbours"]].count(7) >= 5  # a 7's neighbours in meaning are 7s


def test_nothing_is_computed_while_the_dock_is_hidden(qtbot, map_window):
    reports = []
    map_window.landed.connect(reports.append)
    draw_seven(qtbot, map_window.canvas)
    qtbot.wait(300)
    assert reports == [] and map_window.map_dock._requested == set()
    assert map_window.live_prediction.wants_embedding() is False


def test_the_map_is_made_only_when_the_dock_first_shows_and_then_lists_the_model_in_use(qtbot, map_window):
    dock = map_window.map_dock
    draw_seven(qtbot, map_window.canvas)
    assert dock.view is None  # a window that never opens the map never pays for its plots
    map_window.show_map()
    assert dock.view is not None and dock.widget().widget() is dock.view
    assert dock.view.model_box.itemText(0) == map_window.predictor().name


def test_a_map_left_open_at_quit_is_made_and_drawn_at_the_next_start(qtbot, map_window, mlp_path):
    from digitpad.qt.main_window import MainWindow

    map_window.show_map()
    qtbot.waitUntil(lambda: map_window.map_dock._shown_map is not None, timeout=MODEL_TIMEOUT_MS)
    map_window.close()  # remembers the docks
    second = MainWindow(model_path=mlp_path)
    qtbot.addWidget(second)
    second.show()
    dock = second.map_dock
    qtbot.waitUntil(lambda: dock._shown_map is not None, timeout=MODEL_TIMEOUT_MS)
    assert dock.isVisible() and len(dock.view.plot.positions) == 10_000


def test_a_map_left_behind_another_tab_at_quit_waits_for_its_tab(qtbot, map_window, mlp_path):
    """A tabbed dock behind another says it is visible: the map once placed drawings into a view never made."""
    from digitpad.qt.main_window import MainWindow

    map_window.show_map()
    qtbot.waitUntil(lambda: map_window.map_dock._shown_map is not None, timeout=MODEL_TIMEOUT_MS)
    map_window.training_dock.raise_()  # the panel's tab in front of the map's
    map_window.close()
    second = MainWindow(model_path=mlp_path)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.predictor() is not None, timeout=MODEL_TIMEOUT_MS)
    dock = second.map_dock

    draw_seven(qtbot, second.canvas)
    qtbot.wait(300)

    assert dock.view is None and dock._requested == set()  # nothing made or computed behind the tab
    dock.raise_()
    qtbot.waitUntil(lambda: dock._shown_map is not None, timeout=MODEL_TIMEOUT_MS)
    assert dock.landing is not None  # the drawing placed, now that the map is on screen


def test_the_pca_map_is_ready_within_a_second_and_a_half_of_opening(qtbot, map_window):
    started = time.perf_counter()
    map_window.show_map()
    dock = map_window.map_dock
    qtbot.waitUntil(lambda: dock._shown_map is not None, timeout=MODEL_TIMEOUT_MS)
    assert time.perf_counter() - started < 1.5
    assert len(dock.view.plot.positions) == 10_000


def test_the_wheel_over_the_map_is_left_to_the_dock_and_ctrl_wheel_zooms_the_map(qtbot, map_window):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    map_window.show_map()
    dock = map_window.map_dock
    qtbot.waitUntil(lambda: dock._shown_map is not None, timeout=MODEL_TIMEOUT_MS)
    plot = dock.view.plot

    def wheel(modifiers) -> QWheelEvent:
        middle = QPointF(plot.viewport().rect().center())
        event = QWheelEvent(middle, plot.viewport().mapToGlobal(middle), QPoint(), QPoint(0, -120),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(plot.viewport(), event)
        return event

    shown = plot.getPlotItem().viewRange()
    # Ignored, a wheel from the window system goes on to the parents: the dock's scroll area.
    assert not wheel(Qt.KeyboardModifier.NoModifier).isAccepted()
    assert plot.getPlotItem().viewRange() == shown
    wheel(Qt.KeyboardModifier.ControlModifier)
    assert plot.getPlotItem().viewRange() != shown


def test_a_click_on_a_neighbour_puts_that_test_digit_on_the_pad(qtbot, map_window):
    report = land_a_seven(qtbot, map_window)
    map_window.map_dock.view.learned_row.buttons[0].click()
    images, _ = read_test_set(SHARED_MNIST)
    assert map_window.canvas.has_picture()
    np.testing.assert_allclose(map_window.canvas.to_mnist(), images[report["neighbours"][0]["index"]], atol=1e-6)


def test_with_no_folder_the_map_downloads_the_test_files_and_shows(qtbot, map_window, mnist_test_server, monkeypatch):
    from digitpad.core.mnist import test_files

    url, _, requests = mnist_test_server
    monkeypatch.setattr(test_files, "TEST_FILES_URL", url)
    map_window.training_panel.set_mnist_dir(None)
    map_window.show_map()
    qtbot.waitUntil(lambda: map_window.map_dock._shown_map is not None, timeout=MODEL_TIMEOUT_MS)
    assert len(map_window.map_dock.view.plot.positions) == 10_000 and len(requests) == 2
    map_window.show_look_inside()  # its random test digit reads the files the map kept
    map_window.look_inside_dock.show_random_test_image()
    label = map_window.look_inside_dock.view.true_label
    qtbot.waitUntil(lambda: "true label is" in label.text(), timeout=MODEL_TIMEOUT_MS)
    assert len(requests) == 2


def test_offline_drawing_does_not_try_the_download_again_and_a_folder_chosen_shows_the_map(
    qtbot, map_window, mnist_test_server, monkeypatch
):
    from digitpad.core.mnist import test_files

    url, served, requests = mnist_test_server
    for file in served.iterdir():
        file.unlink()  # the server answers 404: as good as offline
    monkeypatch.setattr(test_files, "TEST_FILES_URL", url)
    map_window.training_panel.set_mnist_dir(None)
    map_window.show_map()
    view = map_window.map_dock.view
    qtbot.waitUntil(lambda: view.browse_button.isVisibleTo(view), timeout=MODEL_TIMEOUT_MS)
    draw_seven(qtbot, map_window.canvas)
    draw_seven(qtbot, map_window.canvas)
    qtbot.wait(300)
    assert len(requests) == 1  # the first file's 404, and no try per stroke
    assert view.browse_button.isVisibleTo(view) and "could not be downloaded" in view.message.text()
    view.folder_chosen.emit(str(SHARED_MNIST))
    qtbot.waitUntil(lambda: map_window.map_dock._shown_map is not None, timeout=MODEL_TIMEOUT_MS)


def test_without_mnist_files_the_dock_says_so_in_one_sentence_with_a_browse_button(qtbot, map_window, monkeypatch):
    from digitpad.core.mnist import test_files

    monkeypatch.setattr(test_files, "TEST_FILES_URL", "http://127.0.0.1:9/")  # offline: nothing listens there
    map_window.training_panel.set_mnist_dir(None)
    map_window.show_map()
    view = map_window.map_dock.view
    qtbot.waitUntil(lambda: view.browse_button.isVisibleTo(view), timeout=MODEL_TIMEOUT_MS)
    text = view.message.text()
    assert ". " not in text and text.endswith(".") and "MNIST" in text  # one sentence


def test_a_model_without_a_hidden_layer_maps_its_logits_and_says_so(tmp_path):
    import keras

    from digitpad.core.inference.twin import write_twin

    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)])
    path = tmp_path / "logistic.keras"
    model.save(path)
    write_twin(model, path)
    predictor = load_predictor(path)
    assert predictor.runtime == "litert" and predictor.learned_space() == "logits"
    images, _ = read_test_set(SHARED_MNIST)
    points, answers, kind = embed_test_set(predictor, images[:600])
    np.testing.assert_allclose(points, model(images[:600, ..., None]).numpy(), atol=1e-4)
    assert "no hidden layer" in LearnedSpace.build(points, answers, kind).describe()


def test_a_designed_convnet_maps_the_input_of_its_output_layer():
    import keras

    from digitpad.core.inference.twin import explaining_model

    layers = keras.layers
    model = keras.Sequential([
        keras.Input((28, 28, 1)), layers.Conv2D(8, 3), layers.BatchNormalization(), layers.ReLU(),
        layers.MaxPooling2D(), layers.Flatten(), layers.Dense(32, activation="relu"), layers.Dropout(0.3),
        layers.Dense(10),
    ])  # fmt: skip
    images = np.random.default_rng(0).random((4, 28, 28, 1), np.float32)
    outputs = explaining_model(model)(images)
    before_output = keras.Model(model.inputs, model.layers[-1].input)(images)
    np.testing.assert_allclose(outputs["embedding"], before_output, atol=1e-5)


def test_the_shipped_models_export_their_last_hidden_layer(cnn_path, mlp_path):
    for path in (cnn_path, mlp_path):
        predictor = load_predictor(path)
        assert predictor.runtime == "litert" and predictor.learned_space() == "embedding"
        assert predictor.read(np.zeros((2, 28, 28)), embedding=True).embedding.shape == (2, 128)
        assert "embedding" not in predictor.layer_names()


def test_the_probe_makes_one_batch_with_a_curve_per_change(mnist):
    images, _ = _test_split(mnist)
    batch = probe_batch(images[0])
    assert batch.shape == (sum(len(c.values) for c in CHANGES), 28, 28)
    tried = [(c.name, v) for c in CHANGES for v in c.values]
    unchanged = [i for i, (name, v) in enumerate(tried) if v == (1 if name == "scale" else 0)]
    for index in unchanged:
        np.testing.assert_allclose(batch[index], images[0], atol=1e-5)
    probabilities = np.random.default_rng(0).dirichlet(np.ones(10), len(batch))
    result = curves(probabilities, (7, 1))
    assert {name: a.shape for name, a in result.items()} == {c.name: (len(c.values), 2) for c in CHANGES}


def test_before_preprocessing_a_shift_is_undone_entirely(mnist):
    images, _ = _test_split(mnist)
    batch = probe_batch(images[0], before_preprocessing=True)
    shifts = batch[: len(CHANGES[0].values)]
    np.testing.assert_allclose(shifts, np.broadcast_to(shifts[6], shifts.shape), atol=1e-5)


def test_the_probe_runs_in_the_window_for_both_models_on_the_same_axes(qtbot, map_window, cnn_path):
    with qtbot.waitSignal(map_window.comparison.loaded, timeout=MODEL_TIMEOUT_MS):
        map_window.comparison.compare_with(cnn_path)
    land_a_seven(qtbot, map_window)
    probe = map_window.map_dock.view.probe.widget()
    qtbot.waitUntil(lambda: probe.curve_data("shift", 1)[0] is not None, timeout=MODEL_TIMEOUT_MS)
    x, y = probe.curve_data("shift", 0)
    assert list(x) == list(CHANGES[0].values) and np.all((0 <= y) & (y <= 1))
    assert map_window.map_dock.view.model_box.count() == 2


def test_nearest_index_agrees_with_a_direct_search():
    rows = np.random.default_rng(1).random((500, 16), np.float32)
    index = NearestIndex(rows, np.arange(500) % 10)
    point = rows[42] + 0.01
    expected = np.argsort(np.linalg.norm(rows - point, axis=1))[:8]
    assert [n.index for n in index.nearest(point, 8)] == list(expected)


def _test_split(mnist):
    """The official test images (N, 28, 28) in [0, 1] and labels, from the mnist fixture."""
    return mnist.x_test.reshape(-1, 28, 28).astype(np.float32) / 255.0, np.asarray(mnist.y_test)


def test_a_map_is_cached_beside_a_model_and_for_a_shipped_model_in_the_cache_folder(tmp_path, cnn_path):
    from digitpad.core.explain.map_cache import cache_path, load_space, model_identity, save_space

    rows = np.random.default_rng(2).random((50, 8), np.float32)
    space = LearnedSpace.build(rows, np.arange(50) % 10, "embedding")
    own = tmp_path / "mine.keras"
    own.write_bytes(b"a model")
    identity = model_identity(own)
    assert cache_path(own, tmp_path / "cache", identity) == tmp_path / "mine.map.npz"
    assert cache_path(cnn_path, tmp_path / "cache", model_identity(cnn_path)).parent == tmp_path / "cache"
    assert save_space(tmp_path / "mine.map.npz", identity, space)
    again = load_space(tmp_path / "mine.map.npz", identity)
    np.testing.assert_array_equal(again.maps["PCA"], space.maps["PCA"])
    own.write_bytes(b"another model")
    assert load_space(tmp_path / "mine.map.npz", model_identity(own)) is None  # made for other bytes
    for damage in (b"", b"PK\x03\x04" + bytes(40), (tmp_path / "mine.map.npz").read_bytes()[:300]):
        (tmp_path / "mine.map.npz").write_bytes(damage)  # emptied, not a zip, cut short: made again
        assert load_space(tmp_path / "mine.map.npz", model_identity(own)) is None
