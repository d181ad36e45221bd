"""Renaming and deleting runs: every file of a run moves together, and a deletion can be undone."""

import os
import time

import pytest

from digitpad.core.file_trash import purge_stale_trash
from digitpad.core.runs.run_files import RunFileError, RunTrash, checked_name, rename_run
from tests.saved_runs import names_in, save_run_copy

RUN_FILES = ["{}.json", "{}.keras", "{}.png", "{}.tflite"]


def files_of(name: str) -> list[str]:
    return [pattern.format(name) for pattern in RUN_FILES]


def test_renaming_moves_model_card_curve_and_twin_together(tmp_path):
    model = save_run_copy(tmp_path, "mlp-2026-11-24-1032", twin=True)
    card = model.with_suffix(".json").read_bytes()

    renamed = rename_run(model, "  high learning rate ")

    assert renamed == tmp_path / "high learning rate.keras"
    assert names_in(tmp_path) == files_of("high learning rate")
    assert renamed.with_suffix(".json").read_bytes() == card


def test_a_name_typed_with_its_suffix_keeps_one_suffix(tmp_path):
    model = save_run_copy(tmp_path, "a")

    assert rename_run(model, "b.keras").name == "b.keras"


def test_renaming_onto_another_run_is_refused_and_changes_nothing(tmp_path):
    first = save_run_copy(tmp_path, "first", twin=True)
    save_run_copy(tmp_path, "second")
    before = names_in(tmp_path)

    with pytest.raises(RunFileError, match="already exists"):
        rename_run(first, "second")

    assert names_in(tmp_path) == before


@pytest.mark.parametrize("name", ["", "   ", "../elsewhere", "a/b", ".hidden", "x.partial", "tab\tname"])
def test_names_that_cannot_be_a_run_are_refused_in_one_sentence(name):
    with pytest.raises(RunFileError) as error:
        checked_name(name)

    message = str(error.value)
    assert message.endswith(".") and message.count(". ") == 0


def test_a_deleted_run_leaves_the_folder_whole_and_comes_back_on_undo(tmp_path):
    models, trash = tmp_path / "models", RunTrash(tmp_path / "trash")
    kept = save_run_copy(models, "kept")
    gone = save_run_copy(models, "gone", twin=True)
    original = gone.read_bytes()

    trash.delete([gone])

    assert names_in(models) == files_of("kept")[:3]
    assert trash.can_undo()
    assert trash.undo() == [gone]
    assert names_in(models) == sorted(files_of("kept")[:3] + files_of("gone"))
    assert gone.read_bytes() == original and kept.exists()
    assert not trash.can_undo()


def test_several_runs_deleted_at_once_come_back_with_one_undo_and_older_deletions_with_the_next(tmp_path):
    models, trash = tmp_path / "models", RunTrash(tmp_path / "trash")
    a, b, c = (save_run_copy(models, name) for name in "abc")

    trash.delete([a])
    trash.delete([b, c])

    assert names_in(models) == []
    assert sorted(trash.undo()) == [b, c]
    assert trash.undo() == [a]
    with pytest.raises(RunFileError, match="Nothing was deleted"):
        trash.undo()


def test_undo_never_overwrites_a_run_made_since_under_the_same_name(tmp_path):
    models, trash = tmp_path / "models", RunTrash(tmp_path / "trash")
    run = save_run_copy(models, "a")
    trash.delete([run])
    newer = save_run_copy(models, "a", source="cnn").read_bytes()

    with pytest.raises(RunFileError, match="exists again"):
        trash.undo()

    assert run.read_bytes() == newer and trash.can_undo()


def test_purging_removes_the_deleted_runs_for_good(tmp_path):
    models, trash = tmp_path / "models", RunTrash(tmp_path / "trash")
    trash.delete([save_run_copy(models, "a")])

    trash.purge()

    assert not (tmp_path / "trash").exists() and names_in(models) == []
    assert not trash.can_undo()


def test_deleting_a_run_that_is_already_gone_says_so(tmp_path):
    with pytest.raises(RunFileError, match="no longer exist"):
        RunTrash(tmp_path / "trash").delete([tmp_path / "ghost.keras"])


def test_trash_left_by_a_crashed_session_is_purged_but_a_live_sessions_is_kept(tmp_path):
    root = tmp_path / "trash"
    crashed, live, own = root / "session-1", root / "session-2", root / "session-3"
    for folder in (crashed, live, own):
        (folder / "1").mkdir(parents=True)
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(crashed, (two_days_ago, two_days_ago))
    os.utime(own, (two_days_ago, two_days_ago))

    purge_stale_trash(root, own)

    assert sorted(path.name for path in root.iterdir()) == ["session-2", "session-3"]
