"""Each network's LiteRT twin converted once, then refilled with a run's weights in a millisecond. Pure: no Qt.

Converting a model to its twin traces it, writes a SavedModel and runs TensorFlow's converter:
0.3 s of the workshop MLP's 5.3 s `train_model.py` run (bench/MEASUREMENTS.md, 2026-12-07),
for the same graph every time the same network is trained. So the first conversion of a network
is kept as its template: the twin of a copy of it with random marker weights, and where each
marker went (`twin_refill`). Every later run of that network writes its own weights into it.

A template is kept in the user's cache folder under a key of the network's layers (their
settings, not their names), TensorFlow's version and the code that shapes a twin, so a change to
any of them makes a new one. A network with batch norm (folded into its kernels by the
converter) or one that is not a plain stack of layers is converted every time, as before; so is
any network whose template failed its check or cannot be read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

import keras
import numpy as np

from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.inference import twin, twin_refill
from digitpad.core.inference.litert_predictor import LiteRTPredictor
from digitpad.core.inference.twin import IMAGE_SHAPE, to_litert
from digitpad.core.inference.twin_refill import Layout, layouts_of, refilled

KEPT = 32  # templates kept, the most recently used: a semester of designs, 0.4 MB for the workshop MLP
KEPT_BYTES = 256 * 2**20  # and no more than this: a design may hold 20 million parameters, 80 MB of template
# The check of a new template against Keras: float32 arithmetic in another order agrees to about 1e-7.
AGREEMENT = 1e-5


def default_folder() -> Path:
    """`$XDG_CACHE_HOME/DigitPad/twin-templates` (by default under `~/.cache`): what can be made again."""
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "DigitPad" / "twin-templates"


class TwinTemplates:
    """The templates in one folder, and the twins made from them."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()

    def twin(self, model: keras.Model) -> bytes:
        """The `.tflite` bytes of `model`'s twin: its network's template refilled, or converted as before."""
        key = network_key(model)
        if key is None:
            return to_litert(model)
        kept = self._read(key)
        if kept is None:
            return self._made(key, model)
        template, layouts = kept
        if layouts is None:  # this network's template failed its check: converted every time
            return to_litert(model)
        try:
            return refilled(template, layouts, model.get_weights())
        except Exception:  # a file of the cache spoilt since (its flatbuffer, its layouts): made again
            return self._made(key, model)

    def _made(self, key: str, model: keras.Model) -> bytes:
        """Convert a marked copy of `model`, keep it as the template if it refills to what Keras computes; refill it."""
        copy = keras.models.clone_model(model)  # the same network with variables of its own
        markers = marker_weights(copy)
        copy.set_weights(markers)
        template = to_litert(copy)
        layouts = layouts_of(template, markers)
        made = refilled(template, layouts, model.get_weights()) if layouts is not None else None
        if made is not None and not reads_alike(made, model):
            made, layouts = None, None
        self._write(key, template, layouts)
        return made if made is not None else to_litert(model)

    def _read(self, key: str) -> tuple[bytes, list[Layout] | None] | None:
        """The template kept under `key` and its layouts (None: converted every time); None when none is whole."""
        try:
            record = json.loads(self._path(key, ".json").read_text())
            template = self._path(key, ".tflite").read_bytes() if record["layouts"] is not None else b""
            if hashlib.sha256(template).hexdigest() != record["sha256"]:  # a pair torn by two writers
                return None
            layouts = record["layouts"]
            os.utime(self._path(key, ".json"))  # the most recently used are kept
            return template, None if layouts is None else [(b, w, tuple(axes)) for b, w, axes in layouts]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write(self, key: str, template: bytes, layouts: list[Layout] | None) -> None:
        """Keep the template (best effort: a cache that cannot be written costs the next run its conversion)."""
        kept = template if layouts is not None else b""
        record = {"sha256": hashlib.sha256(kept).hexdigest(), "layouts": layouts}
        try:
            if layouts is not None:
                write_bytes_atomically(self._path(key, ".tflite"), kept)
            write_bytes_atomically(self._path(key, ".json"), json.dumps(record).encode())
            self._forget_the_oldest()
        except OSError:
            pass

    def _forget_the_oldest(self) -> None:
        """Keep the KEPT most recently used templates, at most KEPT_BYTES of them (the newest whatever its size)."""
        records = sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
        total = 0
        for rank, record in enumerate(records):
            template = record.with_suffix(".tflite")
            total += template.stat().st_size if template.exists() else 0
            if rank >= KEPT or (rank > 0 and total > KEPT_BYTES):
                template.unlink(missing_ok=True)
                record.unlink(missing_ok=True)

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / f"{key}{suffix}"


def network_key(model: keras.Model) -> str | None:
    """A name for the network's layers and what makes its twin, the same in every process; None: no template."""
    if not isinstance(model, keras.Sequential) or not _takes_images(model):
        return None
    if any(isinstance(layer, keras.layers.BatchNormalization) for layer in model.layers):
        return None
    unnamed = [{**layer, "config": {k: v for k, v in layer["config"].items() if k != "name"}}
               for layer in model.get_config()["layers"]]
    shape = json.dumps({"layers": unnamed, "makers": _twin_makers()}, sort_keys=True)
    return hashlib.sha256(shape.encode()).hexdigest()[:32]


@functools.cache
def _twin_makers() -> dict:
    """What makes a twin besides the network: TensorFlow, Keras and the code that shapes one (read once)."""
    import tensorflow as tf

    code = b"".join(Path(module.__file__).read_bytes() for module in (twin, twin_refill))
    return {"tensorflow": tf.__version__, "keras": keras.__version__, "code": hashlib.sha256(code).hexdigest()}


def _takes_images(model: keras.Sequential) -> bool:
    try:
        return tuple(model.inputs[0].shape[1:]) == IMAGE_SHAPE
    except (AttributeError, ValueError, IndexError):  # a Sequential model never built has no inputs
        return False


def marker_weights(model: keras.Model) -> list[np.ndarray]:
    """Random values for every weight: none equal to another, so each constant of a conversion names its weight."""
    generator = np.random.default_rng(0)  # not Keras' own: a run's random state stays as it was
    return [generator.standard_normal(weight.shape).astype(np.float32) for weight in model.get_weights()]


def reads_alike(tflite: bytes, model: keras.Model) -> bool:
    """Whether the twin's probabilities are Keras' on a few random images, to float32's rounding."""
    images = np.random.default_rng(1).random((4, 28, 28, 1), dtype=np.float32)
    expected = keras.ops.convert_to_numpy(keras.ops.softmax(model(images, training=False)))
    return bool(np.allclose(LiteRTPredictor(tflite).read(images).probabilities, expected, atol=AGREEMENT))
