"""The app's log: a rotating file in the data folder, and stderr when a terminal is watching. Pure: no Qt.

Workers turn failures into one sentence for the person; the log keeps the traceback for whoever
has to find out why. A crash that no Python code can catch (a fault inside Qt or the inference
runtime) still leaves every thread's Python stack in `crash.log` beside it, through faulthandler.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
from pathlib import Path

LOG_NAME = "digitpad.log"
CRASH_LOG_NAME = "crash.log"
MAX_LOG_BYTES = 1_000_000
KEPT_LOGS = 3
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

_handlers: list[logging.Handler] = []
_crash_file = None  # kept open: faulthandler writes to its descriptor from a signal handler


def start_logging(folder: str | os.PathLike, to_stderr: bool | None = None) -> Path:
    """Send DigitPad's log records to `folder/digitpad.log` (rotated), and to stderr from a terminal."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stop_logging()
    path = folder / LOG_NAME
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=KEPT_LOGS, encoding="utf-8")
    ]
    if to_stderr if to_stderr is not None else _stderr_is_a_terminal():
        handlers.append(logging.StreamHandler(sys.stderr))
    root = logging.getLogger("digitpad")
    root.setLevel(logging.INFO)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
        _handlers.append(handler)
    _keep_crashes_in(folder / CRASH_LOG_NAME)
    return path


def _keep_crashes_in(path: Path) -> None:
    global _crash_file
    if faulthandler.is_enabled():
        return  # already sent somewhere by whoever started Python (python -X faulthandler, pytest)
    try:
        crash_file = open(path, "a", encoding="utf-8")  # appended to: the last crash may be the one asked about
    except OSError:
        return  # the log itself says why the folder is unusable
    _crash_file = crash_file
    faulthandler.enable(file=crash_file, all_threads=True)


def stop_logging() -> None:
    """Close the handlers `start_logging` added (a test, or a second window in one process)."""
    root = logging.getLogger("digitpad")
    while _handlers:
        handler = _handlers.pop()
        root.removeHandler(handler)
        handler.close()
    _stop_keeping_crashes()


def _stop_keeping_crashes() -> None:
    global _crash_file
    if _crash_file is not None:
        faulthandler.disable()
        _crash_file.close()
        _crash_file = None


def _stderr_is_a_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # a windowed app's stderr may be None or closed
        return False
