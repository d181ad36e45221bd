"""Ctrl+C and SIGTERM reach Qt's event loop and close the windows (tests/test_front_door.py: the real app)."""

import signal

import pytest
from PySide6.QtWidgets import QWidget

from digitpad.qt.app.quit_on_signals import quitting_on_signals


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_signal_closes_every_window_from_the_event_loop(qapp, qtbot, number):
    windows = [QWidget(), QWidget()]
    for window in windows:
        qtbot.addWidget(window)
        window.show()
    with quitting_on_signals(qapp):
        signal.raise_signal(number)  # its Python handler only notes it: no KeyboardInterrupt here
        assert all(window.isVisible() for window in windows)
        qtbot.waitUntil(lambda: not any(window.isVisible() for window in windows), timeout=3000)


def test_leaving_the_block_gives_the_signals_and_the_wakeup_fd_back(qapp):
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    wakeup_fd = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(wakeup_fd)

    with quitting_on_signals(qapp):
        assert signal.getsignal(signal.SIGINT) is not handlers[0]
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers
    assert signal.set_wakeup_fd(wakeup_fd) == wakeup_fd
