"""Where DigitPad's shipped and trained models live, and the app's identity for QSettings.

Importing this module does not import Qt: the `predict` command line needs the shipped model
paths without paying for (or requiring) a GUI toolkit.
"""

from __future__ import annotations

from pathlib import Path

ORGANIZATION = "DigitPad"
APPLICATION = "DigitPad"
ASSETS = Path(__file__).resolve().parent.parent / "assets"


def shipped_models() -> list[Path]:
    """The models that come with DigitPad and exist on disk, the default first."""
    return [path for path in (ASSETS / "cnn.keras", ASSETS / "mlp.keras") if path.is_file()]


def default_model_path() -> Path:
    """The app's default model: the CNN when it is shipped, else the seed MLP."""
    models = shipped_models()
    return models[0] if models else ASSETS / "mlp.keras"


def set_app_identity() -> None:
    """Name the app so that `QSettings()` and `QStandardPaths` use DigitPad's folders."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def models_dir() -> Path:
    """The folder for models the person trains: AppDataLocation/models."""
    from PySide6.QtCore import QStandardPaths

    set_app_identity()
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "models"


def trained_models() -> list[Path]:
    """Every `.keras` model in the models folder, by name."""
    folder = models_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.keras") if not p.name.endswith(".partial.keras"))
