"""What the GUI thread is doing while it stalls: a watchdog thread samples its stack. For the benches only.

The probe's 10 ms timer beats on the GUI thread; when no beat came for STALL_MS, the watchdog
records the GUI thread's innermost frames (a Python-level view: a C call holding the GIL shows
as the Python line that made it). Samples are counted by place, so the usual culprit stands out.
"""

from __future__ import annotations

import collections
import sys
import threading
import time
import traceback

STALL_MS = 30
SAMPLE_S = 0.01


class StallTracer:
    def __init__(self, depth: int = 6):
        self.depth = depth
        self.samples: collections.Counter[str] = collections.Counter()
        self._beat = None  # armed by the first beat: stalls before the probe starts are not asked about
        self._gui = threading.get_ident()
        self._running = True
        threading.Thread(target=self._watch, name="stall-tracer", daemon=True).start()

    def beat(self) -> None:
        self._beat = time.perf_counter()

    def stop(self) -> None:
        self._running = False

    def report(self, count: int = 8) -> str:
        return "\n".join(f"{n:4d} x {place}" for place, n in self.samples.most_common(count))

    def _watch(self) -> None:
        while self._running:
            time.sleep(SAMPLE_S)
            if self._beat is None or (time.perf_counter() - self._beat) * 1000 < STALL_MS:
                continue
            # The GUI thread's place, and every other thread's: one of them may hold the GIL.
            for ident, frame in sys._current_frames().items():
                if ident != threading.get_ident():
                    who = "GUI" if ident == self._gui else _thread_name(ident)
                    self.samples[f"{who}: {_place(traceback.extract_stack(frame), self.depth)}"] += 1


def _thread_name(ident: int) -> str:
    thread = threading._active.get(ident)
    return thread.name if thread is not None else f"thread {ident}"


def _place(stack, depth: int) -> str:
    """The innermost frames, and the innermost of DigitPad's own code that led there."""
    ours = [f for f in stack if "/digitpad/" in f.filename and "/site-packages/" not in f.filename]
    inner = " <- ".join(f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(stack[-depth:]))
    origin = f"  [from {ours[-1].name}@{ours[-1].filename.rsplit('/', 1)[-1]}:{ours[-1].lineno}]" if ours else ""
    return inner + origin
