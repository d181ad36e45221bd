"""The app keeps a training process ready, so a click on Train starts training rather than TensorFlow's import.

A run in a child process (how the panel trains by default) first spends 4 to 6 s importing
TensorFlow. The app starts the next run's process ahead: a few seconds after start-up (not
during it: the window and the first prediction come first; nor during a run already going),
and again after each run ends. It waits, niced, with TensorFlow loaded (about 580 MB);
quitting kills it. Only `python -m digitpad` does this (`__main__.run_app`), not every window
a test builds.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from digitpad.core.training import child_processes
from digitpad.qt.training.training_worker import training_place

AFTER_START_UP_MS = 3000  # after the first model is in use


def keep_a_training_process_ready(window) -> None:
    """Start a spare training process after the window's start-up and after each of its panel's runs."""
    try:
        if training_place() != "process":
            return
    except ValueError:  # a misspelt DIGITPAD_TRAINING_IN: the panel says so when a run starts
        return
    panel, timed = window.training_panel, []

    def unless_a_run_is_going() -> None:
        if not panel.is_running():  # that run's end starts one
            child_processes.start_spare()

    def after_start_up(_path: str) -> None:
        if not timed:
            timed.append(True)
            QTimer.singleShot(AFTER_START_UP_MS, unless_a_run_is_going)

    def after_a_run(running: bool) -> None:
        if not running:
            child_processes.start_spare()

    window.model_changed.connect(after_start_up)
    panel.running_changed.connect(after_a_run)
