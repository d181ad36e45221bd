"""Two DigitPad windows filing into one samples folder: every sample survives and each list shows the other's."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.processes import COMMAND_TIMEOUT_S, isolated_environment

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
