"""MNIST through tensorflow-datasets, online or from a folder of the four official files.

Pure: no Qt. The arrays are loaded once into memory (60,000 x 28 x 28 bytes is 47 MB) and
every epoch is served from there, which is what makes training fast on a CPU.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import os
import socket
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.core.mnist.mnist_progress import ExampleCounter, ProgressCallback, counting_examples

MNIST_DIR_ENV = "DIGITPAD_MNIST_DIR"
TFDS_DIR_ENV = "DIGITPAD_TFDS_DIR"

# The sums tensorflow-datasets registers for its `mnist` builder: a file that passes these is
# byte for byte the official one, so it is the only check that can name the bad file.
OFFICIAL_FILES = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}


# Where tensorflow-datasets downloads MNIST from. Offline, tfds retries for minutes before it
# gives up; a few seconds of "is it reachable?" first lets the app say so at once.
DOWNLOAD_HOST = ("storage.googleapis.com", 443)
REACHABILITY_TIMEOUT_S = 3.0
# Decoding tfds' 70,000 PNG-encoded records takes seconds; the arrays take 55 MB as .npz.
ARRAY_CACHE = "digitpad-arrays.npz"
# With a progress callback the records are decoded this many at a time, so the bar can move.
DECODE_BATCH = 5_000
# The version of tfds' `mnist` builder, whose folder holds the cache. Should tfds move on, the
# cache is simply looked for through tfds again.
TFDS_MNIST_VERSION = "3.0.1"


# Where a person chooses the folder, for the messages that ask for one: the window or the command line.
WHERE_TO_CHOOSE = "the MNIST folder under Train a model > Training, or train_model.py --mnist-dir"


class MnistUnavailable(Exception):
    """MNIST could not be had; the message is one sentence saying what to do."""


@dataclass(frozen=True)
class Mnist:
    """The MNIST splits as uint8 images (N, 28, 28, 1) and int64 labels (N,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def default_mnist_dir() -> str | None:
    """The offline MNIST folder named by the environment, if any."""
    return os.environ.get(MNIST_DIR_ENV) or None


def default_tfds_dir() -> str | None:
    """The tensorflow-datasets data folder named by the environment (None: tfds' default)."""
    return os.environ.get(TFDS_DIR_ENV) or None


def check_mnist_dir(mnist_dir: str | os.PathLike) -> None:
    """Raise MnistUnavailable naming the first missing or corrupt official file in the folder."""
    folder = Path(mnist_dir)
    if not folder.is_dir():
        raise MnistUnavailable(
            f"The MNIST folder {folder} does not exist; choose the folder that holds the four "
            "official MNIST .gz files."
        )
    for name, expected in OFFICIAL_FILES.items():
        path = folder / name
        if not path.is_file():
            raise MnistUnavailable(
                f"The MNIST folder {folder} has no {name}; copy the four official MNIST .gz "
                "files into it."
            )
        if _sha256(path) != expected:
            raise MnistUnavailable(
                f"The MNIST file {path} is corrupt (its checksum is wrong); replace it with the "
                "official file."
            )


def load_mnist(mnist_dir: str | os.PathLike | None = None, data_dir: str | None = None,
               progress: ProgressCallback | None = None) -> Mnist:
    """Load MNIST as in-memory arrays, preparing it with tensorflow-datasets on first use.

    With `mnist_dir`, the four official files there are used instead of a download. The
    decoded arrays are cached beside tfds' prepared data, so later loads skip decoding.
    `progress(done, total, seconds_left, stage)` hears how the preparation, then the decoding,
    of the 70,000 examples goes (only when there is such work: seconds, not a cache read).
    """
    if mnist_dir is not None:
        check_mnist_dir(mnist_dir)
    if (cached := _cache_of_prepared_mnist(data_dir)) is not None:
        # tensorflow-datasets (and with it TensorFlow) not even imported: the window's case, and
        # a fraction of a second of every train_model.py start
        return cached
    with _tfds_notes_quietened():
        return _prepared_with_tfds(mnist_dir, data_dir, progress)


def _prepared_with_tfds(mnist_dir, data_dir, progress: ProgressCallback | None) -> Mnist:
    """MNIST from tfds' prepared data and the array cache beside it, prepared first (and cached) if need be."""
    import tensorflow_datasets as tfds

    download_config = None
    if mnist_dir is not None:
        download_config = tfds.download.DownloadConfig(manual_dir=os.fspath(mnist_dir))
    builder = tfds.builder("mnist", data_dir=data_dir)
    cache = Path(builder.data_dir) / ARRAY_CACHE
    if builder.is_prepared() and (cached := _read_cache(cache)) is not None:
        return cached
    if download_config is None and not builder.is_prepared() and not _download_host_reachable():
        raise MnistUnavailable(
            "MNIST is not downloaded yet and the download server cannot be reached; connect to "
            f"the internet or choose a folder with the four official MNIST .gz files ({WHERE_TO_CHOOSE})."
        )
    mnist = _load_with_tfds(data_dir, download_config, progress)
    _write_cache(cache, mnist)
    return mnist


@contextmanager
def _tfds_notes_quietened() -> Iterator[None]:
    """tfds' warnings while it looks for data not prepared yet kept from the terminal: they mean nothing to a person.

    ("Variant folder .../mnist/3.0.1 has no dataset_info.json", twice, before a first preparation.)
    Errors still show, and tfds' own line saying where it prepares MNIST stays.
    """
    logger = logging.getLogger("absl")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _load_with_tfds(data_dir, download_config, progress: ProgressCallback | None = None) -> Mnist:
    import tensorflow_datasets as tfds

    tfds.disable_progress_bar()
    try:
        with counting_examples(progress):
            splits = tfds.load(
                "mnist",
                split=["train", "test"],
                as_supervised=True,
                batch_size=-1 if progress is None else DECODE_BATCH,
                data_dir=data_dir,
                download_and_prepare_kwargs={"download_config": download_config},
            )
    except Exception as error:  # tfds raises many kinds; the user needs one sentence.
        raise MnistUnavailable(
            "MNIST could not be downloaded or prepared; check the internet connection or choose "
            f"a folder with the four official MNIST .gz files ({WHERE_TO_CHOOSE}; {type(error).__name__})."
        ) from error
    if progress is None:
        (x_train, y_train), (x_test, y_test) = tfds.as_numpy(splits)
        return Mnist(x_train, y_train, x_test, y_test)
    decoding = ExampleCounter(progress, stage="decoding")
    (x_train, y_train), (x_test, y_test) = (_decoded(split, decoding) for split in tfds.as_numpy(splits))
    decoding.finish()
    return Mnist(x_train, y_train, x_test, y_test)


def _decoded(batches, counter: ExampleCounter) -> tuple[np.ndarray, np.ndarray]:
    """One split's (images, labels), decoded batch by batch so that the counter can follow."""
    images, labels = [], []
    for image_batch, label_batch in batches:
        images.append(image_batch)
        labels.append(label_batch)
        counter.add(len(label_batch))
    return np.concatenate(images), np.concatenate(labels)


def _cache_of_prepared_mnist(data_dir: str | None) -> Mnist | None:
    """The cached arrays beside tfds' prepared `mnist`, found as tfds would find them, or None."""
    root = data_dir or os.environ.get("TFDS_DATA_DIR") or Path.home() / "tensorflow_datasets"
    folder = Path(root).expanduser() / "mnist" / TFDS_MNIST_VERSION
    prepared = all((folder / name).is_file() for name in ("dataset_info.json", "features.json"))
    return _read_cache(folder / ARRAY_CACHE) if prepared else None


def _read_cache(path: Path) -> Mnist | None:
    """The cached arrays, or None when there are none or they are not whole MNIST."""
    try:
        with np.load(path) as arrays:
            mnist = Mnist(*(arrays[name] for name in ("x_train", "y_train", "x_test", "y_test")))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error):
        return None
    whole = mnist.x_train.shape == (60_000, 28, 28, 1) and mnist.x_test.shape == (10_000, 28, 28, 1)
    return mnist if whole and len(mnist.y_train) == 60_000 and len(mnist.y_test) == 10_000 else None


def _write_cache(path: Path, mnist: Mnist) -> None:
    from digitpad.core.atomic_files import write_bytes_atomically

    buffer = io.BytesIO()
    np.savez(buffer, **dataclasses.asdict(mnist))
    try:
        write_bytes_atomically(path, buffer.getvalue())
    except OSError:
        pass  # a read-only data folder only costs the next load its decoding time


def _download_host_reachable() -> bool:
    try:
        socket.create_connection(DOWNLOAD_HOST, timeout=REACHABILITY_TIMEOUT_S).close()
        return True
    except OSError:
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
