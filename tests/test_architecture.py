"""The architecture is checked, not hoped for: import-linter keeps the core free of Qt, and says where it is not."""

import shutil
import subprocess
import sys
from pathlib import Path

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


def test_a_core_module_that_imports_qt_breaks_the_build_and_the_report_names_the_import(tmp_path):
    shutil.copytree(ROOT / "digitpad", tmp_path / "digitpad", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    module = tmp_path / "digitpad" / "core" / "samples" / "labelling.py"
    module.write_text(module.read_text() + "\nimport PySide6  # a widget's habit, in the pure core\n")

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    assert "The core never imports Qt, the app or the command line BROKEN" in result.stdout
    assert "digitpad.core.samples.labelling -> PySide6" in result.stdout
    assert "1 broken" in result.stdout
