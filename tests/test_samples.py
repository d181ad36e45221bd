"""The person's labelled samples: stored atomically, survive restarts, skip damage, export and import."""

import csv
import json

import numpy as np
import pytest
from PIL import Image

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.samples.sample_exchange import EXPORT_CSV, export_samples, import_files, import_samples, read_export
from digitpad.core.samples.sample_files import read_sample_files, sample_file_names
from digitpad.core.samples.sample_trash import SampleTrash
from digitpad.core.samples.store import SampleError, SampleStore
from tests.odd_style import draw


def drawing(digit: int, seed: int = 0):
    strokes = draw(digit, np.random.default_rng(seed))
    return strokes, strokes_to_mnist(strokes)


@pytest.fixture
def store(tmp_path):
    return SampleStore(tmp_path / "samples")


def test_adding_a_sample_stores_its_strokes_image_and_label(store):
    strokes, image = drawing(4)

    sample = store.add(strokes, image, 4)

    assert len(store) == 1 and store.samples() == [sample]
    assert sample.label == 4
    assert sample.strokes == [[tuple(point) for point in stroke] for stroke in strokes]
    assert np.abs(sample.image - image).max() <= 0.5 / 255
    assert store.counts() == [0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert list(store.folder.glob("*.json")) == [store.folder / f"sample-{sample.id}.json"]


def test_samples_survive_a_restart(store):
    added = [store.add(*drawing(digit, seed=digit), digit) for digit in (7, 1, 7)]

    reopened = SampleStore(store.folder)

    assert [s.id for s in reopened.samples()] == [s.id for s in added]
    assert [s.label for s in reopened.samples(7)] == [7, 7]
    for before, after in zip(added, reopened.samples()):
        assert after.strokes == before.strokes
        assert np.array_equal(after.pixels, before.pixels)
        assert after.created == before.created
    images, labels = reopened.arrays()
    assert images.shape == (3, 28, 28) and images.dtype == np.float32 and labels.tolist() == [7, 1, 7]


def test_a_truncated_sample_file_is_skipped_with_a_warning(store):
    kept = store.add(*drawing(2), 2)
    damaged = store.add(*drawing(3), 3)
    path = store.folder / f"sample-{damaged.id}.json"
    path.write_bytes(path.read_bytes()[:100])  # as a crash mid-write without atomic saves would leave it

    with pytest.warns(UserWarning, match=path.name):
        reopened = SampleStore(store.folder)

    assert [s.id for s in reopened.samples()] == [kept.id]
    assert reopened.skipped == [path]


def test_a_file_with_a_bad_label_or_image_is_skipped(store):
    sample = store.add(*drawing(5), 5)
    data = sample.to_json()
    (store.folder / "sample-badlabel.json").write_text(json.dumps({**data, "id": "a", "label": 12}))
    (store.folder / "sample-badimage.json").write_text(json.dumps({**data, "id": "b", "image": "AAAA"}))

    with pytest.warns(UserWarning):
        reopened = SampleStore(store.folder)

    assert [s.id for s in reopened.samples()] == [sample.id]
    assert len(reopened.skipped) == 2


def test_a_number_too_large_for_a_float_or_lists_nested_too_deep_only_skip_their_own_files(store):
    kept = [store.add(*drawing(digit, seed=digit), digit) for digit in (1, 2)]
    data = kept[0].to_json()
    huge = 10**400  # valid JSON; float() of it raises OverflowError, not ValueError
    for name, change in (("a" * 32, {"strokes": [[[huge, 1]]]}), ("b" * 32, {"created": huge})):
        (store.folder / f"sample-{name}.json").write_text(json.dumps({**data, "id": name, **change}))
    (store.folder / f"sample-{'c' * 32}.json").write_text('{"strokes": ' + "[" * 100_000)

    with pytest.warns(UserWarning):
        reopened = SampleStore(store.folder)

    assert sorted(s.id for s in reopened.samples()) == sorted(s.id for s in kept) and len(reopened.skipped) == 3


def test_strokes_mixing_pressure_and_none_load_and_malformed_points_are_named(store):
    sample = store.add([[(1.0, 2.0), (3.0, 4.0, 0.5)], []], np.zeros((28, 28)), 4)
    data = sample.to_json()
    for index, points in enumerate(([[1, 2, 3, 4]], [[1, float("nan")]], [[]], [1, 2], [[[1, 2]]], [["x", 1]])):
        name = f"{index:x}" * 32
        (store.folder / f"sample-{name}.json").write_text(json.dumps({**data, "id": name, "strokes": [points]}))

    with pytest.warns(UserWarning):
        reopened = SampleStore(store.folder)

    assert [s.id for s in reopened.samples()] == [sample.id] and len(reopened.skipped) == 6
    assert reopened.samples()[0].strokes == [[(1.0, 2.0), (3.0, 4.0, 0.5)], []]


def test_a_crashed_write_leaves_earlier_samples_and_no_sample(store):
    kept = store.add(*drawing(0), 0)
    (store.folder / f".sample-{'f' * 32}.json.123.tmp").write_bytes(b'{"format": "digitpad-sam')

    reopened = SampleStore(store.folder)

    assert [s.id for s in reopened.samples()] == [kept.id] and reopened.skipped == []


def test_deleting_removes_the_sample_from_memory_and_disk(store, tmp_path):
    keep = store.add(*drawing(6), 6)
    gone = store.add(*drawing(9), 9)

    SampleTrash(tmp_path / "trash").delete(store, [gone.id])

    assert store.samples() == [keep] and store.get(gone.id) is None
    assert [s.id for s in SampleStore(store.folder).samples()] == [keep.id]


def test_labels_must_be_digits(store):
    strokes, image = drawing(1)
    for label in (10, -1, "x", 2.5, True):
        with pytest.raises(SampleError):
            store.add(strokes, image, label)
    assert len(store) == 0 and not list(store.folder.glob("*.json"))


def test_export_writes_pngs_and_a_csv_that_import_reads_back(store, tmp_path):
    originals = [store.add(*drawing(digit, seed=digit), digit) for digit in range(10)]

    csv_path = export_samples(store.samples(), tmp_path / "export")

    with open(csv_path, newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["label"] for row in rows] == [str(d) for d in range(10)]
    with Image.open(csv_path.parent / rows[3]["file"]) as png:
        assert png.size == (28, 28) and np.array_equal(np.asarray(png), originals[3].pixels)
    other = SampleStore(tmp_path / "other")
    added, problems = import_samples(other, tmp_path / "export")
    assert problems == [] and len(added) == 10
    for before, after in zip(originals, SampleStore(tmp_path / "other").samples()):
        assert (after.id, after.label, after.strokes) == (before.id, before.label, before.strokes)
        assert np.array_equal(after.pixels, before.pixels)


def test_importing_the_same_export_twice_adds_nothing_new(store, tmp_path):
    store.add(*drawing(8), 8)
    export_samples(store.samples(), tmp_path / "export")

    added, _ = import_samples(store, tmp_path / "export")

    assert added == [] and len(store) == 1


def test_import_rederives_a_missing_image_from_the_strokes_and_reports_bad_rows(tmp_path):
    strokes, image = drawing(3)
    folder = tmp_path / "handmade"
    folder.mkdir()
    with open(folder / EXPORT_CSV, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["file", "label", "strokes"])
        writer.writerow(["missing.png", "3", json.dumps(strokes)])
        writer.writerow(["missing.png", "eleven", json.dumps(strokes)])
        writer.writerow(["missing.png", "3", json.dumps([[[10**400, 1]]])])  # too large for a float

    samples, problems = read_export(folder)

    assert len(samples) == 1 and samples[0].label == 3
    assert np.abs(samples[0].image - image).max() <= 0.5 / 255
    assert len(problems) == 2 and "line 3" in problems[0] and "line 4" in problems[1]


def test_a_long_drawing_exported_imports_again(store, tmp_path):
    turns = np.linspace(0, 20 * np.pi, 10_000)  # a slow pen on a tablet: 10,000 points, 0.5 MB of CSV
    stroke = [(140 + np.cos(t) * t * 1.6, 140 + np.sin(t) * t * 1.6, 0.5) for t in turns]
    store.add([stroke], strokes_to_mnist([stroke]), 0)
    export_samples(store.samples(), tmp_path / "export")

    other = SampleStore(tmp_path / "other")
    added, problems = import_samples(other, tmp_path / "export")

    assert problems == [] and len(added) == 1 and added[0].strokes == store.samples()[0].strokes


def test_a_csv_of_pictures_saved_by_a_spreadsheet_with_a_byte_order_mark_imports(store, tmp_path):
    store.add(*drawing(8), 8)
    export_samples(store.samples(), tmp_path / "export")
    (picture,) = (tmp_path / "export").glob("*.png")
    # A list of pictures and labels made in a spreadsheet, saved as "CSV UTF-8": a BOM before "file".
    (tmp_path / "export" / EXPORT_CSV).write_text(f"file,label\n{picture.name},8\n", encoding="utf-8-sig")

    added, problems = import_samples(SampleStore(tmp_path / "other"), tmp_path / "export")

    assert problems == [] and [s.label for s in added] == [8]
    assert np.array_equal(added[0].pixels, store.samples()[0].pixels)


@pytest.mark.parametrize("content, reason", [
    ("file,label\ncaf\xe9.png,3\n".encode("latin-1"), "is not UTF-8 text; save it as CSV UTF-8"),
    (b'file,label\n"x.png,3\n' + b"x" * 70_000_000, "cannot be read as CSV"),
], ids=["latin-1", "a field of 70 MB"])
def test_a_csv_that_cannot_be_read_is_one_sentence(store, tmp_path, content, reason):
    (tmp_path / EXPORT_CSV).write_bytes(content)

    with pytest.raises(SampleError, match=reason) as error:
        import_samples(store, tmp_path)
    assert ". " not in str(error.value)


def test_an_imported_file_the_loader_read_meanwhile_is_not_taken_for_a_copy(store, tmp_path):
    source = SampleStore(tmp_path / "source")
    source.add(*drawing(2), 2)
    export_samples(source.samples(), tmp_path / "export")
    added, _ = import_files(store.folder, tmp_path / "export", store.ids())  # on the exchange's thread
    store.merge(*read_sample_files(store.folder, sample_file_names(store.folder)))  # the loader got there first

    assert store.merge(added) == 0 and len(store) == 1
    SampleTrash(tmp_path / "trash").delete(store, [added[0].id])
    import_files(store.folder, tmp_path / "export", store.ids())  # another window imports it again
    assert store.unknown_files(sample_file_names(store.folder)) == [f"sample-{added[0].id}.json"]


def test_importing_a_folder_without_a_csv_says_so(store, tmp_path):
    with pytest.raises(SampleError, match=EXPORT_CSV):
        import_samples(store, tmp_path)


def test_an_undone_deletion_brings_back_the_samples_whose_files_it_moved(store, tmp_path):
    from pathlib import Path

    for seed, digit in enumerate([3, 3, 3, 7]):
        store.add(*drawing(digit, seed), digit)
    trash = SampleTrash(tmp_path / "trash")
    threes = [sample.id for sample in store.samples(3)]
    gone_elsewhere = store.get(threes[0])
    Path(gone_elsewhere.file).unlink()  # another window deleted this one meanwhile

    assert trash.delete(store, threes) == len(threes) and store.counts()[3] == 0

    trash.undo(store)
    assert sorted(sample.id for sample in store.samples(3)) == sorted(threes[1:])
    assert len(SampleStore(store.folder).samples(3)) == len(threes) - 1 and not trash.can_undo()
