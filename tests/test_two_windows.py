"""Two DigitPad processes on one data folder: distinct run names, and settings that stay whole."""

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

CLAIMS = """
import datetime, sys
from pathlib import Path
from digitpad.core.training.run_saving import claim_model_path, release_claim
folder, start = Path(sys.argv[1]), float(sys.argv[2])
import time
while time.time() < start:  # both processes begin at the same instant
    time.sleep(0.001)
now = datetime.datetime(2026, 12, 6, 10, 32)
for _ in range(40):
    path = claim_model_path(folder, "mlp", now)
    path.write_bytes(sys.argv[3].encode())  # as a save would: the name is now taken for good
    release_claim(path)
"""

SETTINGS = """
import sys
from PySide6.QtCore import QCoreApplication, QSettings
from digitpad.qt.app.app_paths import set_app_identity
app = QCoreApplication([])
set_app_identity()
for index in range(30):
    settings = QSettings()
    settings.setValue(f"{sys.argv[1]}/key{index}", index)
    settings.sync()
"""


def run_both(script: str, args_a: list[str], args_b: list[str], env=None) -> None:
    code = textwrap.dedent(script)
    children = [subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env) for args in (args_a, args_b)]
    assert [child.wait(timeout=60) for child in children] == [0, 0]


def test_runs_finished_in_the_same_minute_by_two_processes_get_distinct_names(tmp_path):
    import time

    start = str(time.time() + 1.0)
    run_both(CLAIMS, [str(tmp_path), start, "a"], [str(tmp_path), start, "b"])

    models = sorted(tmp_path.glob("*.keras"))
    assert len(models) == 80  # none overwritten: every save kept a name of its own
    assert sorted(path.read_text() for path in models).count("a") == 40
    assert models[0].name == "mlp-2026-12-06-1032-10.keras" and not list(tmp_path.glob(".*claim*"))


def test_two_processes_writing_settings_at_once_keep_every_value(tmp_path):
    import os

    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    run_both(SETTINGS, ["first"], ["second"], env)

    text = (tmp_path / "DigitPad" / "DigitPad.conf").read_text()
    assert all(f"key{index}={index}" in text for index in range(30))
    assert text.count("[first]") == 1 and text.count("[second]") == 1
