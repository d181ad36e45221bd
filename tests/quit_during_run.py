"""DigitPad started as `python -m digitpad` starts it, with a run begun and the window closed at one phase.

    python -m tests.quit_during_run PHASE train|fine-tune

Prints "closing" as it closes the window (File > Quit does the same), then the process ids of the
training processes running at that moment; its exit code is the app's.
Used by tests/test_quit_during_run.py: only a child process shows the real exit code and timing.
"""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSpinBox

from digitpad.__main__ import end_background_work, end_process
from digitpad.qt.app.app_paths import set_app_identity
from digitpad.qt.app.error_reports import start_app_logging


def main(phase: str, kind: str) -> int:
    app = QApplication([sys.argv[0]])
    set_app_identity()
    start_app_logging()
    from digitpad.qt.main_window import MainWindow

    window = MainWindow()
    window.show()
    panel = window.training_panel
    panel.set_mnist_dir(os.environ["DIGITPAD_MNIST_DIR"])
    panel.findChild(QSpinBox, "epochsSpin").setValue(1)
    begun, closing = [], []

    def begin(_path):
        if not begun:
            begun.append(True)
            panel.start_fine_tune() if kind == "fine-tune" else panel.start()

    def close_at(name):
        if name == phase and not closing:
            closing.append(True)
            from digitpad.core.training.child_processes import child_pids

            print("closing", flush=True)
            print(" ".join(map(str, child_pids())), flush=True)
            QTimer.singleShot(0, window.close)

    window.model_changed.connect(begin)
    panel.phase_changed.connect(close_at)
    code = app.exec()
    end_background_work(code)
    return code


if __name__ == "__main__":
    end_process(main(*sys.argv[1:3]))  # as `python -m digitpad` ends: no seconds of Python teardown
