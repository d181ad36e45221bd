"""A placeholder for a widget whose module is slow to import: imported in the background, built when ready.

pyqtgraph costs 0.2 to 0.5 s to import here: a third of the start-up if the window waited for
it, and a 0.3 s freeze if the GUI thread imported it while a person draws. A background thread
imports the module instead (the GUI thread's longest wait for the interpreter lock was then
22-28 ms); the widget itself is built on the GUI thread once the import is done and it is shown
(a hidden dock's plot waits until the dock opens). Calls meant for the widget before then wait in
order (`when_built`), so a click on Train never waits for it.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

# Long enough for the window to be on screen and the first stroke to be read before the
# import competes for the interpreter; short enough that the widget is there when first looked at.
IMPORT_AFTER_MS = 400


class _Importer(QObject):
    """Imports a module in a daemon thread and says so on the GUI thread (the thread only emits)."""

    imported = Signal()

    def start(self, module: str) -> None:
        threading.Thread(target=self._run, args=(module,), name=f"import {module}", daemon=True).start()

    def _run(self, module: str) -> None:
        try:
            importlib.import_module(module)
        finally:  # a failed import is raised again, on the GUI thread, by the build
            self.imported.emit()


class DeferredWidget(QWidget):
    """Holds the place of `build()`'s widget, whose slow `module` is imported in the background first."""

    def __init__(self, module: str, build: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build, self._widget, self._imported = build, None, False
        self._waiting: list[Callable[[QWidget], None]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._importer = _Importer(self)
        self._importer.imported.connect(self._on_imported)
        QTimer.singleShot(IMPORT_AFTER_MS, self, lambda: self._importer.start(module))

    def widget(self) -> QWidget:
        """The real widget, built now if it was not yet (waiting for the import if it is under way)."""
        if self._widget is None:
            self._widget = self._build()
            self._layout.addWidget(self._widget)
            self._widget.setVisible(self.isVisible())  # at once, not at the layout's next turn
            waiting, self._waiting = self._waiting, []
            for call in waiting:
                call(self._widget)
        return self._widget

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
            QTimer.singleShot(0, self, self.widget)  # after this paint: the placeholder shows first

    @Slot()
    def _on_imported(self) -> None:
        self._imported = True
        if self.isVisible():
            self.widget()
