"""Quitting in the middle of a run, at each phase: out within 3 s, exit code 0, no partial file, the old model kept,
and no training process left running."""

import os
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from digitpad.core.app_log import CRASH_LOG_NAME
from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.samples.store import SampleStore
from digitpad.qt.app.app_paths import models_dir, samples_dir, set_app_identity
from digitpad.qt.app.error_reports import log_dir
from tests.conftest import ROOT
from tests.odd_style import draw

EXIT_WITHIN_S = 3.0
# The panel's MLP run has no final evaluation pass (its last validation is the test); the CNN's
# is stopped in test_stop_in_every_phase.py, and quitting while evaluating is the fine-tune's case here.
PHASES = [("train", "loading data"), ("train", "training"), ("train", "validating"), ("train", "saving"),
          ("fine-tune", "loading model"), ("fine-tune", "evaluating")]


@pytest.fixture
def previous_model(mlp_path):
    """A model the person used last time, remembered in the settings, with its twin (so it loads fast)."""
    folder = models_dir()
    folder.mkdir(parents=True)
    for suffix in (".keras", ".tflite", ".json"):
        shutil.copy(mlp_path.with_suffix(suffix), folder / f"mine{suffix}")
    set_app_identity()
    QSettings().setValue("model/active", str(folder / "mine.keras"))
    QSettings().sync()
    store = SampleStore(samples_dir())
    for seed in range(12):
        strokes = draw(seed % 10, np.random.default_rng(seed))
        store.add(strokes, strokes_to_mnist(strokes), seed % 10)
    return folder / "mine.keras"


def is_alive(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie, dead but not yet reaped, does not count)."""
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def crash_report() -> str:
    """What faulthandler left in the app's crash log, if the app died of a signal (the test's home goes at exit)."""
    crash = log_dir() / CRASH_LOG_NAME
    return f"\n{crash}:\n{crash.read_text(errors='replace')}" if crash.exists() else ""


def every_file(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(("kind", "phase"), PHASES, ids=[f"{k}-{p.replace(' ', '-')}" for k, p in PHASES])
def test_quitting_during_a_phase_exits_fast_and_cleanly_and_keeps_the_previous_model(previous_model, kind, phase):
    before = every_file(models_dir())
    child = subprocess.Popen([sys.executable, "-m", "tests.quit_during_run", phase, kind], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        line = child.stdout.readline()
        closed_at = time.perf_counter()
        training_processes = [int(pid) for pid in child.stdout.readline().split()]
        code = child.wait(timeout=60)
    finally:
        child.kill()
    exited_in = time.perf_counter() - closed_at
    errors = child.stderr.read()
    print(f"quit during {kind} {phase}: out in {exited_in:.2f} s")  # shown with -s

    assert line == "closing\n", f"exit code {code}: {errors}{crash_report()}"  # a signal's is negative
    assert code == 0, errors
    assert exited_in < EXIT_WITHIN_S, f"{exited_in:.1f} s"
    assert "Traceback" not in errors and "exception not rethrown" not in errors
    assert every_file(models_dir()) == before  # nothing new, nothing partial, under any name
    assert kind == "fine-tune" or len(training_processes) == 1  # a panel run trains in a child process
    assert not [pid for pid in training_processes if is_alive(pid)], "an orphaned training process"
    QSettings().sync()
    assert QSettings().value("model/active") == str(previous_model)
