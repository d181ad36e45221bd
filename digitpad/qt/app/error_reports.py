"""What happens to an error nobody caught: a one-sentence dialog, the traceback in the log, the app carries on.

PySide6 hands an exception raised in a slot to `sys.excepthook` and returns to the event loop,
so replacing the hook is enough to keep the app running and the traceback kept.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from digitpad.core.app_log import start_logging
from digitpad.qt.app.app_paths import app_data_dir

log = logging.getLogger(__name__)


def log_dir() -> Path:
    """AppDataLocation/logs."""
    return app_data_dir() / "logs"


def start_app_logging() -> Path:
    """Log to the data folder (and stderr from a terminal), and catch every uncaught exception."""
    path = start_logging(log_dir())
    sys.excepthook = report_uncaught
    threading.excepthook = _report_thread_exception
    log.info("DigitPad started")
    return path


def report_uncaught(kind, error, trace) -> None:
    """Log the traceback; on the GUI thread, also say in one sentence that DigitPad carries on."""
    log.error("Uncaught %s", kind.__name__, exc_info=(kind, error, trace))
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread() or issubclass(kind, KeyboardInterrupt):
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "DigitPad", uncaught_sentence(error), parent=app.activeWindow())
    box.setObjectName("uncaughtErrorBox")
    box.setModal(False)  # the app keeps running; a modal box would also block a test's event loop
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()


def uncaught_sentence(error: BaseException) -> str:
    return (f"Something went wrong ({type(error).__name__}); DigitPad carries on, "
            f"and the details are in the log folder ({log_dir()}).")


def _report_thread_exception(arguments) -> None:
    log.error("Uncaught %s in thread %s", arguments.exc_type.__name__, getattr(arguments.thread, "name", "?"),
              exc_info=(arguments.exc_type, arguments.exc_value, arguments.exc_traceback))


def open_log_folder() -> bool:
    """Show the log folder in the desktop's file manager."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
