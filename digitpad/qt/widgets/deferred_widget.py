"""A placeholder for a widget whose module is slow to import: imported in the background, built when ready.

pyqtgraph costs 0.2 to 0.5 s to import here: a third of the start-up if the window waited for
it, and a 0.3 s freeze if the GUI thread imported it while a person draws. A background thread
imports the module instead (the GUI thread's longest wait for the interpreter lock was then
22-28 ms); the widget itself is built on the GUI thread once the import is done and it is shown
(a hidden dock's plot waits until the dock opens); `build` may be a generator that builds in
parts, the event loop turning between them. Calls meant for the widget before then wait in order
(`when_built`), so a click on Train never waits for it.
"""

from __future__ import annotations

import importlib
import inspect
import threading
from collections.abc import Callable, Generator

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from digitpad.qt.widgets.qt_types import PROCESS_TYPES

# Long enough for the window to be on screen and the first stroke to be read before the
# import competes for the interpreter; short enough that the widget is there when first looked at.
IMPORT_AFTER_MS = 400


class _Importer(QObject):
    """Imports a module in a daemon thread and says so on the GUI thread (the thread only emits).

    It has no Qt parent: the thread's bound method keeps it alive for as long as the thread may
    emit. As the widget's child it was destroyed with the widget, and a window collected on the
    GUI thread while the import thread emitted made it emit from a freed object (a segmentation
    fault, seen in the test suite).
    """

    imported = Signal()

    def start(self, module: str) -> None:
        threading.Thread(target=self._run, args=(module,), name=f"import {module}", daemon=True).start()

    def _run(self, module: str) -> None:
        try:
            importlib.import_module(module)
        finally:  # a failed import is raised again, on the GUI thread, by the build
            self.imported.emit()


class DeferredWidget(QWidget):
    """Holds the place of `build()`'s widget, whose slow `module` is imported in the background first.

    `build()` returns the widget, or a generator that yields between the parts it builds and
    returns the widget.
    """

    def __init__(self, module: str, build: Callable[[], QWidget | Generator], parent: QWidget | None = None):
        super().__init__(parent)
        self._build, self._widget, self._imported = build, None, False
        self._steps: Generator | None = None  # a build under way, a part per turn of the event loop
        self._waiting: list[Callable[[QWidget], None]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._importer = importer = _Importer()  # no parent: see _Importer
        importer.imported.connect(self._on_imported)
        # The thread starts once PySide6's types are made on this thread: see qt_types.
        QTimer.singleShot(IMPORT_AFTER_MS, self, lambda: PROCESS_TYPES.then(lambda: importer.start(module)))

    def widget(self) -> QWidget:
        """The real widget, built now if it was not yet (waiting for the import if it is under way)."""
        if self._widget is None:
            steps, self._steps = self._steps or self._build_steps(), None
            self._place(_run_to_end(steps))
        return self._widget

    def _place(self, widget: QWidget) -> None:
        self._widget = widget
        self._layout.addWidget(widget)
        widget.setVisible(self.isVisible())  # at once, not at the layout's next turn
        waiting, self._waiting = self._waiting, []
        for call in waiting:
            call(widget)

    def _build_steps(self) -> Generator:
        """`build()` as a generator of its parts, whether or not it builds in parts."""
        result = self._build()
        return result if inspect.isgenerator(result) else _built(result)

    def _build_in_steps(self) -> None:
        """Start building, a part per turn of the event loop."""
        if self._widget is None and self._steps is None:
            self._steps = self._build_steps()
            QTimer.singleShot(0, self, self._next_step)

    @Slot()
    def _next_step(self) -> None:
        if self._steps is None:  # finished by a call to widget() meanwhile
            return
        try:
            next(self._steps)
        except StopIteration as finished:
            self._steps = None
            self._place(finished.value)
        else:
            QTimer.singleShot(0, self, self._next_step)

    def is_built(self) -> bool:
        return self._widget is not None

    def when_built(self, call: Callable[[QWidget], None]) -> None:
        """`call(widget)` now if it is built, else as soon as it is, after the calls that came before."""
        if self._widget is None:
            self._waiting.append(call)
        else:
            call(self._widget)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._imported and self._widget is None:
            QTimer.singleShot(0, self, self._build_in_steps)  # after this paint: the placeholder shows first

    @Slot()
    def _on_imported(self) -> None:
        self._imported = True
        if self.isVisible():
            self._build_in_steps()


def _built(widget: QWidget) -> Generator:
    """A generator with no parts left, that returns `widget`."""
    return widget
    yield  # unreachable: makes this a generator


def _run_to_end(steps: Generator) -> QWidget:
    """What a building generator returns, all its parts built now."""
    try:
        while True:
            next(steps)
    except StopIteration as finished:
        return finished.value
