"""DigitPad starts whatever the person's files hold: the window opens and reads a drawing in each case.

Mangled settings, a remembered model that vanished or broke, samples with impossible fields and a
data folder that cannot be written are each met through the real window, as a person meets them.
"""

import base64
import json
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QTableView

from digitpad.core.assets import default_model_path
from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.mnist.loading import default_mnist_dir
from digitpad.core.networks.presets import WORKSHOP_MLP, preset
from digitpad.core.runs.model_change import change_message
from digitpad.core.samples.store import SampleStore
from digitpad.qt.app.app_paths import app_data_dir, models_dir, samples_dir, set_app_identity
from digitpad.qt.drawing.canvas import DEFAULT_BRUSH
from digitpad.qt.reading.active_model import SETTINGS_KEY
from tests.drawing import MODEL_TIMEOUT_MS, draw_stroke, open_window, seven
from tests.saved_runs import save_run_copy

GARBAGE = """[window]
geometry=not bytes at all
state=@ByteArray(\\0\\0\\xffgarbage)

[canvas]
brushWidth=nan

[model]
active=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18garbage)

[training]
model=transformer
epochs=eight
batch_size=@Invalid()
learning_rate=NaN
augment=maybe
include_samples=2
mnist_dir=one, two
design=""" + "[" * 100_000 + """
"""

OUT_OF_RANGE = """[canvas]
brushWidth=10000

[model]
active=

[training]
model=42
epochs=1000000
batch_size=-128
learning_rate=1e99
augment=
include_samples=-1
mnist_dir=
"""


def write_settings_file(text: str) -> None:
    """The settings file as a person could leave it after editing it by hand."""
    set_app_identity()
    path = Path(QSettings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def reads_a_seven(qtbot, window) -> bool:
    with qtbot.waitSignal(window.prediction_changed, check_params_cb=lambda p: p is not None) as blocker:
        for stroke in seven(window.canvas.width()):
            draw_stroke(qtbot, window.canvas, stroke)
    return max(range(10), key=blocker.args[0].__getitem__) == 7


@pytest.mark.parametrize("text", [GARBAGE, OUT_OF_RANGE], ids=["garbage", "out of range"])
def test_a_settings_file_with_bad_values_for_every_key_gives_each_its_default(qtbot, text):
    write_settings_file(text)

    window = open_window(qtbot)

    form = window.training_panel.form
    assert window.model_path() == str(default_model_path())
    assert window.brush_slider.value() == DEFAULT_BRUSH and window.canvas.brush_width() == DEFAULT_BRUSH
    assert form.preset_combo.currentText() == "Workshop MLP" and form.epochs_spin.value() == 8
    assert form.batch_spin.value() == 128 and form.learning_rate_spin.value() == pytest.approx(0.001)
    assert not form.augment_check.isChecked() and not form.include_samples_check.isChecked()
    assert window.training_panel.mnist_dir() == default_mnist_dir()
    assert reads_a_seven(qtbot, window)


@pytest.mark.parametrize("damage", ["vanished", "corrupt"])
def test_a_remembered_model_that_is_gone_or_broken_gives_way_to_the_shipped_one_said_once(qtbot, tmp_path, damage):
    broken = tmp_path / "mine.keras"
    if damage == "corrupt":
        broken.write_bytes(b"this was a model before the disk filled up")
    set_app_identity()
    QSettings().setValue(SETTINGS_KEY, str(broken))

    window = open_window(qtbot)

    assert window.model_path() == str(default_model_path())
    notice = window.statusBar().currentMessage()
    assert "mine.keras" in notice and notice.endswith(f"using the shipped {default_model_path().stem}.")
    assert ("is gone" if damage == "vanished" else "no longer loads") in notice
    assert not QSettings().contains(SETTINGS_KEY)  # forgotten at once, not only when the window closes
    assert reads_a_seven(qtbot, window)
    window.close()

    again = open_window(qtbot)
    assert "mine.keras" not in again.statusBar().currentMessage()
    assert again.model_path() == str(default_model_path())


def impossible_copies(good: dict) -> dict[str, dict]:
    """The good sample's file with one field each that no drawing can have."""
    wrong_size = base64.b64encode(bytes(27 * 27)).decode("ascii")
    huge = 10**400  # valid JSON; float() of it raises OverflowError, not ValueError
    changes = {"nan-date": {"created": math.nan}, "huge-date": {"created": 1e300}, "label-12": {"label": 12},
               "wrong-size": {"image": wrong_size}, "400-digit-date": {"created": huge},
               "400-digit-point": {"strokes": [[[huge, 1.0], [2.0, 3.0]]]}}
    return {name: {**good, **change, "id": name} for name, change in changes.items()}


def test_samples_with_impossible_fields_are_skipped_with_a_warning_and_the_rest_load(qtbot):
    strokes = seven(280)
    good = SampleStore(samples_dir()).add(strokes, strokes_to_mnist(strokes), 7)
    for name, sample in impossible_copies(good.to_json()).items():
        (samples_dir() / f"sample-{name}.json").write_text(json.dumps(sample))

    with pytest.warns(UserWarning, match="Skipped the unreadable sample file") as warned:
        window = open_window(qtbot)
        store = window.samples_dock.store
        qtbot.waitUntil(lambda: store.loaded)  # they load in the background once the model is ready

    assert len(warned) == 6
    assert [sample.id for sample in store.samples()] == [good.id] and len(store.skipped) == 6
    window.show_samples()
    assert reads_a_seven(qtbot, window)


def test_a_run_card_and_a_remembered_design_holding_400_digit_numbers_still_open_the_window(qtbot):
    huge = 10**400  # valid JSON, edited in by hand; float() of it raises OverflowError
    run = save_run_copy(models_dir(), "edited", epochs=huge, learning_rate=huge)
    card = json.loads(run.with_suffix(".json").read_text())
    card.update(training_seconds=huge, test_accuracy=huge, gflops=huge, history={"accuracy": [huge]})
    run.with_suffix(".json").write_text(json.dumps(card))
    design = preset(WORKSHOP_MLP)
    design["training"]["learning_rate"] = huge
    write_settings_file(f"[training]\ndesign={json.dumps(json.dumps(design))}\n")

    window = open_window(qtbot)

    assert window.training_panel.form.learning_rate_spin.value() == pytest.approx(0.001)  # the default design
    window.runs_dock.open()
    table = window.runs_dock.findChild(QTableView)
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    with qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS):
        window.load_model(run)
    assert window.model_path() == str(run)
    assert change_message(run, default_model_path()).startswith("Now using edited: no test accuracy on record;")
    assert reads_a_seven(qtbot, window)


def test_an_unwritable_data_folder_still_opens_the_window_and_says_it_cannot_save(qtbot):
    app_data_dir().parent.mkdir(parents=True, exist_ok=True)
    app_data_dir().write_text("a file where DigitPad's data folder should be")

    window = open_window(qtbot)

    assert "Cannot save in" in window.findChild(QLabel, "cannotSaveLabel").text()
    assert reads_a_seven(qtbot, window)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, "7")
    assert window.statusBar().currentMessage().startswith("Could not save the sample")
    assert len(window.samples_dock.store) == 0
