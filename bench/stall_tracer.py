"""What the GUI thread is doing while it stalls: a watchdog thread samples its stack. For the benches only.

The probe's 10 ms timer beats on the GUI thread; when no beat came for STALL_MS, the watchdog
records the GUI thread's innermost frames (a Python-level view: a C call holding the GIL shows
as the Python line that made it), and every other thread's that is not waiting. Samples are
counted by place, so the usual culprit stands out, and kept per stall, so the longest stalls
can be told one by one.
"""

from __future__ import annotations

import collections
import sys
import threading
import time
import traceback

STALL_MS = 30
SAMPLE_S = 0.01
_WAITING = ("wait@threading.py", "get@queue.py")  # a thread parked here holds nothing


class StallTracer:
    def __init__(self, depth: int = 6):
        self.depth = depth
        self.samples: collections.Counter[str] = collections.Counter()
        self.stalls: dict[float, list[str]] = collections.defaultdict(list)  # last beat -> places sampled
        self._beat = None  # armed by the first beat: stalls before the probe starts are not asked about
        self._ends: dict[float, float] = {}
        self._started = time.perf_counter()
        self._gui = threading.get_ident()
        self._running = True
        threading.Thread(target=self._watch, name="stall-tracer", daemon=True).start()

    def beat(self) -> None:
        now = time.perf_counter()
        if self._beat in self.stalls:
            self._ends[self._beat] = now
        self._beat = now

    def stop(self) -> None:
        self._running = False

    def report(self, count: int = 8, longest: int = 4) -> str:
        lines = [f"{n:4d} x {place}" for place, n in self.samples.most_common(count)]
        for beat in sorted(self.stalls, key=lambda b: self._ends.get(b, b) - b, reverse=True)[:longest]:
            length = (self._ends.get(beat, beat) - beat) * 1000
            lines.append(f"stall of {length:.0f} ms at {beat - self._started:.1f} s:")
            lines += [f"    {place}" for place in dict.fromkeys(self.stalls[beat])]
        return "\n".join(lines)

    def _watch(self) -> None:
        while self._running:
            time.sleep(SAMPLE_S)
            beat = self._beat
            if beat is None or (time.perf_counter() - beat) * 1000 < STALL_MS:
                continue
            # The GUI thread's place, and every other thread's: one of them may hold the GIL.
            for ident, frame in sys._current_frames().items():
                if ident != threading.get_ident():
                    who = "GUI" if ident == self._gui else _thread_name(ident)
                    place = f"{who}: {_place(traceback.extract_stack(frame), self.depth)}"
                    self.samples[place] += 1
                    if who == "GUI" or not place.split(": ", 1)[1].startswith(_WAITING):
                        self.stalls[beat].append(place)


def _thread_name(ident: int) -> str:
    thread = threading._active.get(ident)
    return thread.name if thread is not None else f"thread {ident}"


def _place(stack, depth: int) -> str:
    """The innermost frames, and the innermost of DigitPad's own code that led there."""
    ours = [f for f in stack if "/digitpad/" in f.filename and "/site-packages/" not in f.filename]
    inner = " <- ".join(f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(stack[-depth:]))
    origin = f"  [from {ours[-1].name}@{ours[-1].filename.rsplit('/', 1)[-1]}:{ours[-1].lineno}]" if ours else ""
    return inner + origin
