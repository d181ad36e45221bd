"""PySide6's types made on the GUI thread, a slice at a time, before any thread imports a module that asks for them.

PySide6 makes the Python type of a Qt class the first time it is asked for, and two makings at once
are not safe: each works through one table of the types still to make, and a second making
entered while the first is under way frees what the first is still reading (a known shiboken
crash when the two are nested; across threads the interpreter lock can switch between them).
pyqtgraph's import asks for every type of QtCore, QtGui and QtWidgets (it copies the three modules
into its own), and DigitPad imports it in a background thread (`deferred_widget`) while the window
starts. Twice in about 200 runs of tests/test_quit_during_run.py the window then died of SIGSEGV at
start-up, faulthandler's log showing the import thread inside that copy and the GUI thread in Qt's
event loop. Made here first, the thread finds every type made and makes none.

About 100 ms of work in all, so it is done in slices of 4 ms between turns of the event loop; a
type is made in one piece, the largest in 6-15 ms (the Qt namespace, made long before in the app).
With 8 ms slices the GUI's longest stall over a first run while drawing was 15-17 ms against
7-10 ms before; with 4 ms, 11-15 ms against 10-25 ms (bench/first_run.py, 3 pairs each).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QTimer

# The PySide6 modules pyqtgraph imports (and through it every plot of the window).
PYSIDE_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtOpenGL", "QtOpenGLWidgets", "QtTest")
SLICE_MS = 4.0


class TypeMaker:
    """Asks for every type of `modules` on the GUI thread, a slice per turn, then runs the calls that waited."""

    def __init__(self, modules: tuple[str, ...] = PYSIDE_MODULES, slice_ms: float = SLICE_MS):
        self._modules, self._slice_s = modules, slice_ms / 1000
        self._names: Iterator | None = None  # what is left to ask for, once started
        self._waiting: list[Callable[[], None]] = []
        self.done = False

    def then(self, call: Callable[[], None]) -> None:
        """`call()` once every type is made: now if they are, else after the last slice (the first call starts them)."""
        if self.done:
            call()
            return
        self._waiting.append(call)
        if self._names is None:
            self._names = self._every_name()
            QTimer.singleShot(0, self._next_slice)

    def _every_name(self) -> Iterator:
        for name in self._modules:
            try:
                module = importlib.import_module(f"PySide6.{name}")
            except ImportError:  # a PySide6 built without it: pyqtgraph does without it too
                continue
            for attribute in dir(module):
                yield module, attribute

    def _next_slice(self) -> None:
        ends = time.perf_counter() + self._slice_s
        for module, attribute in self._names:
            getattr(module, attribute)
            if time.perf_counter() > ends:
                QTimer.singleShot(0, self._next_slice)
                return
        self.done = True
        waiting, self._waiting = self._waiting, []
        for call in waiting:
            call()


# One per process: types, once made, are made for every window and thread.
PROCESS_TYPES = TypeMaker()
