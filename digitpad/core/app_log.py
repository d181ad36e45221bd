"""The app's log: a rotating file in the data folder, and stderr when a terminal is watching. Pure: no Qt.

Workers turn failures into one sentence for the person; the log keeps the traceback for whoever
has to find out why.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

LOG_NAME = "digitpad.log"
MAX_LOG_BYTES = 1_000_000
KEPT_LOGS = 3
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

_handlers: list[logging.Handler] = []


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
    return path


def stop_logging() -> None:
    """Close the handlers `start_logging` added (a test, or a second window in one process)."""
    root = logging.getLogger("digitpad")
    while _handlers:
        handler = _handlers.pop()
        root.removeHandler(handler)
        handler.close()


def _stderr_is_a_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # a windowed app's stderr may be None or closed
        return False
