"""Where a model's LiteRT twin lives beside it, and whether it is fresh. Light: no TensorFlow."""

from __future__ import annotations

import os
from pathlib import Path

# A checkout or an install writes a model and its twin moments apart, in either order; a twin
# older than its model by more than this was left behind by a model replaced since.
TWIN_TOLERANCE_S = 2.0


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
