"""Temporary files: unique names, so concurrent writers never collide, and a sweep of what crashes left behind."""

import os
import threading
import time

import pytest

from digitpad.core.atomic_files import (
    partial_sibling,
    remove_stale_temporaries,
    temporary_sibling,
    text_written_atomically,
    write_bytes_atomically,
)
from digitpad.qt.app.app_paths import models_dir, trained_models

DAY_S = 24 * 3600


def file_aged(path, seconds):
    """Create `path`, last modified `seconds` ago."""
    path.write_bytes(b"half")
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_two_temporary_names_for_one_target_differ_within_one_process(tmp_path):
    target = tmp_path / "m.keras"
    assert temporary_sibling(target) != temporary_sibling(target)
    assert partial_sibling(target) != partial_sibling(target)
    assert partial_sibling(target).suffix == ".keras"  # Keras insists on it


def test_threads_writing_one_file_at_once_never_trip_over_each_others_temporary(tmp_path):
    target, errors = tmp_path / "card.json", []

    def write(payload):
        try:
            for _ in range(200):
                write_bytes_atomically(target, payload)
        except OSError as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(bytes([n]) * 10_000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(set(target.read_bytes())) == 1  # one writer's whole payload, never a mix
    assert [p.name for p in tmp_path.iterdir()] == ["card.json"]


def test_stale_temporaries_older_than_a_day_are_removed_and_everything_else_is_kept(tmp_path):
    models = tmp_path / "data" / "models"
    models.mkdir(parents=True)
    stale = [file_aged(models / "cnn.partial-12-ab.keras", DAY_S + 60),
             file_aged(models / ".cnn.json.99.tmp", 2 * DAY_S),
             file_aged(models / "mlp.partial.keras", 3 * DAY_S)]
    kept = [file_aged(models / "mlp.partial-13-cd.keras", 60),  # another DigitPad may be writing it now
            file_aged(models / "old-model.keras", 30 * DAY_S)]

    removed = remove_stale_temporaries(tmp_path / "data")

    assert sorted(removed) == sorted(stale)
    assert all(path.exists() for path in kept) and not any(path.exists() for path in stale)


def test_a_model_still_being_written_is_not_offered(tmp_path):
    folder = models_dir()
    folder.mkdir(parents=True)
    (folder / "done.keras").write_bytes(b"")
    partial_sibling(folder / "busy.keras").write_bytes(b"")

    assert [p.name for p in trained_models()] == ["done.keras"]


def test_a_text_file_written_a_piece_at_a_time_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "samples.csv"
    target.write_text("the export before\n")
    with pytest.raises(OSError), text_written_atomically(target) as file:
        file.write("half of the rows\n")
        assert target.read_text() == "the export before\n"  # nothing in place while it is written
        raise OSError("the disk filled up")
    assert target.read_text() == "the export before\n" and os.listdir(tmp_path) == ["samples.csv"]

    with text_written_atomically(target) as file:
        file.write("file,label\n")
        file.write("a.png,7\n")
    assert target.read_text() == "file,label\na.png,7\n" and os.listdir(tmp_path) == ["samples.csv"]

