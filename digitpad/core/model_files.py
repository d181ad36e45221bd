"""Saving a trained model, its LiteRT twin and its JSON card atomically. Pure: no Qt.

A crash or a full disk mid-save must never leave a broken model where a good one was, so each
file is written beside its target and moved into place with `os.replace`, which is atomic.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

# A checkout or an install writes a model and its twin moments apart, in either order; a twin
# older than its model by more than this was left behind by a model replaced since.
TWIN_TOLERANCE_S = 2.0


def card_path(model_path: str | os.PathLike) -> Path:
    """The JSON card that goes with a model: `name.keras` -> `name.json`."""
    return Path(model_path).with_suffix(".json")


def twin_path(model_path: str | os.PathLike) -> Path:
    """The LiteRT twin that goes with a model: `name.keras` -> `name.tflite`."""
    return Path(model_path).with_suffix(".tflite")


def twin_is_fresh(model_path: str | os.PathLike) -> bool:
    """Whether the model has a twin that is not older than the model file itself."""
    try:
        twin_time = twin_path(model_path).stat().st_mtime
        return twin_time + TWIN_TOLERANCE_S >= Path(model_path).stat().st_mtime
    except OSError:
        return False


def save_model(model, path: str | os.PathLike, card: dict) -> Path:
    """Write `path` (a .keras file), its LiteRT twin and its JSON card; return the model path."""
    path = Path(path)
    if path.suffix != ".keras":
        raise ValueError(f"{path.name} must end in .keras.")
    path.parent.mkdir(parents=True, exist_ok=True)
    twin = _twin_bytes(model)
    # Keras refuses a save path that does not end in .keras, hence name.partial.keras.
    partial = path.with_name(path.stem + ".partial.keras")
    try:
        model.save(partial)
        _fsync(partial)
        os.replace(partial, path)
        if twin is None:
            twin_path(path).unlink(missing_ok=True)  # never leave another model's twin beside this one
        else:
            write_bytes_atomically(twin_path(path), twin)
        write_json_atomically(card_path(path), card)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _twin_bytes(model) -> bytes | None:
    """The model's LiteRT twin, or None if it cannot be converted (it then loads through Keras)."""
    from digitpad.core.twin import to_litert  # TensorFlow: only the code that saves needs it

    try:
        return to_litert(model)
    except Exception:  # a model the converter cannot take still gets saved
        return None


def read_card(model_path: str | os.PathLike) -> dict | None:
    """The model's JSON card, or None when it has none or it is unreadable."""
    try:
        return json.loads(card_path(model_path).read_text())
    except (OSError, ValueError):
        return None


def write_json_atomically(path: str | os.PathLike, data) -> None:
    """Write JSON through a temporary file and `os.replace`."""
    write_bytes_atomically(path, json.dumps(data, indent=2).encode())


def write_bytes_atomically(path: str | os.PathLike, payload: bytes) -> None:
    """Write bytes through a temporary file in the same folder and `os.replace`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())
