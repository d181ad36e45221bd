"""The map's background work: a model's test-set space (PCA at once) and its t-SNE (a child process).

Two request threads: the space of a new model is never queued behind another's t-SNE. Both
only emit signals; the dock takes their answers on the GUI thread.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from digitpad.core.explain.learned_space import LearnedSpace, NoLearnedSpace, embed_test_set
from digitpad.core.explain.map_cache import cache_path, load_space, model_identity, save_space
from digitpad.core.explain.neighbours import NearestIndex
from digitpad.core.explain.projections import TSNE
from digitpad.core.mnist.loading import MnistUnavailable
from digitpad.core.mnist.test_files import DOWNLOAD_FOLDER, read_test_set
from digitpad.qt.workers.request_thread import RequestFailed, RequestThread

TSNE_COMMAND = (sys.executable, "-m", "digitpad.core.explain.tsne_process")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TestDigits:
    """The 10,000 MNIST test digits in the official order, and an index over their raw pixels."""

    images: np.ndarray
    labels: np.ndarray
    pixels: NearestIndex


@dataclass(frozen=True)
class Built:
    """A model's space, made or read from its cache, with the test digits it was made for."""

    digits: TestDigits
    space: LearnedSpace
    cache: Path
    identity: str


class SpaceBuilder(QObject):
    """`build(key, predictor, mnist_dir, cache_dir)` answers `built`; `nonlinear(key, built)` answers `mapped`."""

    built = Signal(str, object)  # key, Built
    mapped = Signal(str, object)  # key, (N, 2) t-SNE coordinates
    failed = Signal(str, str)  # key, one sentence
    missing_data = Signal(str)  # one sentence: no MNIST test files to map

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._digits: dict[str, TestDigits] = {}  # by MNIST folder, read once
        self._child: subprocess.Popen | None = None
        self._spaces = RequestThread(self._build, "map-space", self)
        self._tsne = RequestThread(self._map_nonlinear, "map-tsne", self)
        self._spaces.done.connect(self._on_built)
        self._spaces.failed.connect(self.failed)
        self._tsne.done.connect(self.mapped)
        self._tsne.failed.connect(self.failed)

    def build(self, key: str, predictor, mnist_dir: str | None, cache_dir: Path) -> None:
        self._spaces.request(key, predictor.for_another_thread(), mnist_dir, cache_dir)

    def nonlinear(self, key: str, built: Built) -> None:
        self._tsne.request(key, built)

    def shutdown(self) -> None:
        """End the threads, and the t-SNE process if one is running (nothing of it is kept)."""
        self._spaces.shutdown()
        self._tsne.shutdown()
        if self._child is not None and self._child.poll() is None:
            self._child.kill()

    @Slot(str, object)
    def _on_built(self, key: str, result) -> None:
        if isinstance(result, str):
            self.missing_data.emit(result)
        else:
            self.built.emit(key, result)

    def _build(self, _key: str, predictor, mnist_dir: str | None, cache_dir: Path):
        """In the thread: the test digits, then the space from the cache or through the model (half a second)."""
        try:
            digits = self._test_digits(mnist_dir, cache_dir / DOWNLOAD_FOLDER)
        except MnistUnavailable as error:
            return str(error)
        identity = model_identity(predictor.path)
        cache = cache_path(predictor.path, cache_dir, identity)
        space = load_space(cache, identity)
        if space is None:
            try:
                space = LearnedSpace.build(*embed_test_set(predictor, digits.images))
            except NoLearnedSpace as error:
                raise RequestFailed(str(error)) from error
            save_space(cache, identity, space)
        return Built(digits, space, cache, identity)

    def _test_digits(self, mnist_dir: str | None, download_dir: Path) -> TestDigits:
        key = str(mnist_dir)
        if key not in self._digits:
            images, labels = read_test_set(mnist_dir, download_dir)
            self._digits[key] = TestDigits(images, labels, NearestIndex(images, labels))
        return self._digits[key]

    def _map_nonlinear(self, _key: str, built: Built) -> np.ndarray:
        """In the thread: t-SNE in a child process (tens of seconds), then saved into the cache with the rest."""
        with tempfile.TemporaryDirectory(prefix="digitpad-map-") as folder:
            rows, out = Path(folder) / "rows.npy", Path(folder) / "map.npy"
            np.save(rows, built.space.embeddings)
            with open(Path(folder) / "stderr.txt", "w+b") as errors:
                self._child = subprocess.Popen((*TSNE_COMMAND, str(rows), str(out)), stderr=errors)
                if (code := self._child.wait()) != 0:
                    errors.seek(0)
                    log.warning("t-SNE child exited with %s: %s", code, errors.read()[-2000:].decode(errors="replace"))
                    raise RequestFailed("The t-SNE map could not be made; PCA stays.")
            coordinates = np.load(out)
        save_space(built.cache, built.identity, built.space.with_map(TSNE, coordinates))
        return coordinates


def space_key(predictor) -> str:
    """A model's key among the spaces built: its path and file time (a model saved again is a new model)."""
    path = Path(predictor.path) if predictor.path else None
    if path is None:
        return f"unsaved:{id(predictor)}"
    try:
        return f"{path}@{path.stat().st_mtime_ns}"
    except OSError:
        return str(path)
