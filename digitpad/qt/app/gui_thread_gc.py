"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate. A reference cycle
that holds a Qt object (a closed window whose child keeps a reference to it) is then destroyed
from a worker thread, in the middle of Keras loading a model: Qt objects may only be destroyed
on their own thread, and the result was a deadlock or a crash (seen in the test suite).

Start-up leaves a few hundred thousand objects that live as long as the app (modules, the
window, the model's runtime). Scanning them all took 24 ms in one collection, a stall just as a
person starts to draw; frozen once the first model is in use, no later collection scans them.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, SignalInstance, Slot

INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    """Turns automatic collection off and collects from a GUI-thread timer, by CPython's own thresholds."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @Slot()
    def collect(self) -> None:
        """Collect the oldest generation whose count has passed its threshold, as CPython would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return


_frozen = False


def freeze_start_up_when(signal: SignalInstance) -> None:
    """At the signal's first emission in this process (start-up is over), move what lives out of every later scan.

    Once per process: a second window (the tests open hundreds) must not freeze the first one's garbage.
    """

    def freeze(*_) -> None:
        global _frozen
        signal.disconnect(freeze)
        if not _frozen:
            _frozen = True
            gc.freeze()

    signal.connect(freeze)


def freeze_long_lived() -> None:
    """Move what lives now out of every later scan: called once a large load (the samples) is done.

    Twenty thousand samples made each full collection 40 ms, a stall while the person draws; they
    live until deleted, and reference counting frees a deleted one as before.
    """
    gc.freeze()
