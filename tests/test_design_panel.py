"""Designing a network in the training panel: presets, layers edited with live counts, files, code, runs."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from digitpad.core.networks.design import normalized
from digitpad.core.networks.layer_shapes import summarize
from digitpad.core.networks.presets import PRESET_NAMES, preset
from digitpad.qt.app.app_paths import models_dir
from digitpad.qt.training.code_dialog import CodeDialog
from digitpad.qt.training.training_panel import TrainingPanel
from tests.drawing import open_window
from tests.saved_runs import save_run_copy


@pytest.fixture
def panel(qtbot, tmp_path):
    widget = TrainingPanel(models_dir=tmp_path / "models")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose(panel, name: str) -> None:
    combo = panel.findChild(QComboBox, "presetCombo")
    combo.setCurrentIndex(combo.findText(name))
    combo.activated.emit(combo.currentIndex())


def select_layer(panel, number: int) -> None:
    panel.form.editor.table.selectRow(number)  # row 0 is the input


def test_every_preset_is_offered_by_name_and_shows_its_counts(panel):
    combo = panel.findChild(QComboBox, "presetCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == list(PRESET_NAMES)

    for name in PRESET_NAMES:
        choose(panel, name)
        expected = summarize(preset(name))
        assert panel.design_summary() == {"parameters": expected.parameters, "macs": expected.macs, "error": None}
        assert panel.design()["layers"] == preset(name)["layers"]
        assert panel.train_button.isEnabled() and "about" in panel.estimate.text()


def test_editing_a_layer_changes_the_counts_at_once_and_makes_the_design_ones_own(panel):
    choose(panel, "Workshop MLP")
    select_layer(panel, 2)  # dense 128
    units = panel.form.editor.form.findChild(QSpinBox, "unitsField")

    units.setValue(32)

    assert panel.design()["layers"][1]["units"] == 32
    assert panel.design_summary()["parameters"] == 784 * 32 + 32 + 32 * 10 + 10
    assert panel.design()["name"] == "Workshop MLP (edited)"
    assert "dense 32, relu" in panel.form.editor.table.item(2, 0).text()


def test_a_design_that_cannot_be_built_names_its_layer_and_train_waits(panel):
    design = preset("LeNet-5")
    design["layers"][3:3] = [{"type": "maxpool"}, {"type": "maxpool"}, {"type": "maxpool"}]

    panel.set_design(design)

    error = panel.design_summary()["error"]
    assert error is not None and error.startswith("layer ") and "maxpool" in error
    assert not panel.train_button.isEnabled() and panel.train_button.toolTip() == error
    assert panel.form.editor.error.text() == error

    choose(panel, "LeNet-5")
    assert panel.design_summary()["error"] is None and panel.train_button.isEnabled()


def test_adding_removing_and_moving_layers(qtbot, panel):
    choose(panel, "No hidden layer")  # flatten only
    select_layer(panel, 1)
    qtbot.mouseClick(panel.findChild(type(panel.train_button), "addLayerButton"), Qt.MouseButton.LeftButton)
    assert [layer["type"] for layer in panel.design()["layers"]] == ["flatten", "dense"]

    qtbot.mouseClick(panel.findChild(type(panel.train_button), "layerUpButton"), Qt.MouseButton.LeftButton)
    assert [layer["type"] for layer in panel.design()["layers"]] == ["dense", "flatten"]
    assert panel.design_summary()["error"].startswith("layer 1, dense")  # no flat input yet

    qtbot.mouseClick(panel.findChild(type(panel.train_button), "removeLayerButton"), Qt.MouseButton.LeftButton)
    assert [layer["type"] for layer in panel.design()["layers"]] == ["flatten"]


def test_a_design_saves_and_opens_as_json_and_a_bad_file_changes_nothing(panel, tmp_path):
    choose(panel, "LeNet-5")
    path = tmp_path / "lenet.json"
    assert panel.design_actions.save_file(str(path))
    assert normalized(json.loads(path.read_text())) == normalized(panel.design())

    choose(panel, "Workshop MLP")
    assert panel.design_actions.open_file(str(path)) and panel.design()["name"] == "LeNet-5"

    bad = tmp_path / "bad.json"
    bad.write_text('{"layers": [{"type": "transformer"}]}')
    messages = []
    panel.design_actions.message.connect(messages.append)
    assert not panel.design_actions.open_file(str(bad))
    assert len(messages) == 1 and "transformer" in messages[0] and panel.design()["name"] == "LeNet-5"


def test_show_code_and_edit_design_from_the_runs_dock(qtbot, mlp_path):
    save_run_copy(models_dir(), "old-mlp", learning_rate=0.01)  # a card from before designs: derived
    window = open_window(qtbot, mlp_path)
    window.runs_dock.open()
    qtbot.waitUntil(lambda: len(window.runs_dock.view.runs()) == 1)
    window.runs_dock.view.select_runs(["old-mlp"])

    qtbot.mouseClick(window.runs_dock.view.actions.edit_button, Qt.MouseButton.LeftButton)
    assert window.training_panel.design()["training"]["learning_rate"] == pytest.approx(0.01)
    assert window.training_panel.design()["layers"] == preset("Workshop MLP")["layers"]

    qtbot.mouseClick(window.runs_dock.view.actions.code_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(CodeDialog, "codeDialog")
    assert dialog.isVisible() and "test accuracy" in dialog.script() and "tensorflow_datasets" in dialog.script()

    window.show_code_action.trigger()  # the model in use: the shipped MLP
    assert "Dense(128" in window.findChildren(CodeDialog, "codeDialog")[-1].script()
