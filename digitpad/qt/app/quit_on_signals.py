"""Ctrl+C in the terminal and SIGTERM close the windows as File > Quit does.

Python runs a signal handler only when the interpreter gets control back, and an idle Qt event
loop never gives it back: Ctrl+C would be ignored until the mouse moved over the window. The
C-level handler also writes the signal's number to `signal.set_wakeup_fd`; a socket pair turns
that byte into a `QSocketNotifier` event, which wakes Qt's loop at once and closes the windows.
"""

from __future__ import annotations

import signal
import socket
from contextlib import contextmanager

from PySide6.QtCore import QObject, QSocketNotifier, Slot
from PySide6.QtWidgets import QApplication

QUIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class QuitOnSignals(QObject):
    """While installed, SIGINT and SIGTERM close every window, which ends `app.exec()` with 0."""

    def __init__(self, app: QApplication, signals=QUIT_SIGNALS):
        super().__init__(app)
        self._signals = tuple(signals)
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)  # set_wakeup_fd requires it; a full pipe must never block a handler
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wakeup)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        # A Python-level handler is what makes the C handler write to the wakeup fd; the work
        # itself is done in _on_wakeup, on the GUI thread's event loop.
        self._previous_handlers = {number: signal.signal(number, _note_only) for number in self._signals}

    @Slot()
    def _on_wakeup(self) -> None:
        received = self._drain()
        if any(number in received for number in self._signals):
            _close_like_quit()

    def _drain(self) -> set[int]:
        """The signal numbers written since the last wake-up."""
        numbers: set[int] = set()
        while True:
            try:
                chunk = self._reader.recv(64)
            except (BlockingIOError, InterruptedError):
                return numbers
            if not chunk:
                return numbers
            numbers.update(chunk)

    def uninstall(self) -> None:
        """Give the signals back to whoever handled them before."""
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


@contextmanager
def quitting_on_signals(app: QApplication):
    """Within this block, Ctrl+C and SIGTERM quit the app cleanly (settings written, exit code 0)."""
    handler = QuitOnSignals(app)
    try:
        yield handler
    finally:
        handler.uninstall()


def _note_only(number, frame) -> None:
    """Nothing to do here: the wakeup byte already carries the signal to the event loop."""


def _close_like_quit() -> None:
    """Close every window as File > Quit closes the main one: closeEvent saves, the loop ends."""
    app = QApplication.instance()
    QApplication.closeAllWindows()
    if app is not None and not any(window.isVisible() for window in QApplication.topLevelWidgets()):
        app.quit()  # also when no window was open yet, or quitOnLastWindowClosed is off
