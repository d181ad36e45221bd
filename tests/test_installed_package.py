"""DigitPad as an installed package: a wheel built from the repository works from any folder.

The wheel is installed without dependencies into a temporary folder and run with this venv's
dependencies, from a folder outside the repository, so nothing can come from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.processes import (
    COMMAND_TIMEOUT_S,
    LaunchedApp,
    assert_closed_cleanly,
    isolated_environment,
    mnist_test_pngs,
    settings_file,
)

# What the wheel is built from; a fresh copy keeps build/ and *.egg-info out of the checkout.
PROJECT_FILES = ["pyproject.toml", "README.md", "digitpad", "assets"]
SHIPPED = ("*.keras", "*.tflite", "*.json", "icon.svg", "digitpad.desktop")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in PROJECT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-w", str(dist), "-q"],
        capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    [wheel] = dist.glob("digitpad-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The folder the wheel was installed into (`pip install --no-deps --target`)."""
    target = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), "-q", str(wheel)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
    assert done.returncode == 0, done.stderr[-3000:]
    return target


@pytest.fixture
def elsewhere(tmp_path, installed) -> tuple[Path, dict[str, str]]:
    """A working folder outside the repository, and an environment that finds only the installed copy."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder, isolated_environment(tmp_path / "home", PYTHONPATH=str(installed))


def test_the_wheel_carries_the_shipped_models_their_cards_and_the_icon(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted({path.name for pattern in SHIPPED for path in (ROOT / "assets").glob(pattern)})

    assert {"cnn.keras", "mlp.keras", "cnn.json", "mlp.json", "icon.svg", "digitpad.desktop"} <= set(shipped)
    assert [name for name in shipped if f"digitpad/assets/{name}" not in names] == []


def test_the_installed_package_finds_its_models_inside_itself(elsewhere, installed):
    folder, environment = elsewhere
    script = "import digitpad.core.assets as a; print(a.__file__); print(a.default_model_path()); print(a.icon_path())"
    found = subprocess.run([sys.executable, "-c", script], cwd=folder, env=environment, capture_output=True, text=True,
                           timeout=60)

    assert found.returncode == 0, found.stderr[-3000:]
    module, model, icon = map(Path, found.stdout.split())
    assert all(path.is_relative_to(installed) for path in (module, model, icon))
    assert model.name == "cnn.keras" and model.is_file() and icon.is_file()


@pytest.mark.parametrize("launcher", ["python -m digitpad", "digitpad"])
def test_installed_predict_classifies_files_from_a_folder_outside_the_repository(elsewhere, installed, launcher):
    folder, environment = elsewhere
    paths, labels = mnist_test_pngs(folder, 4)
    command = [sys.executable, "-m", "digitpad"] if launcher != "digitpad" else [str(installed / "bin" / "digitpad")]
    finished = subprocess.run([*command, "predict", *(path.name for path in paths)], cwd=folder, env=environment,
                              capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)

    assert finished.returncode == 0, finished.stderr[-3000:]
    assert [int(line.split(": ")[1].split(" ")[0]) for line in finished.stdout.splitlines()] == labels


def test_the_installed_digitpad_launcher_opens_the_window_and_closes_cleanly(elsewhere, installed):
    folder, environment = elsewhere
    launcher = installed / "bin" / "digitpad"
    assert os.access(launcher, os.X_OK)
    app = LaunchedApp([str(launcher)], environment, cwd=folder)
    try:
        app.wait_for_output()
        assert str(installed) in app.stderr()  # the model it loaded is the installed one
        assert not settings_file(environment).exists()
        seconds = app.terminate()
    finally:
        app.kill()
    assert_closed_cleanly(app, seconds, environment)


def test_the_installed_launcher_adds_a_desktop_entry_that_starts_that_launcher(elsewhere, installed):
    folder, environment = elsewhere
    launcher = installed / "bin" / "digitpad"
    finished = subprocess.run([str(launcher), "install-desktop-entry"], cwd=folder, env=environment,
                              capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)

    assert finished.returncode == 0, finished.stderr[-3000:]
    entry = Path(environment["XDG_DATA_HOME"]) / "applications" / "digitpad.desktop"
    assert f"Exec={launcher}\n" in entry.read_text() and f"TryExec={launcher}\n" in entry.read_text()
