"""The main window's menu bar (File, Edit, Model, Samples, Help) and the small dialogs its actions open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from digitpad import __version__
from digitpad.qt.app.app_paths import models_dir
from digitpad.qt.app.error_reports import open_log_folder
from digitpad.qt.drawing.picture_opening import PICTURE_FILES
from digitpad.qt.window.model_menu import ModelMenu

ABOUT = """<h3>DigitPad {version}</h3>
<p>Draw a digit and watch a neural network trained on MNIST read it as you draw.
Train your own model in the panel on the right.</p>
<p>Keys: Ctrl+Z undoes a stroke, Esc or Delete clears the canvas, and a digit key 0-9 files the
drawing as that digit in your samples (so does clicking the digit's bar), to fine-tune a model on
your handwriting. Drop a picture of a digit on the canvas (or Ctrl+Shift+O) to have it read.</p>"""


class WindowMenus(QObject):
    """Fills the window's menu bar; its actions call the window's public slots."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        keys = QKeySequence.StandardKey
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("&Open model...", keys.Open, self._choose_model_file))
        file_menu.addAction(self._action("Open &picture...", QKeySequence("Ctrl+Shift+O"), self._choose_picture))
        file_menu.addAction(self._action("&Save drawing as PNG...", keys.Save, self._choose_png_file))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", keys.Quit, window.close))
        self._build_edit_menu()
        self._build_model_menu()
        bar.addMenu("&Samples").addAction(self._action("&My samples...", None, window.show_samples))
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About DigitPad", None, self._show_about))
        help_menu.addAction(self._action("Open &log folder", None, open_log_folder))

    def window(self) -> QMainWindow:
        # Asked of Qt each time: a Python reference to the parent would make a cycle that keeps
        # the window's wrapper, and so the window, alive until a garbage collection deletes it.
        return self.parent()

    def _build_edit_menu(self) -> None:
        canvas = self.window().canvas
        self.undo_action = self._action("&Undo stroke", QKeySequence.StandardKey.Undo, canvas.undo)
        self.clear_action = self._action("&Clear", QKeySequence(Qt.Key.Key_Escape), canvas.clear)
        # Delete clears only where the drawing is: "My samples" claims it too, and Qt fires neither
        # of two shortcuts that both apply.
        self.clear_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.window().centralWidget())
        self.clear_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.clear_shortcut.activated.connect(canvas.clear)
        self.window().menuBar().addMenu("&Edit").addActions([self.undo_action, self.clear_action])

    def _build_model_menu(self) -> None:
        self.model_menu = ModelMenu(self.window())
        self.window().menuBar().addMenu(self.model_menu)
        self.where_it_fails_action = self._action("&Where it fails...", None, self.window().show_where_it_fails)
        self._below_models = [QAction(self.window(), separator=True), self.where_it_fails_action]
        self.model_menu.aboutToShow.connect(self._keep_model_actions_last)
        self._keep_model_actions_last()

    def add_below_models(self, action: QAction) -> None:
        """An entry of the Model menu under the list of models, above "Where it fails...", which stays last."""
        self._below_models.insert(-1, action)
        self._keep_model_actions_last()

    @Slot()
    def _keep_model_actions_last(self) -> None:
        """The model list is rebuilt each time the menu opens (appended at its end); keep these below it."""
        for action in self._below_models:
            self.model_menu.removeAction(action)
            self.model_menu.addAction(action)

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self.window())
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    @Slot()
    def _choose_model_file(self) -> None:
        kinds = "Keras models (*.keras);;All files (*)"
        path, _ = QFileDialog.getOpenFileName(self.window(), "Open model", str(models_dir()), kinds)
        if path:
            self.window().load_model(path)

    @Slot()
    def _choose_picture(self) -> None:
        title = "Open a picture of a digit"
        path, _ = QFileDialog.getOpenFileName(self.window(), title, str(Path.home()), PICTURE_FILES)
        if path:
            self.window().open_picture(path)

    @Slot()
    def _choose_png_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window(), "Save drawing", "digit.png", "PNG images (*.png)")
        if path:
            self.window().save_drawing(path if path.lower().endswith(".png") else path + ".png")

    @Slot()
    def _show_about(self) -> None:
        text = ABOUT.format(version=__version__)
        box = QMessageBox(QMessageBox.Icon.Information, "About DigitPad", text, parent=self.window())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
