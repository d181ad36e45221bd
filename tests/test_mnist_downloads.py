"""MNIST's two test files fetched when no folder is set: from a real HTTP server on this machine, checked, kept."""

import pytest

from digitpad.core.mnist import test_files
from digitpad.core.mnist.loading import MnistUnavailable
from digitpad.core.mnist.test_files import TEST_IMAGES, TEST_LABELS, downloaded_test_files, read_test_set
from tests.conftest import SHARED_MNIST


def test_with_no_folder_the_test_files_are_downloaded_once_and_read_in_the_official_order(mnist_test_server, tmp_path):
    url, _, requests = mnist_test_server
    kept = tmp_path / "kept"
    assert downloaded_test_files(kept, url) == kept
    images, labels = read_test_set(None, downloaded_test_files(kept, url))
    official_images, official_labels = read_test_set(SHARED_MNIST)
    assert (images == official_images).all() and (labels == official_labels).all()
    # Each file was fetched once: the second call found them kept.
    assert sorted(requests) == sorted(f"/{name}" for name in (TEST_IMAGES, TEST_LABELS))


def test_a_file_that_is_not_mnists_is_refused_and_not_kept(mnist_test_server, tmp_path):
    url, served, _ = mnist_test_server
    (served / TEST_LABELS).write_bytes(b"\x1f\x8b not the labels")
    with pytest.raises(MnistUnavailable, match="not MNIST's own") as error:
        downloaded_test_files(tmp_path / "kept", url)
    assert ". " not in str(error.value)
    assert not (tmp_path / "kept" / TEST_LABELS).exists()


def test_offline_the_reason_is_one_sentence_and_a_folder_is_still_offered(tmp_path, monkeypatch):
    monkeypatch.setattr(test_files, "TEST_FILES_URL", "http://127.0.0.1:9/")  # the discard port: nothing listens
    with pytest.raises(MnistUnavailable, match="could not be downloaded") as error:
        read_test_set(None, tmp_path / "kept")
    message = str(error.value)
    assert ". " not in message and message.endswith(".") and "choose the folder" in message
    with pytest.raises(MnistUnavailable, match="No MNIST folder is set; choose"):
        read_test_set(None)  # without a place to keep them, nothing is fetched


def test_a_test_file_damaged_inside_its_gzip_stream_is_one_sentence(tmp_path):
    folder = tmp_path / "mnist"
    folder.mkdir()
    damaged = bytearray((SHARED_MNIST / TEST_IMAGES).read_bytes())
    damaged[2000:2100] = bytes(b ^ 0xFF for b in damaged[2000:2100])  # the header reads; the stream breaks
    (folder / TEST_IMAGES).write_bytes(bytes(damaged))
    (folder / TEST_LABELS).write_bytes((SHARED_MNIST / TEST_LABELS).read_bytes())
    with pytest.raises(MnistUnavailable, match="cannot be read") as error:
        read_test_set(folder)
    assert ". " not in str(error.value)
