"""Refuses hostile `.keras` archives before Keras (or a LiteRT twin) is trusted with them. Pure: no Qt.

A `.keras` file is a zip whose `config.json` tells Keras which classes to build and which
functions to call. Keras' safe mode is the first wall, but several published bypasses
(CVE-2025-1550, -8747, -9906, CVE-2026-1462) got code to run through it, so this module reads
the archive as plain data (no unpickling, no imports, no Keras) and accepts only what DigitPad's
own models are made of: built-in Keras layers, initialisers, optimisers and losses.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path, PurePosixPath

from digitpad.core.inference.predictor import ModelLoadError

# A DigitPad config.json is ~10 kB; a weights file a few MB. Far above, it is not ours.
MAX_CONFIG_BYTES = 4 * 1024 * 1024
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024

# The Keras namespaces a config may name: built-ins only, never a module it can import at will.
SAFE_MODULES = frozenset({
    "keras", "keras.layers", "keras.models", "keras.optimizers", "keras.optimizers.schedules",
    "keras.losses", "keras.metrics", "keras.initializers", "keras.regularizers", "keras.constraints",
    "keras.src.models.functional", "keras.src.models.sequential",
})
# Objects that carry or name Python code: a Lambda's marshalled bytecode, a call to any function
# (`keras.config.enable_unsafe_deserialization` is one), a SavedModel that runs TensorFlow graphs.
CODE_CLASSES = frozenset({"Lambda", "__lambda__", "function", "TFSMLayer", "TorchModuleWrapper", "JaxLayer"})
CODE_WORDS = ("enable_unsafe_deserialization", "__import__", "lambda")


class UnsafeModel(ValueError):
    """The archive is not one DigitPad will open; the message is one sentence for the person."""


def check_model_archive(path: str | os.PathLike) -> None:
    """Raise UnsafeModel unless `path` is a `.keras` zip made only of built-in Keras objects."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(path.name, archive)
            config = _read_config(path.name, archive)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, ValueError) as error:
        if isinstance(error, UnsafeModel):
            raise
        raise UnsafeModel(f"The model file {path.name} is corrupt or unreadable (not a Keras archive).") from error
    _check_objects(path.name, config)


def check_model_file(path: str | os.PathLike) -> Path:
    """The path, if it names an existing `.keras` file; else ModelLoadError."""
    path = Path(path)
    if path.suffix != ".keras":
        raise ModelLoadError(f"{path.name} is not a Keras model file; choose a file ending in .keras.")
    if not path.is_file():
        raise ModelLoadError(f"The model file {path} does not exist.")
    try:
        # Before either runtime sees it: Keras' safe mode has had bypasses, and a twin is only
        # trusted as the twin of a model that passes these checks.
        check_model_archive(path)
    except UnsafeModel as error:
        raise ModelLoadError(str(error)) from error
    return path


def _check_members(name: str, archive: zipfile.ZipFile) -> None:
    total = 0
    for member in archive.infolist():
        member_path = PurePosixPath(member.filename.replace("\\", "/"))
        if member_path.is_absolute() or ".." in member_path.parts or ":" in member.filename:
            raise UnsafeModel(f"The model file {name} holds a file that points outside it; it was not opened.")
        total += member.file_size
    if total > MAX_ARCHIVE_BYTES:
        raise UnsafeModel(f"The model file {name} unpacks to {total // 2**20} MB, far more than a digit model.")


def _read_config(name: str, archive: zipfile.ZipFile):
    try:
        info = archive.getinfo("config.json")
    except KeyError:
        raise UnsafeModel(f"The model file {name} has no config.json; it is not a Keras 3 model.") from None
    if info.file_size > MAX_CONFIG_BYTES:
        raise UnsafeModel(f"The model file {name} has an oversized config.json; it was not opened.")
    try:
        return json.loads(archive.read(info))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnsafeModel(f"The model file {name} has an unreadable config.json.") from error


def _check_objects(name: str, config) -> None:
    """Walk every nested object Keras would deserialize; refuse code, custom classes and odd modules."""
    stack, strings = [config], []
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            _check_object(name, node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            strings.append(node)
    # After the objects, so that a Lambda is named as such rather than by the word in its name.
    for text in strings:
        if any(word in text for word in CODE_WORDS):
            raise UnsafeModel(f"The model file {name} mentions Python code ({text[:40]!r}); it was not opened.")


def _check_object(name: str, node: dict) -> None:
    class_name, module = node.get("class_name"), node.get("module")
    if class_name in CODE_CLASSES:
        raise UnsafeModel(f"The model file {name} contains code ({class_name}), which DigitPad never runs.")
    if node.get("registered_name") not in (None, class_name):
        raise UnsafeModel(
            f"The model file {name} needs a custom object ({node['registered_name']}); "
            "DigitPad opens built-in layers only."
        )
    if module is not None and module not in SAFE_MODULES:
        raise UnsafeModel(f"The model file {name} refers to {module}, which DigitPad does not trust.")
