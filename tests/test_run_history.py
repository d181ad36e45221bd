"""Run history: the runs of a models folder read from their cards, and what sets each apart."""

import datetime
import json

import pytest

from digitpad.core.runs.run_history import legend_labels, list_runs
from digitpad.core.runs.run_table import build_table, run_settings
from tests.saved_runs import ASSETS, save_run_copy

DAY = 24 * 3600


def test_lists_every_run_newest_first_with_what_its_card_says(tmp_path):
    save_run_copy(tmp_path, "mlp-old", mtime=1_700_000_000)
    save_run_copy(tmp_path, "cnn-new", source="cnn", mtime=1_700_000_000 + DAY, epochs=6, learning_rate=0.003)
    card = json.loads((ASSETS / "cnn.json").read_text())

    runs = list_runs(tmp_path)

    assert [run.name for run in runs] == ["cnn-new", "mlp-old"]
    cnn = runs[0]
    assert cnn.kind == "cnn"
    assert cnn.saved == datetime.datetime.fromtimestamp(1_700_000_000 + DAY)
    assert cnn.seconds == card["training_seconds"]
    assert cnn.training_accuracy == card["history"]["accuracy"][-1]
    assert cnn.validation_accuracy == card["history"]["val_accuracy"][-1]
    settings = run_settings(cnn.card)
    assert {key: settings[key] for key in ("epochs", "batch_size", "learning_rate", "augment")} == {
        "epochs": 6, "batch_size": 512, "learning_rate": 0.003, "augment": True}


def test_half_written_saves_and_other_files_are_not_runs(tmp_path):
    save_run_copy(tmp_path, "mlp-1")
    (tmp_path / "mlp-2.partial.keras").write_bytes(b"half")
    (tmp_path / "notes.txt").write_text("hello")

    assert [run.name for run in list_runs(tmp_path)] == ["mlp-1"]


@pytest.mark.parametrize("text", ["{not json", "[" * 100_000, '{"macs": ' + "9" * 5_000 + "}"],
                         ids=["not json", "nested 100,000 deep", "a 5,000-digit number"])
def test_a_run_without_a_readable_card_is_listed_with_blanks(tmp_path, text):
    save_run_copy(tmp_path, "mlp-1")
    (tmp_path / "mlp-1.json").write_text(text)

    (run,) = list_runs(tmp_path)

    assert (run.kind, run.seconds, run.training_accuracy, run.validation_accuracy) == ("?", None, None, None)
    assert run_settings(run.card) == {}


def test_a_card_with_numbers_no_float_can_hold_blanks_its_own_cells_and_the_table_still_shows(tmp_path):
    huge = 10**400  # valid JSON; float() of it raises OverflowError
    save_run_copy(tmp_path, "mlp-fine", mtime=1_700_000_000)
    save_run_copy(tmp_path, "mlp-edited", mtime=1_700_000_000 + DAY, learning_rate=huge, epochs=huge)
    path = tmp_path / "mlp-edited.json"
    card = json.loads(path.read_text())
    card.update(training_seconds=huge, test_accuracy=huge, parameters=huge, macs=huge, gflops=-huge,
                history={"accuracy": [huge], "val_accuracy": [float("inf")]})
    path.write_text(json.dumps(card, allow_nan=True))

    edited, fine = list_runs(tmp_path)
    table = build_table([edited, fine])

    assert (edited.seconds, edited.training_accuracy, edited.validation_accuracy) == (None, None, None)
    assert [row.name for row in table.rows] == ["mlp-edited", "mlp-fine"]
    assert all(value is None for value in table.rows[0].numbers.values())
    assert all(value is not None for value in table.rows[1].numbers.values())
    assert legend_labels([edited, fine])[1] == "mlp-fine · 8 epochs, lr 0.001"


def test_a_missing_folder_has_no_runs(tmp_path):
    assert list_runs(tmp_path / "nowhere") == []


def test_the_legend_names_each_run_and_only_the_settings_that_differ(tmp_path):
    save_run_copy(tmp_path, "slow", learning_rate=0.001, mtime=1_700_000_000)
    save_run_copy(tmp_path, "fast", learning_rate=0.01, mtime=1_700_000_001)
    save_run_copy(tmp_path, "fast-augmented", learning_rate=0.01, augment=True, mtime=1_700_000_002)

    runs = list_runs(tmp_path)

    assert legend_labels(runs) == [
        "fast-augmented · lr 0.01, augmented",
        "fast · lr 0.01, no augmentation",
        "slow · lr 0.001, no augmentation",
    ]
    assert legend_labels(runs[1:2]) == ["fast"]  # alone, nothing sets it apart


def test_runs_of_different_kinds_are_told_apart_by_their_kind(tmp_path):
    save_run_copy(tmp_path, "a", source="mlp", mtime=1_700_000_000)
    save_run_copy(tmp_path, "b", source="cnn", mtime=1_700_000_001, epochs=6, learning_rate=0.003, seed=42)

    assert legend_labels(list_runs(tmp_path)) == [
        "b · cnn, 6 epochs, batch 512, lr 0.003, augmented", "a · mlp, 8 epochs, batch 128, lr 0.001, no augmentation"
    ]


def test_identical_recipes_get_just_their_names(tmp_path):
    save_run_copy(tmp_path, "a", mtime=1_700_000_000)
    save_run_copy(tmp_path, "b", mtime=1_700_000_001)

    assert legend_labels(list_runs(tmp_path)) == ["b", "a"]


def test_a_runs_files_are_its_model_card_curve_and_twin(tmp_path):
    save_run_copy(tmp_path, "mlp-1", twin=True)

    (run,) = list_runs(tmp_path)

    assert [path.name for path in run.files()] == ["mlp-1.keras", "mlp-1.json", "mlp-1.png", "mlp-1.tflite"]
