"""MNIST from a manual folder: the official files are accepted, anything else is named."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digitpad.core.mnist.loading import (
    OFFICIAL_FILES,
    TFDS_MNIST_VERSION,
    MnistUnavailable,
    check_mnist_dir,
    load_mnist,
)

ROOT = Path(__file__).resolve().parent.parent


def test_the_official_files_pass_and_load_as_in_memory_arrays(mnist):
    assert mnist.x_train.shape == (60_000, 28, 28, 1) and mnist.x_test.shape == (10_000, 28, 28, 1)
    assert mnist.x_train.dtype.name == "uint8"
    assert sorted(set(mnist.y_test.tolist())) == list(range(10))
    assert abs(mnist.x_train.mean() / 255 - 0.1307) < 0.001  # MNIST's well-known mean pixel


def test_a_missing_folder_is_reported_in_one_sentence(tmp_path):
    with pytest.raises(MnistUnavailable, match="does not exist"):
        load_mnist(tmp_path / "nowhere", str(tmp_path / "tfds"))


def test_a_missing_file_is_named(tmp_path, monkeypatch):
    folder = copy_official_files(tmp_path)
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()

    with pytest.raises(MnistUnavailable, match="has no t10k-labels-idx1-ubyte.gz"):
        check_mnist_dir(folder)


def test_a_corrupt_file_is_named_and_nothing_is_prepared(tmp_path):
    folder = copy_official_files(tmp_path)
    damaged = folder / "train-images-idx3-ubyte.gz"
    damaged.write_bytes(damaged.read_bytes()[:1000])

    with pytest.raises(MnistUnavailable, match="train-images-idx3-ubyte.gz is corrupt") as error:
        load_mnist(folder, str(tmp_path / "tfds"))
    assert str(error.value).count(".") >= 1 and "\n" not in str(error.value)
    assert not (tmp_path / "tfds").exists()


def copy_official_files(tmp_path):
    from tests.conftest import SHARED_MNIST

    folder = tmp_path / "mnist"
    folder.mkdir()
    for name in OFFICIAL_FILES:
        shutil.copy(SHARED_MNIST / name, folder / name)
    return folder


def test_offline_without_a_folder_fails_at_once_instead_of_retrying_for_minutes(tmp_path, monkeypatch):
    import time

    import digitpad.core.mnist.loading

    # Stand in for "no internet" with an address nothing listens on (loopback, port 9).
    monkeypatch.setattr(digitpad.core.mnist.loading, "DOWNLOAD_HOST", ("127.0.0.1", 9))
    started = time.perf_counter()
    with pytest.raises(MnistUnavailable, match="download server cannot be reached") as raised:
        load_mnist(None, str(tmp_path / "empty-tfds"))
    assert "Train a model > Training" in str(raised.value) and "--mnist-dir" in str(raised.value)  # where to choose
    assert time.perf_counter() - started < 5


def test_prepared_data_loads_without_the_folder_or_the_network(monkeypatch):
    import os

    import digitpad.core.mnist.loading

    monkeypatch.setattr(digitpad.core.mnist.loading, "DOWNLOAD_HOST", ("127.0.0.1", 9))
    mnist = load_mnist(None, os.environ["DIGITPAD_TFDS_DIR"])
    assert len(mnist.y_train) == 60_000


def test_a_fresh_preparation_counts_its_examples_then_the_decoded_arrays_are_cached_and_a_damaged_cache_rebuilt(
        tmp_path, caplog):
    import numpy as np

    from tests.conftest import SHARED_MNIST

    data_dir = tmp_path / "tfds"
    reports = []  # one tfds folder prepared afresh (~20 s) serves both halves of this test
    first = load_mnist(SHARED_MNIST, str(data_dir), progress=lambda *report: reports.append(report))
    for stage in ("preparing", "decoding"):
        done = [report[0] for report in reports if report[3] == stage]
        assert len(done) >= 3 and done == sorted(done) and done[-1] == 70_000, (stage, done)
        assert {report[1] for report in reports if report[3] == stage} == {70_000}
    assert [report[3] for report in reports] == sorted(report[3] for report in reports)[::-1]  # preparing first
    seconds_left = [report[2] for report in reports if report[2] is not None]
    assert seconds_left and all(left >= 0 for left in seconds_left) and seconds_left[-1] == 0.0
    assert [r.getMessage() for r in caplog.records if r.name == "absl"] == []  # "Variant folder ... has no ..."

    reports.clear()
    (cache,) = data_dir.glob("mnist/*/digitpad-arrays.npz")
    second = load_mnist(SHARED_MNIST, str(data_dir), progress=lambda *report: reports.append(report))
    np.testing.assert_array_equal(second.x_train, first.x_train)
    assert reports == []  # read from the cache: no work worth a bar

    cache.write_bytes(cache.read_bytes()[:1000])  # a crash mid-copy, say
    third = load_mnist(SHARED_MNIST, str(data_dir))
    np.testing.assert_array_equal(third.y_test, first.y_test)
    assert cache.stat().st_size > 50_000_000


def test_a_prepared_mnist_with_its_array_cache_loads_without_importing_tensorflow_datasets(mnist):
    script = (
        "import sys; from digitpad.core.mnist.loading import default_mnist_dir, default_tfds_dir, load_mnist; "
        "m = load_mnist(default_mnist_dir(), default_tfds_dir()); "
        "print(len(m.x_train), 'tensorflow_datasets' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)

    assert done.stdout.split() == ["60000", "False"], done.stderr


def test_the_cache_is_looked_for_in_the_folder_of_the_mnist_version_tfds_prepares():
    import tensorflow_datasets as tfds

    assert str(tfds.builder("mnist").version) == TFDS_MNIST_VERSION
