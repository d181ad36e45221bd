"""Keeps count of TensorFlow work running on plain daemon threads, so quitting can wait for it.

Python's exit force-unwinds a daemon thread that is still inside TensorFlow's C++ code, which
aborts the process ("exception not rethrown"). Threads that only wait for their next request
are harmless, so what matters is whether any is busy, not whether any is alive.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

_busy = 0
_changed = threading.Condition()


@contextmanager
def busy():
    """Mark the calling thread as doing work that must not be cut off at exit."""
    global _busy
    with _changed:
        _busy += 1
    try:
        yield
    finally:
        with _changed:
            _busy -= 1
            _changed.notify_all()


def wait_until_idle(timeout_s: float) -> bool:
    """Wait until no background work is running; False if some still is after `timeout_s`."""
    with _changed:
        return _changed.wait_for(lambda: _busy == 0, timeout=timeout_s)
