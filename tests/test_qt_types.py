"""PySide6's types are made on the GUI thread, in short slices, before a plot's module is imported in the background."""

import sys
import threading
import time

import PySide6.QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from digitpad.qt.widgets import deferred_widget, qt_types
from digitpad.qt.widgets.deferred_widget import IMPORT_AFTER_MS, DeferredWidget
from digitpad.qt.widgets.qt_types import PYSIDE_MODULES, TypeMaker
from tests.test_deferred_widget import slow_module  # noqa: F401  (a fixture)


def test_every_type_is_asked_for_on_the_gui_thread_before_the_calls_that_waited(qtbot, monkeypatch):
    asked = []
    original = getattr

    def noting_getattr(module, name, *default):
        if module is PySide6.QtCore:
            asked.append(threading.current_thread() is threading.main_thread())
        return original(module, name, *default)

    monkeypatch.setattr(qt_types, "getattr", noting_getattr, raising=False)
    maker, ran = TypeMaker(("QtCore",)), []
    maker.then(lambda: ran.append(len(asked)))
    maker.then(lambda: ran.append(len(asked)))
    assert ran == [] and not maker.done  # nothing made on the caller's turn: the window keeps drawing

    qtbot.waitUntil(lambda: maker.done, timeout=5000)
    assert len(asked) == len(dir(PySide6.QtCore)) and all(asked)
    assert ran == [len(asked)] * 2
    maker.then(lambda: ran.append("at once"))
    assert ran[-1] == "at once"


def test_no_turn_of_the_event_loop_waits_long_while_they_are_made(qtbot):
    maker = TypeMaker(PYSIDE_MODULES)
    beats, ticker = [], QTimer(interval=1)
    ticker.timeout.connect(lambda: beats.append(time.perf_counter()))
    ticker.start()
    maker.then(lambda: None)
    qtbot.waitUntil(lambda: maker.done, timeout=5000)
    ticker.stop()

    longest_gap_ms = max(b - a for a, b in zip(beats, beats[1:])) * 1000
    assert longest_gap_ms < 50  # the window's stall budget; the largest single type takes about 15 ms


def test_the_import_thread_starts_only_once_the_process_types_are_made(qtbot, slow_module, monkeypatch):  # noqa: F811
    maker = TypeMaker(("QtCore",))
    monkeypatch.setattr(deferred_widget, "PROCESS_TYPES", maker)
    started = []
    monkeypatch.setattr(deferred_widget._Importer, "start", lambda self, module: started.append(maker.done))
    parent = QWidget()
    qtbot.addWidget(parent)
    DeferredWidget(slow_module, lambda: QLabel("built"), parent)

    qtbot.waitUntil(lambda: bool(started), timeout=IMPORT_AFTER_MS + 5000)
    assert started == [True] and slow_module not in sys.modules
