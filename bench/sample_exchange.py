"""Exporting and importing a semester's samples: how long it takes, and the GUI's longest stall meanwhile.

My samples' Export... and Import... on the samples bench/scale.py caches (drawn-dev digits filed
again and again), in a fresh process, offscreen: export them all to a folder, then import that
folder into an empty samples folder. A 5 ms timer on the GUI thread measures the longest stall
while each runs (target: none over 50 ms; before they ran on a thread, the whole exchange was one).

    QT_QPA_PLATFORM=offscreen python bench/sample_exchange.py [--samples 20000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(app, beats, start, signal) -> tuple[float, float]:
    """(seconds, longest stall in ms) from `start()` until `signal` is emitted."""
    ended = []
    signal.connect(lambda *_: ended.append(time.perf_counter()))
    beats.restart()
    began = time.perf_counter()
    start()
    while not ended:
        app.processEvents()
        time.sleep(0.001)
    return ended[0] - began, beats.longest_ms()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=20000)
    arguments = parser.parse_args()
    from PySide6.QtWidgets import QApplication
    from scale import build_samples
    from scale_child import Beats

    from digitpad.core.samples.store import SampleStore
    from digitpad.qt.app.gui_thread_gc import GuiThreadGarbageCollector
    from digitpad.qt.samples.samples_view import SamplesView

    app = QApplication([])
    app.garbage_collector = GuiThreadGarbageCollector(app)  # as the app collects: on the GUI thread
    scratch = Path(tempfile.mkdtemp(prefix="digitpad-sample-exchange-"))
    shutil.copytree(build_samples(arguments.samples), scratch / "samples", ignore=shutil.ignore_patterns("done"))
    view = SamplesView(SampleStore(scratch / "samples"))
    other = SamplesView(SampleStore(scratch / "imported"))
    beats = Beats()
    export_s, export_stall = timed(app, beats, lambda: view.export_to(scratch / "export"), view.exchanged)
    import_s, import_stall = timed(app, beats, lambda: other.import_from(scratch / "export"), other.exchanged)
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, {len(view.store)} samples")
    print(f"  export  {export_s:.1f} s, longest stall {export_stall:.0f} ms: {view.status.text()[:60]}")
    print(f"  import  {import_s:.1f} s, longest stall {import_stall:.0f} ms: {other.status.text()[:60]}")
    view.shutdown()
    other.shutdown()
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
