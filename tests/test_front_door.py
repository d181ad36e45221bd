"""Every command the README names, launched as a person types it: a separate process, from the checkout.

Nothing here builds the window in the test's own process: a front door that does nothing (a
`python -m digitpad` that returns at once) must fail these tests.
"""

from __future__ import annotations

import ctypes.util
import json
import os
import shutil
import subprocess
import sys
import time
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

PYTHON = sys.executable

@pytest.mark.parametrize("stop", ["SIGTERM", "Ctrl+C"])
def test_python_m_digitpad_keeps_its_window_open_until_a_signal_closes_it_cleanly(tmp_path, stop):
    environment = isolated_environment(tmp_path)
    app = LaunchedApp([PYTHON, "-m", "digitpad"], environment)
    try:
        app.wait_for_output()
        time.sleep(0.5)  # still there a moment after the model loaded: the event loop is running
        assert app.is_running() and not settings_file(environment).exists()
        seconds = app.terminate() if stop == "SIGTERM" else app.interrupt()
    finally:
        app.kill()
    assert_closed_cleanly(app, seconds, environment)


def test_python_m_digitpad_keeps_a_training_process_ready_after_start_up_and_quitting_ends_it(tmp_path):
    environment = isolated_environment(tmp_path)
    app = LaunchedApp([PYTHON, "-m", "digitpad"], environment)
    try:
        app.wait_for_output()
        deadline = time.monotonic() + 30  # it starts a few seconds after the model is ready
        while not app.child_pids() and time.monotonic() < deadline:
            time.sleep(0.1)
        [spare] = app.child_pids()
        assert b"digitpad.core.training.training_process" in (Path("/proc") / str(spare) / "cmdline").read_bytes()
        seconds = app.terminate()
    finally:
        app.kill()
    assert_closed_cleanly(app, seconds, environment)
    assert has_ended(spare)


def has_ended(pid: int) -> bool:
    """Whether the process is gone (or a zombie only waiting for its parent's parent to collect it)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_make_run_opens_the_window_and_ends_with_0_when_the_app_is_closed(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    environment = isolated_environment(tmp_path)
    # The venv running these tests is the one `make run` uses; -o: `make test` has just installed it,
    # so make must not try to reinstall it (offline, that fails) because of a checkout's file dates.
    venv = sys.prefix
    command = ["make", "-s", "run", f"VENV={venv}", f"PYTHON={PYTHON}", "-o", f"{venv}/.installed"]
    app = LaunchedApp(command, environment)
    try:
        app.wait_for_output()
        [window_process] = app.child_pids()
        seconds = app.terminate(window_process)
    finally:
        app.kill()
    assert_closed_cleanly(app, seconds, environment)


def test_the_app_shows_a_window_titled_digitpad_on_a_real_x_server(tmp_path):
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Debian: apt install xvfb xdotool)")
    if ctypes.util.find_library("xcb-cursor") is None:
        pytest.skip("libxcb-cursor0 is not installed: Qt's xcb platform plugin cannot load (see the README)")
    # -noreset: by default Xvfb resets when its last client leaves, and every xdotool poll below is
    # a client that leaves; a window connecting during such a reset is refused ("could not connect").
    command = ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        display = f":{server.stdout.readline().strip()}"
        environment = isolated_environment(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        app = LaunchedApp([PYTHON, "-m", "digitpad"], environment)
        try:
            windows = _wait_for_window("DigitPad", display, app)
            app.wait_for_output()
            seconds = app.terminate()
        finally:
            app.kill()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert windows
    assert_closed_cleanly(app, seconds, environment)


def _wait_for_window(title: str, display: str, app: LaunchedApp, timeout_s: float = 120) -> list[str]:
    """The ids of the X windows whose name contains `title`, once there is one."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert app.is_running(), app.stderr()[-3000:]
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title], capture_output=True,
                               text=True, env=dict(os.environ, DISPLAY=display))
        if found.stdout.split():
            return found.stdout.split()
        time.sleep(0.2)
    raise AssertionError(f"no window named {title} on {display} after {timeout_s} s:\n{app.stderr()[-3000:]}")


# ----- python -m digitpad predict


@pytest.fixture(scope="module")
def mnist_pngs(tmp_path_factory):
    """Ten MNIST test digits as PNGs, both polarities, and their labels."""
    return mnist_test_pngs(tmp_path_factory.mktemp("pngs"), 10)


def predict(*arguments, environment=None) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "digitpad", "predict", *map(str, arguments)], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)


def test_predict_prints_the_right_digit_for_each_file_in_either_polarity(mnist_pngs):
    paths, labels = mnist_pngs
    finished = predict(*paths)

    assert finished.returncode == 0, finished.stderr[-3000:]
    lines = finished.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [str(path) for path in paths]
    assert [int(line.split(": ")[1].split(" ")[0]) for line in lines] == labels


def test_predict_json_gives_one_parsable_object_per_file(mnist_pngs):
    paths, labels = mnist_pngs
    finished = predict("--json", *paths[:3])

    assert finished.returncode == 0, finished.stderr[-3000:]
    records = [json.loads(line) for line in finished.stdout.splitlines()]
    assert [record["digit"] for record in records] == labels[:3]
    assert all(len(record["probabilities"]) == 10 for record in records)


def test_predict_on_a_missing_file_says_so_in_one_line_and_exits_non_zero(tmp_path):
    missing = tmp_path / "no-such-digit.png"
    finished = predict(missing)

    assert finished.returncode != 0 and finished.stdout == ""
    errors = [line for line in finished.stderr.splitlines() if str(missing) in line]
    assert len(errors) == 1 and errors[0].startswith(f"{missing}: error:")
    assert "Traceback" not in finished.stderr


# ----- python train_model.py


def train_model(*arguments) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "train_model.py", *arguments], cwd=ROOT, capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT_S)


def test_train_model_help_lists_every_option():
    finished = train_model("--help")

    assert finished.returncode == 0
    for option in ("--model", "--epochs", "--out", "--mnist-dir", "--data-dir", "--augment", "--curve"):
        assert option in finished.stdout


def test_train_model_with_a_bad_argument_exits_2_with_one_sentence():
    finished = train_model("--epochs", "zero")

    assert finished.returncode == 2 and finished.stdout == ""
    assert finished.stderr.strip().splitlines()[-1].startswith("train_model.py: error: argument --epochs")
    assert "Traceback" not in finished.stderr
