"""Naming and saving a finished run as one unit, and the sentence for a run that failed. Pure: no Qt.

Shared by the training panel's run (in a thread or in a child process) and fine-tuning.
"""

from __future__ import annotations

import datetime
import threading
from pathlib import Path


def save_run(model, history: dict, card: dict, models_dir: Path, stem: str, title: str,
             stop_event: threading.Event | None = None) -> Path:
    """Save a finished run under a fresh name in `models_dir`: model, twin, JSON card, curve, as one unit."""
    from digitpad.core.runs.model_files import save_model
    from digitpad.core.training.learning_curve import learning_curve_png

    path = unique_model_path(models_dir, stem)
    cancelled = stop_event.is_set if stop_event is not None else None  # quitting mid-save leaves nothing
    save_model(model, path, card, learning_curve_png(history, title), cancelled)
    return path


def unique_model_path(models_dir: Path, model_kind: str, now: datetime.datetime | None = None) -> Path:
    """`models_dir/mlp-2026-11-24-1032.keras`, with `-2`, `-3`... when that name is taken."""
    stem = f"{model_kind}-{(now or datetime.datetime.now()):%Y-%m-%d-%H%M}"
    path = Path(models_dir) / f"{stem}.keras"
    number = 2
    while path.exists():
        path = Path(models_dir) / f"{stem}-{number}.keras"
        number += 1
    return path


def failure_sentence(error: Exception) -> str:
    """One sentence for an unexpected failure, naming its cause."""
    if isinstance(error, OSError):
        return f"The model could not be saved ({error}); check that the models folder is writable and has free space."
    return f"Training failed ({type(error).__name__}: {error}); check the settings and try again."
