"""A DigitPad window that files drawings while another window files into the same samples folder.

    python -m tests.filing_window COUNT EXPECTED

Once its model is ready it files COUNT sevens, one every 50 ms (as digit keys would), opens My
samples and waits until the list shows EXPECTED samples, the other window's included; then it
prints one JSON line, {"filed": [ids], "listed": [ids]}, and exits 0 (1 if the list never got there).
Used by tests/test_two_windows.py: only separate processes share a folder the way two windows do.
"""

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from digitpad.__main__ import end_process
from digitpad.qt.app.app_paths import set_app_identity
from digitpad.qt.samples.sample_list_model import ID_ROLE
from tests.drawing import seven

WAIT_FOR_OTHERS_MS = 90_000


def main(count: int, expected: int) -> int:
    app = QApplication([sys.argv[0]])
    set_app_identity()
    from digitpad.qt.main_window import MainWindow

    window = MainWindow()
    window.show()
    filed, timer = [], QTimer(interval=50)

    def file_one():
        if len(filed) == count:
            timer.stop()
            window.show_samples()
            return
        window.canvas.set_strokes(seven(window.canvas.width()))
        filed.append(window.samples_dock.file_drawing(7).id)

    def listed():
        model = window.samples_dock.view.model
        return [model.index(row).data(ID_ROLE) for row in range(model.rowCount())]

    def check():
        if len(filed) == count and window.samples_dock.isVisible() and len(listed()) >= expected:
            app.exit(0)

    timer.timeout.connect(file_one)
    window.model_changed.connect(lambda _path: timer.start())
    checker = QTimer(interval=100)
    checker.timeout.connect(check)
    checker.start()
    QTimer.singleShot(WAIT_FOR_OTHERS_MS, lambda: app.exit(1))
    code = app.exec()
    print(json.dumps({"filed": filed, "listed": listed()}), flush=True)
    return code


if __name__ == "__main__":
    end_process(main(int(sys.argv[1]), int(sys.argv[2])))
