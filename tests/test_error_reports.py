"""Errors leave a trace: a rotating log in the data folder, a sentence for the person, and the app carries on."""

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from digitpad.core.app_log import LOG_NAME, start_logging, stop_logging
from digitpad.qt.app.error_reports import log_dir, start_app_logging
from digitpad.qt.workers.request_thread import RequestThread
from tests.drawing import draw_stroke, open_window, seven


@pytest.fixture
def app_logging(monkeypatch):
    """The app's logging and exception hooks, undone after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    path = start_app_logging()
    yield path
    stop_logging()


class Faulty(QObject):
    poked = Signal()

    def __init__(self):
        super().__init__()
        self.poked.connect(self.on_poked)

    @Slot()
    def on_poked(self):
        raise ZeroDivisionError("a bug in a slot")


def uncaught_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
            and w.objectName() == "uncaughtErrorBox"]


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_in_a_slot_is_logged_shown_in_a_sentence_and_the_app_carries_on(
        qtbot, app_logging, mlp_path):
    window = open_window(qtbot, mlp_path)
    faulty = Faulty()
    QTimer.singleShot(0, faulty.poked.emit)
    qtbot.waitUntil(lambda: len(uncaught_boxes()) == 1)

    text = uncaught_boxes()[0].text()
    assert text.startswith("Something went wrong (ZeroDivisionError); DigitPad carries on")
    assert text.count(". ") == 0 and text.endswith(").")
    logged = app_logging.read_text()
    assert "Traceback" in logged and "a bug in a slot" in logged and "on_poked" in logged
    with qtbot.waitSignal(window.prediction_changed, check_params_cb=lambda p: p is not None):
        for stroke in seven(window.canvas.width()):
            draw_stroke(qtbot, window.canvas, stroke)
    uncaught_boxes()[0].close()


def test_the_log_lives_in_the_data_folder_and_rotates(app_logging, tmp_path):
    assert app_logging == log_dir() / LOG_NAME
    assert str(app_logging).startswith(str(tmp_path / "data"))
    handler = next(h for h in logging.getLogger("digitpad").handlers if hasattr(h, "maxBytes"))
    assert handler.maxBytes > 0 and handler.backupCount > 0


def test_from_a_terminal_the_log_also_goes_to_stderr(tmp_path, capsys):
    start_logging(tmp_path / "logs", to_stderr=True)
    logging.getLogger("digitpad.test").warning("visible in the terminal")
    stop_logging()

    assert "visible in the terminal" in capsys.readouterr().err
    assert "visible in the terminal" in (tmp_path / "logs" / LOG_NAME).read_text()


def test_a_background_failure_keeps_its_traceback_in_the_log(qtbot, app_logging):
    def broken(key):
        return {}[key]

    worker = RequestThread(broken, "broken-worker")
    with qtbot.waitSignal(worker.failed) as answer:
        worker.request("some-file.png")
    worker.shutdown()

    assert answer.args[1] == "some-file.png could not be processed (KeyError)."
    logged = app_logging.read_text()
    assert "Traceback" in logged and "return {}[key]" in logged


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls = []

    @Slot(QUrl)
    def open(self, url):
        self.urls.append(url)


def test_help_open_log_folder_shows_the_log_folder(qtbot, mlp_path):
    window = open_window(qtbot, mlp_path)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
        next(a for a in help_menu.actions() if a.text() == "Open &log folder").trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")

    assert [url.toLocalFile() for url in catcher.urls] == [str(log_dir())]
    assert log_dir().is_dir()


CRASHING = """
import faulthandler, sys
from digitpad.core.app_log import start_logging

def read_the_drawing():
    faulthandler._sigsegv()  # what a fault inside Qt or the inference runtime does

start_logging(sys.argv[1], to_stderr=False)
read_the_drawing()
"""


def test_a_hard_crash_leaves_every_threads_python_stack_in_crash_log(tmp_path):
    import os
    import subprocess

    from tests.conftest import ROOT

    folder = tmp_path / "logs"
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONFAULTHANDLER"}  # as a user's
    result = subprocess.run([sys.executable, "-c", CRASHING, str(folder)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, env=environment)
    assert result.returncode != 0
    crash = (folder / "crash.log").read_text()
    assert "Segmentation fault" in crash and "read_the_drawing" in crash
