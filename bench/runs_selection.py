"""Selecting runs in a semester's Runs dock: how long the GUI thread is busy from the click to idle.

The real RunsView over N runs (bench/scale.py's cached folder), offscreen: one run selected, then
Ctrl+A, then one run again, and a selection cleared and made again in one turn of the event loop
(both replots counted). Each figure is the time from the change to an empty event queue, painting
included. Target: no stall over 50 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/runs_selection.py [--runs 1000] [--rounds 8]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402
from scale import build_runs  # noqa: E402

TARGET_MS = 50


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let painting and timers run out, so the next change starts from an idle window."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def busy_ms(app: QApplication, change) -> float:
    started = time.perf_counter()
    change()
    app.processEvents()
    return 1000 * (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    folder = build_runs(args.runs)
    app = QApplication([])
    from digitpad.core.runs.run_files import RunTrash
    from digitpad.qt.runs.runs_view import RunsView

    view = RunsView(folder, RunTrash(Path(tempfile.mkdtemp()) / "trash"))
    view.resize(420, 700)
    view.show()
    deadline = time.perf_counter() + 60
    while view.model.rowCount() < args.runs and time.perf_counter() < deadline:
        settle(app, 0.05)
    table = view.table
    table.selectRow(0)
    settle(app, 2.0)  # the plot is built at the first selection
    figures = {"Ctrl+A": [], "one run": [], "cleared and all again, one turn": []}
    for round_ in range(args.rounds):
        table.selectRow(round_ + 1)
        settle(app)
        figures["Ctrl+A"].append(busy_ms(app, table.selectAll))
        settle(app)
        figures["one run"].append(busy_ms(app, lambda row=round_ + 2: table.selectRow(row)))
        settle(app)
        figures["cleared and all again, one turn"].append(busy_ms(app, lambda: (table.clearSelection(),
                                                                                 table.selectAll())))
        settle(app)
    print(f"{view.model.rowCount()} runs, {args.rounds} rounds, {time.strftime('%Y-%m-%d %H:%M')}")
    for name, values in figures.items():
        worst = max(values)
        print(f"  {name:32s} median {statistics.median(values):6.1f} ms   longest {worst:6.1f} ms"
              f"   (target <= {TARGET_MS} ms: {'met' if worst <= TARGET_MS else 'not met'})")
    view.shutdown()


if __name__ == "__main__":
    main()
