"""Naming and saving a finished run as one unit, and the sentence for a run that failed. Pure: no Qt.

Shared by the training panel's run (in a thread or in a child process) and fine-tuning.
"""

from __future__ import annotations

import datetime
import itertools
import os
import threading
from pathlib import Path


def save_run(model, history: dict, card: dict, models_dir: Path, stem: str, title: str,
             stop_event: threading.Event | None = None) -> Path:
    """Save a finished run under a fresh name in `models_dir`: model, twin, JSON card, curve, as one unit."""
    from digitpad.core.runs.model_files import save_model
    from digitpad.core.training.learning_curve import learning_curve_png

    path = claim_model_path(models_dir, stem)
    cancelled = stop_event.is_set if stop_event is not None else None  # quitting mid-save leaves nothing
    try:
        save_model(model, path, card, learning_curve_png(history, title), cancelled)
    finally:
        release_claim(path)
    return path


def claim_model_path(models_dir: Path, model_kind: str, now: datetime.datetime | None = None) -> Path:
    """`models_dir/mlp-2026-11-24-1032.keras`, with `-2`, `-3`... when that name is taken or claimed.

    Two windows on one folder can finish runs in the same minute: a name is claimed by creating
    its claim file exclusively (atomic on every local file system), so no two saves share one.
    The caller releases the claim once the run is saved (or not). The claim holds its process id:
    a training process killed mid-save (the window quitting) has its claims released by the
    process that killed it (`release_claims_of`); a crash leaves a hidden `.tmp` that the
    start-up sweep removes after a day.
    """
    folder = Path(models_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{model_kind}-{(now or datetime.datetime.now()):%Y-%m-%d-%H%M}"
    for number in itertools.count(1):
        path = folder / (f"{stem}.keras" if number == 1 else f"{stem}-{number}.keras")
        if path.exists():
            continue
        try:
            claim = os.open(_claim(path), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:  # another process claimed it a moment ago
            continue
        with os.fdopen(claim, "w") as file:
            file.write(str(os.getpid()))
        if not path.exists():
            return path
        release_claim(path)  # saved under this name between our look and our claim
    raise AssertionError("unreachable")


def release_claim(path: Path) -> None:
    _claim(path).unlink(missing_ok=True)


def release_claims_of(models_dir: Path, pid: int) -> None:
    """Release the names process `pid` had claimed in `models_dir`: it was killed before it could."""
    for claim in Path(models_dir).glob(".*.claim.tmp"):
        try:
            if claim.read_text() == str(pid):
                claim.unlink(missing_ok=True)
        except OSError:  # released meanwhile, or not ours to read
            continue


def _claim(path: Path) -> Path:
    return path.with_name(f".{path.name}.claim.tmp")


def failure_sentence(error: Exception) -> str:
    """One sentence for an unexpected failure, naming its cause."""
    if isinstance(error, OSError):
        return f"The model could not be saved ({error}); check that the models folder is writable and has free space."
    return f"Training failed ({type(error).__name__}: {error}); check the settings and try again."
