"""The models and icon that ship with DigitPad, found as package data. Pure: no Qt.

An installed DigitPad carries the top-level `assets/` folder as the package `digitpad.assets`
(pyproject.toml maps it), so it is found through `importlib.resources` wherever it is installed.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def assets_dir() -> Path:
    """The folder of shipped models, cards and icon."""
    try:
        return Path(str(resources.files("digitpad.assets")))
    except ModuleNotFoundError:
        # Run from a source checkout (make run, make test), where assets/ sits beside the package.
        return Path(__file__).resolve().parents[2] / "assets"


def shipped_models() -> list[Path]:
    """The models that come with DigitPad and exist on disk, the default first."""
    folder = assets_dir()
    return [path for path in (folder / "cnn.keras", folder / "mlp.keras") if path.is_file()]


def default_model_path() -> Path:
    """The app's default model: the CNN when it is shipped, else the seed MLP."""
    models = shipped_models()
    return models[0] if models else assets_dir() / "mlp.keras"


def icon_path() -> Path:
    return assets_dir() / "icon.svg"
