"""The Qt runtime itself: guards against known-broken PySide6 releases."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal()


def test_emitting_a_signal_many_times_does_not_leak_references_to_true(qapp):
    # PySide6 6.12.0 dropped a reference to True on every emit(); a long stroke (thousands of
    # `changed` emits) then crashed the interpreter. requirements.txt excludes that release.
    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(5000):
        emitter.changed.emit()
    assert abs(sys.getrefcount(True) - before) < 100  # the bug shows as -5000
