"""A model file -> a Predictor: its LiteRT twin when it has a fresh one, else Keras. Pure: no Qt.

The twin needs no TensorFlow, so the shipped models, the app's first stroke and
`python -m digitpad predict` never import it; Keras is the fallback for a model without one.
"""

from __future__ import annotations

import os
from pathlib import Path

from digitpad.core.inference.model_checks import check_model_file
from digitpad.core.inference.predictor import ModelLoadError, Predictor
from digitpad.core.inference.twin_files import twin_is_fresh, twin_path


def load_predictor(path: str | os.PathLike) -> Predictor:
    """The model in a `.keras` file, through its twin when fresh; ModelLoadError says what is wrong.

    Without a fresh twin, Keras loads the model and a twin is written for next time where
    the folder allows; the twin then serves this session too, unless it could not be made.
    """
    path = check_model_file(path)
    twin = _load_twin(path) if twin_is_fresh(path) else None
    if twin is not None:
        return twin
    from digitpad.core.inference.keras_predictor import KerasPredictor  # imports TensorFlow: the fallback only

    predictor = KerasPredictor.load(path)
    return (_write_twin(predictor.model, path) and _load_twin(path)) or predictor


def _load_twin(model_path: Path):
    """The twin as a Predictor, or None when LiteRT is missing or the twin unusable (Keras then)."""
    try:
        from digitpad.core.inference.litert_predictor import LiteRTPredictor

        return LiteRTPredictor.from_file(twin_path(model_path), model_path)
    except (ImportError, ModelLoadError):
        return None


def _write_twin(model, model_path: Path) -> bool:
    """Write the model's twin beside it for next time; False where that is not possible."""
    from digitpad.core.inference.twin import write_twin

    try:
        write_twin(model, model_path)
        return True
    except Exception:  # a read-only folder, or a model the converter cannot take: Keras serves it
        return False
