"""Show code: a run's network and training as a standalone Keras script, to read, copy or save.

The script (digitpad.core.networks.design_script) loads MNIST with tensorflow-datasets as the
workshop did, builds the same network, compiles and trains it with the same settings.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.networks.design_script import design_script


class CodeDialog(QDialog):
    """The script of one design, with Copy and Save; not modal, so the window stays usable beside it."""

    def __init__(self, design: dict, parent=None):
        super().__init__(parent, objectName="codeDialog")
        self.setWindowTitle(f"Code: {design.get('name', 'network')}")
        self.name = design.get("name", "network")
        self.text = QPlainTextEdit(design_script(design), objectName="codeText", readOnly=True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.status = QLabel(objectName="codeStatus")
        copy, save, close = QPushButton("Copy"), QPushButton("Save..."), QPushButton("Close")
        copy.setObjectName("copyCodeButton")
        save.setObjectName("saveCodeButton")
        copy.clicked.connect(self.copy)
        save.clicked.connect(self.save)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for widget in (self.status, copy, save, close):
            buttons.addWidget(widget, stretch=widget is self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("python this_file.py --epochs 1 --mnist-dir DIR  (both optional)"))
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.resize(720, 640)

    def script(self) -> str:
        return self.text.toPlainText()

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.script())
        self.status.setText("Copied.")

    @Slot()
    def save(self, path: str | None = None) -> bool:
        suggested = self.name.lower().replace(" ", "_") + ".py"
        path = path or QFileDialog.getSaveFileName(self, "Save the script", suggested, "Python (*.py)")[0]
        if not path:
            return False
        try:
            write_bytes_atomically(path, self.script().encode("utf-8"))
        except OSError as error:
            self.status.setText(f"Could not write {path} ({error.strerror or error}).")
            return False
        self.status.setText(f"Saved {path}.")
        return True
