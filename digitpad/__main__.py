"""`python -m digitpad` starts the app; `python -m digitpad predict IMAGE...` classifies image files."""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

# How long quitting waits for a background load (a model, MNIST) before ending the process; with
# the training panel's wait (main_window.QUIT_WAIT_S), quitting takes under 3 s in any phase.
EXIT_GRACE_S = 1.5


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m digitpad` and of the `digitpad` launcher."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["predict"]:
        from digitpad.cli.predict import run  # no Qt on this path

        return run(argv[1:])
    if argv[:1] == ["code"]:
        from digitpad.cli.code import run as print_code  # no Qt, no TensorFlow

        return print_code(argv[1:])
    if argv[:1] == ["install-desktop-entry"]:
        from digitpad.cli.desktop_entry import run

        return run(argv[1:])
    from digitpad.cli.app_arguments import answer_without_window  # --help, --version, a typo, no display: no Qt

    code = answer_without_window(argv)
    return code if code is not None else run_app(argv)


def run_app(argv: list[str]) -> NoReturn:
    """Show the window first; the model loads in the background. Ends the process when it closes."""
    from digitpad.qt.app.gui_thread_gc import freeze_start_up_when
    from digitpad.qt.app.quit_on_signals import quitting_on_signals
    from digitpad.qt.training.spare_training import keep_a_training_process_ready

    app = create_app(argv)
    from digitpad.qt.main_window import MainWindow

    # From here on, Ctrl+C and SIGTERM close the window as File > Quit does, even mid-start-up.
    with quitting_on_signals(app):
        window = MainWindow()
        window.model_changed.connect(_say_model_ready)
        freeze_start_up_when(window.model_changed)
        keep_a_training_process_ready(window)
        window.show()
        code = app.exec()
        end_background_work(code)
    # With TensorFlow and Qt loaded, Python's own teardown takes seconds (3 to 5 s measured after a
    # run) and has nothing left to do: the settings and every model are on disk before the window closes.
    end_process(code)


def create_app(argv: list[str]):
    """The QApplication with DigitPad's name, theme and icon (bench/startup.py times this path too)."""
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from digitpad.core.assets import icon_path
    from digitpad.core.atomic_files import remove_stale_temporaries
    from digitpad.qt.app.app_paths import app_data_dir, set_app_identity
    from digitpad.qt.app.error_reports import start_app_logging
    from digitpad.qt.app.gui_thread_gc import GuiThreadGarbageCollector
    from digitpad.qt.app.theme import apply_theme

    app = QApplication([sys.argv[0], *argv])
    app.garbage_collector = GuiThreadGarbageCollector(app)  # Qt objects die on their own thread
    set_app_identity()
    start_app_logging()
    remove_stale_temporaries(app_data_dir())  # what a crash mid-save left behind
    apply_theme(app)
    app.setWindowIcon(QIcon(str(icon_path())))
    QGuiApplication.setDesktopFileName("digitpad")  # assets/digitpad.desktop: on Wayland, the window's app id
    return app


def _say_model_ready(path: str) -> None:
    """One line on stderr when a model is in use: a person in a terminal (and the tests) can wait for it."""
    print(f"DigitPad: model ready: {path}", file=sys.stderr, flush=True)


def end_background_work(code: int, grace_s: float = EXIT_GRACE_S) -> None:
    """Let background TensorFlow work finish briefly; if some still runs, end the process now.

    Python's exit would otherwise force-unwind a thread that is still in TensorFlow's C++
    code, which aborts. Nothing is lost by ending early: models and settings are written
    atomically before the window closes.
    """
    from digitpad.core.training.background import wait_until_idle

    children = sys.modules.get("digitpad.core.training.child_processes")  # imported where runs train in a child
    if children is not None:
        children.discard_spares()  # a spare process holds nothing: it goes at once
    if not wait_until_idle(grace_s):
        if children is not None:
            children.kill_children()  # a training process told to stop that has not yet: never left behind
        end_process(code)


def end_process(code: int) -> NoReturn:
    """End the process now, with `code`, after flushing what it printed or logged."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # no console: pythonw, a gui-script on Windows
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
