"""Sample ids from elsewhere never become paths: only ids DigitPad makes are accepted, both on import and on delete."""

import csv
import json
import warnings

import numpy as np
import pytest

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.samples.sample_exchange import EXPORT_COLUMNS, EXPORT_CSV, export_samples, import_samples
from digitpad.core.samples.sample_trash import SampleTrash
from digitpad.core.samples.store import SampleError, SampleStore, make_sample
from tests.odd_style import draw

HOSTILE_IDS = ["x/../../../../.config/foo", "../outside", "/etc/passwd-copy", "ABCDEF" * 6, "a" * 31, ""]


def drawing(digit=3, seed=0):
    strokes = draw(digit, np.random.default_rng(seed))
    return strokes, strokes_to_mnist(strokes)


@pytest.fixture
def home(tmp_path):
    """A home folder with the samples folder three levels down, as under XDG_DATA_HOME."""
    (tmp_path / "home" / ".local" / "share" / "DigitPad" / "samples").mkdir(parents=True)
    return tmp_path / "home"


def samples_folder(home):
    return home / ".local" / "share" / "DigitPad" / "samples"


def every_file(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def hostile_export(folder, sample_id, file_name="00001.png"):
    """A real export whose one row is rewritten with `sample_id` (and `file_name`)."""
    source = SampleStore(folder.parent / "source")
    export_samples([source.add(*drawing(), 3)], folder)
    with open(folder / EXPORT_CSV, newline="", encoding="utf-8") as file:
        row = list(csv.DictReader(file))[0]
    (folder / row["file"]).rename(folder / "00001.png")
    row.update(id=sample_id, file=file_name)
    with open(folder / EXPORT_CSV, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, EXPORT_COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    return folder


@pytest.mark.parametrize("sample_id", HOSTILE_IDS[:4])
def test_importing_a_row_whose_id_climbs_out_writes_nothing_outside_the_samples_folder(home, tmp_path, sample_id):
    export = hostile_export(tmp_path / "export", sample_id)
    before = every_file(home)
    store = SampleStore(samples_folder(home))

    added, problems = import_samples(store, export)

    assert added == [] and len(store) == 0
    assert len(problems) == 1 and "is not one DigitPad makes" in problems[0]
    assert every_file(home) == before == []


def test_importing_a_row_whose_file_climbs_out_reads_nothing_outside_the_export(home, tmp_path):
    export = hostile_export(tmp_path / "export", "0" * 32, file_name="../../secret.png")
    store = SampleStore(samples_folder(home))

    added, problems = import_samples(store, export)

    assert added == [] and "is not a plain name in the export folder" in problems[0]


def test_a_sample_file_whose_id_climbs_out_is_skipped_and_deleting_that_id_removes_nothing_outside(home):
    folder = samples_folder(home)
    victim = home / ".config" / "foo.json"
    victim.parent.mkdir()
    victim.write_text("the person's own file")
    good = make_sample(*drawing(), 3).to_json()
    (folder / "sample-planted.json").write_text(json.dumps({**good, "id": "../../../../.config/foo"}))

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        store = SampleStore(folder)
    SampleTrash(home.parent / "trash").delete(store, ["../../../../.config/foo"])

    assert len(store) == 0 and [p.name for p in store.skipped] == ["sample-planted.json"]
    assert victim.read_text() == "the person's own file"


def test_deleting_removes_the_very_file_the_sample_was_read_from(home):
    folder = samples_folder(home)
    sample = make_sample(*drawing(), 7)
    (folder / "renamed-by-hand.json").write_text(json.dumps(sample.to_json()))
    store = SampleStore(folder)

    SampleTrash(home.parent / "trash").delete(store, [sample.id])

    assert every_file(folder) == [] and len(SampleStore(folder)) == 0


@pytest.mark.parametrize("sample_id", HOSTILE_IDS)
def test_only_ids_digitpad_makes_are_accepted(sample_id):
    with pytest.raises(SampleError, match="is not one DigitPad makes"):
        make_sample(*drawing(), 3, sample_id=sample_id)


def test_new_samples_get_ids_of_that_form_and_round_trip(tmp_path):
    store = SampleStore(tmp_path / "samples")
    sample = store.add(*drawing(), 3)

    assert len(sample.id) == 32 and int(sample.id, 16) >= 0
    assert [s.id for s in SampleStore(tmp_path / "samples").samples()] == [sample.id]
