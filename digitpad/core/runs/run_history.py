"""The runs saved in a models folder, read from their JSON cards, and what sets one apart. Pure: no Qt.

A run is a unit of files sharing one name: the model `NAME.keras`, its card `NAME.json`
(recipe, per-epoch history, test accuracy, seconds), its learning curve `NAME.png` and its
LiteRT twin `NAME.tflite`; any of the last three may be missing.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from pathlib import Path

from digitpad.core.runs.model_files import read_card

MODEL_SUFFIX = ".keras"
COMPANION_SUFFIXES = (".json", ".png", ".tflite")
# The recipe's settings in the order a legend names them, and how each reads.
SETTING_ORDER = ("model_kind", "fine_tuned_from", "epochs", "batch_size", "learning_rate", "augment", "seed")
SETTING_WORDS = {"model_kind": "{}", "fine_tuned_from": "from {}", "epochs": "{} epochs", "batch_size": "batch {}",
                 "seed": "seed {}"}


@dataclass(frozen=True)
class Run:
    """One saved run: its model file, its card ({} when it has none) and when it was saved."""

    path: Path
    card: dict
    saved: datetime.datetime

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def recipe(self) -> dict:
        recipe = self.card.get("recipe")
        return recipe if isinstance(recipe, dict) else {}

    @property
    def kind(self) -> str:
        return str(self.recipe.get("model_kind") or "?")

    @property
    def seconds(self) -> float | None:
        return card_number(self.card.get("training_seconds"))

    @property
    def history(self) -> dict[str, list[float]]:
        history = self.card.get("history")
        return history if isinstance(history, dict) else {}

    @property
    def training_accuracy(self) -> float | None:
        """The last epoch's training accuracy, as a fraction."""
        return _last(self.history.get("accuracy"))

    @property
    def validation_accuracy(self) -> float | None:
        """The last epoch's validation accuracy (on the MNIST test split), as a fraction."""
        return _last(self.history.get("val_accuracy"))

    def files(self) -> list[Path]:
        """The files of this run that exist, the model first."""
        return [path for path in run_files(self.path) if path.exists()]


def run_files(model_path: Path) -> list[Path]:
    """Every file a run named like `model_path` may have, the model first."""
    model_path = Path(model_path)
    return [model_path] + [model_path.with_suffix(suffix) for suffix in COMPANION_SUFFIXES]


def read_run(model_path: Path) -> Run:
    """The run behind a model file; a missing or unreadable card gives an empty one."""
    model_path = Path(model_path)
    card = read_card(model_path)
    saved = datetime.datetime.fromtimestamp(model_path.stat().st_mtime)
    return Run(model_path, card if isinstance(card, dict) else {}, saved)


def list_runs(folder: Path) -> list[Run]:
    """Every run saved in `folder`, newest first; half-written saves are left out."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    runs = []
    for path in folder.glob(f"*{MODEL_SUFFIX}"):
        if path.name.endswith(".partial.keras") or path.name.startswith("."):
            continue
        try:
            runs.append(read_run(path))
        except OSError:  # deleted between the listing and the read
            continue
    return sorted(runs, key=lambda run: (run.saved, run.name), reverse=True)


def setting_text(key: str, value) -> str:
    """One setting as a person reads it: `lr 0.01`, `augmented`, `from cnn`."""
    if key == "augment":
        return "augmented" if value else "no augmentation"
    if key == "learning_rate":
        number = card_number(value)
        return f"lr {value}" if number is None else f"lr {number:g}"
    return SETTING_WORDS.get(key, key.replace("_", " ") + " {}").format(value)


def differing_settings(runs: list[Run]) -> list[str]:
    """For each run, the settings in which the runs differ ("" when none do, or for one run)."""
    recipes = [run.recipe for run in runs]
    keys = set().union(*recipes) if recipes else set()
    differing = [key for key in _ordered(keys) if len({repr(recipe.get(key)) for recipe in recipes}) > 1]
    return [", ".join(setting_text(key, r[key]) for key in differing if key in r) for r in recipes]


def legend_labels(runs: list[Run]) -> list[str]:
    """The legend entry of each run: its name, then what sets it apart from the others shown."""
    differences = differing_settings(runs)
    return [f"{run.name} · {what}" if what else run.name for run, what in zip(runs, differences, strict=True)]


def _ordered(keys: set[str]) -> list[str]:
    known = [key for key in SETTING_ORDER if key in keys]
    return known + sorted(keys - set(SETTING_ORDER))


def card_number(value) -> float | None:
    """A number of a card (see `read_card`) as a float; None for text, a bool or anything missing."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _last(values) -> float | None:
    return card_number(values[-1]) if isinstance(values, list) and values else None
