"""The app's side of bench/scale.py: one cold start on the data folder it was given; prints JSON."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEVEN = [[(110, 80), (250, 80), (150, 300)]]
BEAT_MS = 5


class Beats:
    """A timer that beats every 5 ms on the GUI thread; the longest gap between beats is the stall."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.last, self.longest = time.perf_counter(), 0.0
        self.timer = QTimer(interval=BEAT_MS)
        self.timer.timeout.connect(self.beat)
        self.timer.start()

    def beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last - BEAT_MS / 1000)
        self.last = now

    def restart(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0

    def longest_ms(self) -> float:
        return max(0.0, self.longest * 1000)


def spin(app, seconds: float) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        app.processEvents()
        time.sleep(0.001)


def time_open(app, dock) -> float:
    """Milliseconds from `open()` until the event loop turns again, the dock shown."""
    from PySide6.QtCore import QTimer

    turned = []
    started = time.perf_counter()
    dock.open()
    QTimer.singleShot(0, lambda: turned.append(time.perf_counter()))
    while not turned:
        app.processEvents()
    return (turned[0] - started) * 1000


def exercise(app, dock) -> int:
    """Scroll every list top to bottom, sort each table by each column both ways, filter; return the rows."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView

    views = dock.findChildren(QAbstractItemView)
    for view in views:
        bar = view.verticalScrollBar()
        for step in range(11):
            bar.setValue(bar.maximum() * step // 10)
            spin(app, 0.02)
    for table in dock.findChildren(QTableView):
        if table.isSortingEnabled():
            for column in range(table.model().columnCount()):
                for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                    table.sortByColumn(column, order)
                    spin(app, 0.02)
    for field in dock.findChildren(QLineEdit):
        if field.objectName().endswith("Filter"):
            for text in ("c", "cn", "cnn", "7", ""):
                field.setText(text)
                spin(app, 0.05)
    return max((view.model().rowCount() for view in views if view.model() is not None), default=0)


def main(launched_at: float) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from digitpad.__main__ import create_app

    app = create_app([])
    from PySide6.QtWidgets import QWidget
    from replay import draw

    from digitpad.qt.main_window import MainWindow

    window = MainWindow()
    window.show()
    beats = Beats()
    predictions = []
    window.prediction_changed.connect(predictions.append)
    while window.windowHandle() is None or not window.windowHandle().isExposed():
        app.processEvents()
    draw(window.findChild(QWidget, "canvas"), SEVEN)
    while not any(p is not None for p in predictions):
        app.processEvents()
        time.sleep(0.001)
    result = {"first_prediction": time.monotonic() - launched_at}
    spin(app, 2.0)  # what loads in the background after the first prediction
    result["start_stall_ms"] = beats.longest_ms()
    for name, dock in (("runs", window.runs_dock), ("samples", window.samples_dock)):
        beats.restart()
        result[f"{name}_open_ms"] = time_open(app, dock)
        spin(app, 0.3)
        result[f"{name}_rows"] = exercise(app, dock)
        result[f"{name}_stall_ms"] = beats.longest_ms()
        dock.hide()
        spin(app, 0.1)
    result["menu_entries"] = len([action for action in window.model_menu.actions() if not action.isSeparator()])
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(float(sys.argv[1]))
