"""Runs in a models folder, made from the shipped models' real files (shared by the run-history tests)."""

import json
import os
import shutil
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def save_run_copy(folder: Path, name: str, source: str = "mlp", mtime: float | None = None, twin: bool = False,
                  seconds: float | None = None, **recipe) -> Path:
    """`folder/name.keras` with its card and curve copied from `assets/source.*`, the recipe (and the
    training's `seconds`) changed as given."""
    folder.mkdir(parents=True, exist_ok=True)
    model = Path(shutil.copy(ASSETS / f"{source}.keras", folder / f"{name}.keras"))
    shutil.copy(ASSETS / f"{source}.png", folder / f"{name}.png")
    card = json.loads((ASSETS / f"{source}.json").read_text())
    card["recipe"].update(recipe)
    if seconds is not None:
        card["training_seconds"] = seconds
    if "design" in card:  # the design trained is the recipe's, changed the same way
        card["design"]["training"].update({k: v for k, v in recipe.items() if k in card["design"]["training"]})
    (folder / f"{name}.json").write_text(json.dumps(card))
    if twin:
        (folder / f"{name}.tflite").write_bytes(b"TFL3 stand-in: the twin's bytes do not matter here")
    if mtime is not None:
        os.utime(model, (mtime, mtime))
    return model


def names_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []
