"""A semester of samples: 20,000 load in the background, show in a grid, train in bounded memory."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from digitpad.core.samples.sample_mix import mix
from digitpad.core.samples.store import SampleStore
from digitpad.core.training.fine_tuning import FineTuneSettings, fine_tune, replay_mix
from digitpad.qt.app.app_paths import samples_dir
from digitpad.qt.widgets.thumbnail_cache import CACHED_THUMBNAILS
from tests.drawing import MODEL_TIMEOUT_MS, open_window, seven
from tests.many_samples import link_samples

MANY = 20_000
LOAD_TIMEOUT_MS = 60_000


@pytest.fixture
def window(qtbot, many_samples, mlp_path):
    """A window whose data folder holds the 20,000 samples, its model ready."""
    link_samples(many_samples, samples_dir())
    return open_window(qtbot, mlp_path)


@pytest.fixture(scope="module")
def store(many_samples):
    return SampleStore(many_samples)


def test_the_window_opens_without_reading_the_samples_and_files_while_they_load(qtbot, many_samples, mlp_path):
    from digitpad.qt.main_window import MainWindow

    link_samples(many_samples, samples_dir())
    window = MainWindow(model_path=mlp_path)
    qtbot.addWidget(window)
    store = window.samples_dock.store
    assert len(store) == 0 and not store.loaded  # the window was built without reading one file
    assert "still loading" in window.training_panel.samples_hint.text()
    window.show()
    qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS).wait()
    window.canvas.set_strokes(seven(window.canvas.width()))

    filed = window.samples_dock.file_drawing(7)  # most likely while the rest still load

    qtbot.waitUntil(lambda: store.loaded, timeout=LOAD_TIMEOUT_MS)
    assert len(store) == MANY + 1 and store.counts()[7] == MANY // 10 + 1 and store.get(filed.id) is filed
    assert window.training_panel.form.include_samples_check.text() == f"include my {MANY + 1:,} samples"
    assert window.training_panel.fine_tune_button.isEnabled()


def test_the_pixels_stay_in_memory_and_the_strokes_on_disk(store):
    assert len(store) == MANY and all(sample.drawn is None for sample in store)
    sample = store.samples(3)[0]
    assert sample.strokes and sample.strokes == SampleStore(store.folder).get(sample.id).strokes
    pixels, labels = store.pixel_arrays()
    assert pixels.dtype == np.uint8 and pixels.shape == (MANY, 28, 28) and np.bincount(labels).tolist() == [2000] * 10


def test_my_samples_shows_them_all_by_digit_and_date_with_thumbnails_only_for_what_is_seen(qtbot, window):
    view = window.samples_dock.view
    qtbot.waitUntil(lambda: window.samples_dock.store.loaded, timeout=LOAD_TIMEOUT_MS)

    window.show_samples()

    assert view.model.rowCount() == MANY and "20,000 samples of your handwriting" in view.summary.text()
    assert view.digit_choice.itemText(4) == "3 · 2,000 samples"
    view.filter.setText("3")
    assert view.model.rowCount() == 2000 and view.model.sample_at(0).label == 3
    view.filter.clear()
    for row in range(0, MANY, 7):  # as if scrolled from top to bottom
        view.model.index(row).data(Qt.ItemDataRole.DecorationRole)
    assert len(view.model._thumbnails) == CACHED_THUMBNAILS


def test_mixing_20000_samples_into_training_adds_only_their_share(store):
    pixels, labels = store.pixel_arrays()
    base_x, base_y = np.zeros((60_000, 28, 28, 1), np.uint8), np.zeros(60_000, np.int64)

    x, y = mix(base_x, base_y, pixels, labels, share=0.03, seed=0)

    extra = round(0.03 / 0.97 * 60_000)  # 1,856 of them, not 20,000
    assert x.dtype == np.uint8 and len(y) == 60_000 + extra
    assert 0.85 * extra < np.count_nonzero(y) < 0.95 * extra  # a random subset: a tenth of them are zeros


def test_fine_tuning_on_20000_samples_mixes_a_bounded_share_and_finishes(store, mnist, mlp_path):
    pixels, labels = store.pixel_arrays()
    settings = FineTuneSettings(epochs=1)
    x, _ = replay_mix(mnist, pixels[:16_000], labels[:16_000], settings)
    assert len(x) == settings.replay_images + round(0.15 / 0.85 * settings.replay_images)

    result = fine_tune(mlp_path, pixels, labels, mnist, settings)

    assert result.samples_trained + result.samples_held_out == MANY and result.samples_held_out == MANY // 5
    assert result.held_out_after is not None and result.mnist_after > 0.9
