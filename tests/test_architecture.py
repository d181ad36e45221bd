"""The architecture is checked, not hoped for: import-linter keeps the core free of Qt, and says where it is not."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the package in `folder` with the project's contracts."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tree_keeps_every_contract():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


def copy_with_an_import(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package and its contracts, with `line` appended to `module` (a path under digitpad/)."""
    shutil.copytree(ROOT / "digitpad", tmp_path / "digitpad", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = tmp_path / "digitpad" / module
    path.write_text(path.read_text() + f"\n{line}\n")
    return tmp_path


def test_a_core_module_that_imports_qt_breaks_the_build_and_the_report_names_the_import(tmp_path):
    folder = copy_with_an_import(tmp_path, "core/samples/labelling.py", "import PySide6  # a widget's habit")

    result = lint_imports(folder)

    assert result.returncode != 0
    assert "The core never imports Qt, the app or the command line BROKEN" in result.stdout
    assert "digitpad.core.samples.labelling -> PySide6" in result.stdout
    assert "1 broken" in result.stdout


def test_a_drawing_module_that_imports_training_breaks_the_cores_order(tmp_path):
    folder = copy_with_an_import(tmp_path, "core/drawing/pixels.py", "import digitpad.core.training.fit")

    result = lint_imports(folder)

    assert result.returncode != 0
    assert "The core's folders in one order" in result.stdout and "BROKEN" in result.stdout
    assert "digitpad.core.drawing.pixels -> digitpad.core.training.fit" in result.stdout


def test_no_module_of_digitpad_imports_itself_through_a_circle():
    graph = grimp.build_graph("digitpad")

    circles = [
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    ]

    assert circles == []


def test_every_folder_holds_at_most_15_modules_and_every_module_at_most_250_lines():
    folders = [folder for folder in (ROOT / "digitpad").rglob("*") if folder.is_dir() and folder.name != "__pycache__"]
    crowded = {str(f): n for f in folders if (n := len([m for m in f.glob("*.py") if m.name != "__init__.py"])) > 15}
    long = {str(m): n for m in (ROOT / "digitpad").rglob("*.py") if (n := len(m.read_text().splitlines())) > 250}

    assert crowded == {}
    assert long == {}
