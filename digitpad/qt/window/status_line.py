"""The window's status bar: the model in use on the right, and a lasting notice when nothing can be saved."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from digitpad.qt.app.app_paths import app_data_dir, unwritable_reason


def build_status_bar(window: QMainWindow) -> QLabel:
    """Fill the window's status bar; return the label that names the model in use."""
    model_label = QLabel("no model", objectName="modelLabel")
    window.statusBar().addPermanentWidget(model_label)
    reason = unwritable_reason(app_data_dir())
    if reason:  # said for as long as it lasts: nothing the person makes would be kept
        text = f"Cannot save in {app_data_dir()} ({reason}): samples and trained models will not be kept."
        window.statusBar().addWidget(QLabel(text, objectName="cannotSaveLabel", wordWrap=True))
    return model_label
