"""Two DigitPad processes on one data folder: distinct run names, settings that stay whole, and samples
filed in both windows that all survive and show in both lists."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT
from tests.processes import COMMAND_TIMEOUT_S, isolated_environment

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


EACH = 15


def test_samples_filed_in_two_windows_at_once_all_survive_and_both_lists_show_them_all(tmp_path):
    environment = isolated_environment(tmp_path / "home")
    command = [sys.executable, "-m", "tests.filing_window", str(EACH), str(2 * EACH)]
    windows = [subprocess.Popen(command, env=environment, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for _ in range(2)]

    outputs = [window.communicate(timeout=COMMAND_TIMEOUT_S) for window in windows]

    for window, (_out, err) in zip(windows, outputs):
        assert window.returncode == 0, err[-3000:]
    reports = [json.loads(out.splitlines()[-1]) for out, _err in outputs]
    folder = Path(environment["XDG_DATA_HOME"]) / "DigitPad" / "DigitPad" / "samples"
    on_disk = {path.stem.removeprefix("sample-") for path in folder.glob("*.json")}
    filed = [set(report["filed"]) for report in reports]
    assert len(filed[0]) == len(filed[1]) == EACH and not filed[0] & filed[1]
    assert on_disk == filed[0] | filed[1]  # each its own uuid file: nothing overwritten
    for report in reports:
        assert set(report["listed"]) == on_disk  # what the other window filed included
