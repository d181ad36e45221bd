"""Saving a trained model and its JSON card atomically. Pure: no Qt.

A crash or a full disk mid-save must never leave a broken model where a good one was, so each
file is written beside its target and moved into place with `os.replace`, which is atomic.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from digitpad.core.temp_files import partial_sibling, temporary_sibling


def card_path(model_path: str | os.PathLike) -> Path:
    """The JSON card that goes with a model: `name.keras` -> `name.json`."""
    return Path(model_path).with_suffix(".json")


def save_model(model, path: str | os.PathLike, card: dict) -> Path:
    """Write `path` (a .keras file) and its JSON card; return the model path."""
    path = Path(path)
    if path.suffix != ".keras":
        raise ValueError(f"{path.name} must end in .keras.")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Keras refuses a save path that does not end in .keras, hence name.partial-<token>.keras.
    partial = partial_sibling(path)
    try:
        model.save(partial)
        _fsync(partial)
        os.replace(partial, path)
        write_json_atomically(card_path(path), card)
    finally:
        partial.unlink(missing_ok=True)
    return path


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
    temporary = temporary_sibling(path)
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
