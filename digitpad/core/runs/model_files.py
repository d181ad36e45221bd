"""Saving a trained model, its LiteRT twin, its JSON card and its curve atomically, as one unit. Pure: no Qt.

A crash or a full disk mid-save must never leave a broken model where a good one was, so each
file is written beside its target and moved into place with `os.replace`, which is atomic.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from digitpad.core.atomic_files import fsync, partial_sibling, staged_beside
from digitpad.core.inference.twin_files import twin_path

FLOAT_DIGITS = 308  # an integer of up to 308 digits is under 1e308: a float holds it


def card_path(model_path: str | os.PathLike) -> Path:
    """The JSON card that goes with a model: `name.keras` -> `name.json`."""
    return Path(model_path).with_suffix(".json")


def curve_path(model_path: str | os.PathLike) -> Path:
    """The learning-curve PNG that goes with a model: `name.keras` -> `name.png`."""
    return Path(model_path).with_suffix(".png")


class SaveCancelled(Exception):
    """`cancelled()` said to stop; nothing of this save was left behind."""


def save_model(model, path: str | os.PathLike, card: dict, curve_png: bytes | None = None,
               cancelled: Callable[[], bool] | None = None) -> Path:
    """Write `path` (a .keras file), its LiteRT twin, its JSON card and curve as one unit; return the path.

    Every file is written in full beside its target first; only then are they moved into place,
    the `.keras` last, because a `.keras` file is what the Model menu lists. A failure before
    that (a full disk, a folder where a file should go) removes what this save wrote and leaves
    whatever was there before. So does `cancelled()` turning true (quitting mid-save): it is
    asked after the twin's conversion (seconds, done before anything is written) and before the
    files are moved into place.
    """
    path = Path(path)
    if path.suffix != ".keras":
        raise ValueError(f"{path.name} must end in .keras.")
    path.parent.mkdir(parents=True, exist_ok=True)
    model = _plain_keras(model)
    twin = _twin_bytes(model)
    _raise_if(cancelled)
    # Keras refuses a save path that does not end in .keras, hence name.partial-<token>.keras.
    partial = partial_sibling(path)
    companions = {card_path(path): json.dumps(card, indent=2).encode()}
    if twin is not None:
        companions[twin_path(path)] = twin
    if curve_png is not None:
        companions[curve_path(path)] = curve_png
    staged: dict[Path, Path] = {}
    moved: list[Path] = []
    new: list[Path] = []
    try:
        model.save(partial)
        fsync(partial)
        for target, payload in companions.items():
            staged[target] = staged_beside(target, payload)
        if twin is None:
            twin_path(path).unlink(missing_ok=True)  # never leave another model's twin beside this one
        _raise_if(cancelled)
        _check_replaceable([*staged, path])  # so that the renames below, once begun, all succeed
        new = [target for target in staged if not target.exists()]
        for target, temporary in staged.items():
            os.replace(temporary, target)
            moved.append(target)
        os.replace(partial, path)
    except BaseException:
        for target in moved:
            if target in new:  # only what this save added; a failure cannot take back a rename
                target.unlink(missing_ok=True)
        raise
    finally:
        partial.unlink(missing_ok=True)
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
    return path


def _raise_if(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise SaveCancelled("The save was cancelled; nothing was written.")


def _check_replaceable(targets: list[Path]) -> None:
    for target in targets:
        if target.is_dir():
            raise IsADirectoryError(21, "a folder is in the way", str(target))


def _plain_keras(model):
    """The model with Keras' own batch norm where it trained with the fused one: a file any Keras loads."""
    from digitpad.core.networks.fused_batch_norm import with_keras_batch_norm  # Keras: only saving needs it

    return with_keras_batch_norm(model)


def _twin_bytes(model) -> bytes | None:
    """The model's LiteRT twin, or None if it cannot be converted (it then loads through Keras)."""
    from digitpad.core.inference.twin_templates import TwinTemplates  # TensorFlow: only the code that saves needs it

    try:
        return TwinTemplates().twin(model)
    except Exception:  # a model the converter cannot take still gets saved
        return None


def read_card(model_path: str | os.PathLike) -> dict | None:
    """The model's JSON card (an object), or None when it has none or it is unreadable.

    A card edited by hand may hold numbers no float can: JSON allows integers of any length, and
    float() of one past 1e308 raises OverflowError in whatever divides or formats it (the
    training panel, at start-up). Those, and NaN and Infinity, are read as null: a missing value,
    which every reader of a card already expects.
    """
    try:
        card = json.loads(card_path(model_path).read_text(), parse_int=_float_sized_int, parse_constant=_missing)
    except (OSError, ValueError, RecursionError):  # RecursionError: lists or objects nested thousands deep
        return None
    return card if isinstance(card, dict) else None


def _float_sized_int(text: str) -> int | None:
    return int(text) if len(text.lstrip("-")) <= FLOAT_DIGITS else None


def _missing(_constant: str) -> None:
    return None
