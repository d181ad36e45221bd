"""`python -m digitpad` starts the app; `python -m digitpad predict IMAGE...` classifies image files."""

from __future__ import annotations

import os
import sys

# How long quitting waits for a background load (a model, MNIST) before ending the process; with
# the training panel's wait (main_window.QUIT_WAIT_S), quitting takes under 3 s in any phase.
EXIT_GRACE_S = 1.5


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m digitpad` and of the `digitpad` launcher."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["predict"]:
        from digitpad.cli.predict import run  # no Qt on this path

        return run(argv[1:])
    return run_app(argv)


def run_app(argv: list[str]) -> int:
    """Show the window first; the model loads in the background."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from digitpad.core.assets import icon_path
    from digitpad.core.temp_files import remove_stale_temporaries
    from digitpad.qt.app_paths import app_data_dir, set_app_identity
    from digitpad.qt.error_reports import start_app_logging
    from digitpad.qt.theme import apply_theme

    app = QApplication([sys.argv[0], *argv])
    set_app_identity()
    start_app_logging()
    remove_stale_temporaries(app_data_dir())  # what a crash mid-save left behind
    apply_theme(app)
    app.setWindowIcon(QIcon(str(icon_path())))
    from digitpad.qt.main_window import MainWindow

    window = MainWindow()
    window.show()
    code = app.exec()
    end_background_work(code)
    return code


def end_background_work(code: int, grace_s: float = EXIT_GRACE_S) -> None:
    """Let background TensorFlow work finish briefly; if some still runs, end the process now.

    Python's exit would otherwise force-unwind a thread that is still in TensorFlow's C++
    code, which aborts. Nothing is lost by ending early: models and settings are written
    atomically before the window closes.
    """
    import logging

    from digitpad.core.background import wait_until_idle

    wait_until_idle(grace_s)
    # Ended here either way: with TensorFlow loaded, the interpreter's own teardown takes seconds
    # of C++ destructors (measured 3 to 5 s after a run), and everything is written already.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
