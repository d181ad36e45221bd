"""The command line's manners: --help, --version, a typo, no display, and the desktop entry.

Each command runs as a person types it, in a process of its own with a timeout: none but the
window itself may import Qt, none may hang or abort inside Qt, and none writes outside the test's folder.
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

import digitpad
from digitpad.cli import display_check
from digitpad.cli.desktop_entry import exec_argument
from digitpad.cli.qt_options import NotAQtOption, read_qt_options
from digitpad.cli.usage import usage
from tests.conftest import ROOT
from tests.processes import LaunchedApp, assert_closed_cleanly, isolated_environment

PYTHON = sys.executable
QUICK_S = 30  # a generous ceiling on a loaded machine: each of these takes a fraction of a second
# The app on a system without libxcb-cursor0 (Qt 6.5's most common complaint), whatever this one has.
WITHOUT_XCB_CURSOR = """
import ctypes, sys
real = ctypes.CDLL
def refuse_xcb_cursor(name, *args, **kwargs):
    if name == "libxcb-cursor.so.0":
        raise OSError(name + ": cannot open shared object file")
    return real(name, *args, **kwargs)
ctypes.CDLL = refuse_xcb_cursor
from digitpad.__main__ import main
sys.exit(main([]))
"""
NO_QT = "import sys; from digitpad.__main__ import main; code = main({argv!r}); print('PySide6' in sys.modules, code)"


def digitpad_command(*argv: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "digitpad", *argv], env=environment, capture_output=True, text=True,
                          timeout=QUICK_S, cwd=ROOT)


def without_a_display(home: Path, **extra: str) -> dict[str, str]:
    """A session over ssh, say: no X11, no Wayland, no Qt platform chosen."""
    environment = isolated_environment(home, **extra)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        if name not in extra:
            environment.pop(name, None)
    return environment


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["-style", "fusion", "--help"]])
def test_help_prints_the_usage_and_exits_0_without_importing_qt(tmp_path, argv):
    script = NO_QT.format(argv=argv)
    finished = subprocess.run([PYTHON, "-c", script], env=without_a_display(tmp_path), capture_output=True,
                              text=True, timeout=QUICK_S, cwd=ROOT)

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines()[-1] == "False 0"
    for named in ("usage:", " predict ", "IMAGE...", "--json", "--number", "--model", "code PATH.keras",
                  "trains the same network as a saved run", "install-desktop-entry", "DIGITPAD_MNIST_DIR"):
        assert named in finished.stdout


def test_python_m_digitpad_help_prints_the_same_usage_with_no_display(tmp_path):
    finished = digitpad_command("--help", environment=without_a_display(tmp_path))

    assert (finished.returncode, finished.stderr) == (0, "")
    assert finished.stdout.startswith("usage: python -m digitpad")


def test_help_names_every_environment_variable_digitpad_reads():
    source = "\n".join(path.read_text() for path in (ROOT / "digitpad").rglob("*.py"))
    read = set(re.findall(r'environ\.get\("([A-Z_]+)"', source)) | set(re.findall(r'_ENV = "([A-Z_]+)"', source))

    assert {"DIGITPAD_MNIST_DIR", "DIGITPAD_TFDS_DIR", "DIGITPAD_TRAINING_IN"} <= read
    assert sorted(name for name in read if name not in usage()) == []


def test_version_prints_the_package_version_which_is_the_one_in_pyproject(tmp_path):
    finished = digitpad_command("--version", environment=without_a_display(tmp_path))
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]

    assert (finished.returncode, finished.stdout, finished.stderr) == (0, f"digitpad {declared}\n", "")
    assert digitpad.__version__ == declared


@pytest.mark.parametrize("argv, named", [
    (["--frobnicate"], "unknown option --frobnicate"),
    (["pridict", "seven.png"], "unknown command or argument 'pridict'"),
    (["-platform"], "the option -platform needs a value"),
])
def test_an_unknown_option_or_command_prints_the_usage_to_stderr_and_exits_2(tmp_path, argv, named):
    finished = digitpad_command(*argv, environment=without_a_display(tmp_path))

    assert (finished.returncode, finished.stdout) == (2, "")
    assert finished.stderr.startswith("usage: python -m digitpad")
    assert named in finished.stderr.splitlines()[-1]


def test_qt_options_pass_through_to_qt_with_one_dash_or_two():
    argv = ["-platform", "offscreen", "--style=fusion", "-reverse", "--qwindowtitle", "Pad", "-display", ":3"]

    assert read_qt_options(argv) == {"platform": "offscreen", "style": "fusion", "reverse": "",
                                     "qwindowtitle": "Pad", "display": ":3"}
    with pytest.raises(NotAQtOption):
        read_qt_options(["-platform", "offscreen", "--reverse=yes"])


def test_the_window_still_opens_with_qt_options_on_the_command_line_and_no_display(tmp_path):
    environment = without_a_display(tmp_path)
    app = LaunchedApp([PYTHON, "-m", "digitpad", "-platform", "offscreen", "-style", "fusion"], environment)
    try:
        app.wait_for_output()
        seconds = app.terminate()
    finally:
        app.kill()
    assert_closed_cleanly(app, seconds, environment)


def test_without_a_display_the_app_says_so_in_one_sentence_and_exits_1_at_once(tmp_path):
    started = time.monotonic()
    finished = digitpad_command(environment=without_a_display(tmp_path))

    assert time.monotonic() - started < 10
    assert (finished.returncode, finished.stdout) == (1, "")
    [sentence] = finished.stderr.splitlines()
    assert sentence.startswith("DigitPad needs a desktop display; none was found (DISPLAY and WAYLAND_DISPLAY are")
    assert "python -m digitpad predict IMAGE..." in sentence
    assert "xcb" not in finished.stderr and "Aborted" not in finished.stderr


def test_a_display_left_over_from_a_closed_session_is_said_in_one_sentence_not_a_qt_abort(tmp_path):
    finished = digitpad_command(environment=without_a_display(tmp_path, DISPLAY=f":{unused_display_number()}"))

    assert finished.returncode == 1
    [sentence] = finished.stderr.splitlines()
    assert "no X server answers there" in sentence and "predict IMAGE..." in sentence


def test_missing_x11_libraries_are_named_with_the_apt_line_instead_of_a_qt_abort(tmp_path):
    number = unused_display_number()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:  # an X server, as far as the check can tell
        server.bind(f"\0/tmp/.X11-unix/X{number}")
        server.listen()
        environment = without_a_display(tmp_path, DISPLAY=f":{number}")
        finished = subprocess.run([PYTHON, "-c", WITHOUT_XCB_CURSOR], env=environment, capture_output=True, text=True,
                                  timeout=QUICK_S, cwd=ROOT)

    assert finished.returncode == 1
    [sentence] = finished.stderr.splitlines()
    assert "cannot load without libxcb-cursor.so.0, so install them with `sudo apt install libxcb-cursor0" in sentence
    assert "predict IMAGE..." in sentence


def test_the_apt_line_names_the_usual_packages_and_any_other_that_is_missing(monkeypatch):
    monkeypatch.setattr(display_check, "x_server_answers", lambda display: True)
    monkeypatch.setattr(display_check, "missing_libraries", lambda sonames: ["libxcb-cursor.so.0", "libxcb-sync.so.1"])

    sentence = display_check.display_problem({"DISPLAY": ":0"})

    assert "without libxcb-cursor.so.0 and libxcb-sync.so.1" in sentence
    assert ("`sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 "
            "libxcb-render-util0 libxcb-image0 libegl1 libxcb-sync1`") in sentence


@pytest.mark.parametrize("environment", [
    {"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "vnc:size=800x600"}, {"WAYLAND_DISPLAY": "wayland-0"},
    {"DISPLAY": "localhost:10.0"},  # ssh -X: left to Qt, which knows best
])
def test_a_platform_chosen_on_purpose_or_a_wayland_session_is_left_to_qt(monkeypatch, environment):
    monkeypatch.setattr(display_check, "missing_libraries", lambda sonames: [])

    assert display_check.display_problem(environment) == ""


def test_the_shipped_desktop_entry_follows_the_freedesktop_spec():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "assets" / "digitpad.desktop", encoding="utf-8")
    keys = entry["Desktop Entry"]

    assert {k: keys[k] for k in ("Type", "Name", "Exec", "Icon", "Terminal")} == {
        "Type": "Application", "Name": "DigitPad", "Exec": "digitpad", "Icon": "digitpad", "Terminal": "false"}
    assert keys["Comment"] and {"Education", "Science"} <= set(keys["Categories"].split(";"))
    assert keys["StartupWMClass"] == "DigitPad"  # Qt's WM_CLASS class is the application name (app_paths.py)
    assert "*.desktop" in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"][
        "digitpad.assets"]


def test_install_desktop_entry_writes_the_entry_and_icon_under_xdg_data_home_and_remove_takes_them_out(tmp_path):
    environment = isolated_environment(tmp_path)
    data_home = Path(environment["XDG_DATA_HOME"])
    assert data_home.is_relative_to(tmp_path)
    entry = data_home / "applications" / "digitpad.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "digitpad.svg"

    installed = digitpad_command("install-desktop-entry", environment=environment)

    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.splitlines() == [f"installed {entry}", f"installed {icon}"]
    assert icon.read_bytes() == (ROOT / "assets" / "icon.svg").read_bytes()
    [launcher, *arguments] = shlex.split(re.search(r"(?m)^Exec=(.*)$", entry.read_text()).group(1))
    assert os.access(launcher, os.X_OK) and arguments in ([], ["-m", "digitpad"])
    assert list(entry.parent.iterdir()) == [entry]  # no temporary left beside it

    removed = digitpad_command("install-desktop-entry", "--remove", environment=environment)

    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.splitlines() == [f"removed {entry}", f"removed {icon}"]
    assert not entry.exists() and not icon.exists()
    assert not (tmp_path / ".local").exists()


def test_an_exec_line_quotes_and_escapes_a_path_as_the_desktop_entry_spec_asks():
    assert exec_argument("/usr/bin/digitpad") == "/usr/bin/digitpad"
    assert exec_argument("/home/a b/digitpad") == '"/home/a b/digitpad"'
    assert exec_argument('/x/$HOME"q\\z%') == '"/x/\\\\$HOME\\\\"q\\\\\\\\z%%"'


def unused_display_number() -> int:
    """A display number no X server listens on here."""
    for number in range(4000 + os.getpid() % 1000, 6000):
        if not display_check.x_server_answers(f":{number}"):
            return number
    raise AssertionError("every display number is taken")
