"""The main window: composes the canvas, the prediction view, the training panel and docks; holds the model.

Flow A lives here only as wiring: the canvas says it changed, a restartable single-shot timer
coalesces a burst of changes into one prediction, and the view shows it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSlider,
    QToolBar,
    QWidget,
)

from digitpad import __version__
from digitpad.core.assets import default_model_path
from digitpad.core.data import default_tfds_dir
from digitpad.qt.app_paths import models_dir, set_app_identity
from digitpad.qt.model_menu import ModelMenu
from digitpad.qt.panels.confusion_dock import ConfusionDock
from digitpad.qt.panels.look_inside import install_look_inside
from digitpad.qt.panels.samples_dock import SamplesDock
from digitpad.qt.panels.training_panel import TrainingPanel
from digitpad.qt.widgets.canvas import BRUSH_RANGE, DEFAULT_BRUSH, DrawingCanvas
from digitpad.qt.widgets.prediction_view import PredictionView
from digitpad.qt.widgets.square_box import SquareBox
from digitpad.qt.workers.model_loader import ModelLoader

# Long enough to merge a burst of mouse events (they come every ~8-16 ms) into one model call,
# short enough that the bars follow the pen while it moves.
PREDICTION_DELAY_MS = 30
LOADING = "loading model..."
NO_MODEL = "no model: open or train one"


class MainWindow(QMainWindow):
    """DigitPad's window. `model_path=None` uses the remembered model, else the default one."""

    prediction_changed = Signal(object)  # list of 10 floats, or None for an empty canvas
    model_changed = Signal(str)  # path of the model that became active
    inspected = Signal(object)  # Look inside's {"digit", "input", "saliency", "layers"} after each update

    def __init__(self, model_path: str | Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        set_app_identity()
        self.setWindowTitle("DigitPad")
        self._predictor = None
        self._model_path: str | None = None
        self._just_trained: str | None = None
        self._build_central()
        self._build_dock()
        self._build_handwriting_docks()
        self._loader = ModelLoader(self)
        self._predict_timer = QTimer(self, singleShot=True, interval=PREDICTION_DELAY_MS)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self.look_inside_dock = install_look_inside(self)
        self._restore_settings()
        self.load_model(model_path if model_path is not None else self._remembered_model())

    # ----- building

    def _build_central(self) -> None:
        """The canvas (kept square) with the prediction view beside it."""
        self.canvas = DrawingCanvas()
        self.prediction_view = PredictionView()
        self.prediction_view.setFixedWidth(270)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(12, 12, 6, 12)
        layout.addWidget(SquareBox(self.canvas), 1)
        layout.addWidget(self.prediction_view)
        self.setCentralWidget(central)

    def _build_dock(self) -> None:
        """The training panel on the right; it can move or float but not be closed and lost."""
        self.training_panel = TrainingPanel(models_dir())
        dock = QDockWidget("Train a model", self, objectName="trainingDock")
        features = QDockWidget.DockWidgetFeature
        dock.setFeatures(features.DockWidgetMovable | features.DockWidgetFloatable)
        dock.setWidget(self.training_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.training_dock = dock

    def _build_handwriting_docks(self) -> None:
        """"My samples" and "Where it fails", hidden until asked for, then tabbed with the training panel."""
        self.samples_dock = SamplesDock(self.canvas, self)
        self.confusion_dock = ConfusionDock(self)
        for dock in (self.samples_dock, self.confusion_dock):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.training_dock, dock)
            dock.hide()
        self.training_dock.raise_()
        self.training_panel.set_sample_store(self.samples_dock.store)

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&Open model...", keys.Open, self._choose_model_file))
        file_menu.addAction(self._action("&Save drawing as PNG...", keys.Save, self._choose_png_file))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", keys.Quit, self.close))
        self._build_edit_menu()
        self._build_model_menu()
        samples_menu = self.menuBar().addMenu("&Samples")
        samples_menu.addAction(self._action("&My samples...", None, self.show_samples))
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About DigitPad", None, self._show_about))

    def _build_edit_menu(self) -> None:
        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self._action("&Undo stroke", QKeySequence.StandardKey.Undo, self.canvas.undo)
        self.clear_action = self._action("&Clear", QKeySequence(Qt.Key.Key_Escape), self.canvas.clear)
        self.clear_action.setShortcuts([QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Delete)])
        edit_menu.addActions([self.undo_action, self.clear_action])

    def _build_model_menu(self) -> None:
        self.model_menu = ModelMenu(self)
        self.menuBar().addMenu(self.model_menu)
        self.where_it_fails_action = self._action("&Where it fails...", None, self.show_where_it_fails)
        self._model_menu_separator = QAction(self, separator=True)
        self.model_menu.aboutToShow.connect(self._keep_model_actions_last)
        self._keep_model_actions_last()

    @Slot()
    def _keep_model_actions_last(self) -> None:
        """The model list is rebuilt each time the menu opens (appended at its end); keep these below it."""
        for action in (self._model_menu_separator, self.where_it_fails_action):
            self.model_menu.removeAction(action)
            self.model_menu.addAction(action)

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Drawing", self, objectName="drawingToolBar", movable=False)
        toolbar.addActions([self.undo_action, self.clear_action])
        toolbar.addSeparator()
        toolbar.addWidget(QLabel("  Brush  "))
        self.brush_slider = QSlider(Qt.Orientation.Horizontal, objectName="brushSlider")
        self.brush_slider.setRange(int(BRUSH_RANGE[0]), int(BRUSH_RANGE[1]))
        self.brush_slider.setFixedWidth(160)
        self.brush_label = QLabel(objectName="brushLabel", minimumWidth=48)
        toolbar.addWidget(self.brush_slider)
        toolbar.addWidget(self.brush_label)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.model_label = QLabel("no model", objectName="modelLabel")
        self.statusBar().addPermanentWidget(self.model_label)

    def _connect(self) -> None:
        self.canvas.changed.connect(self._schedule_prediction)
        self.canvas.stroke_finished.connect(self.predict_now)
        self._predict_timer.timeout.connect(self.predict_now)
        self.brush_slider.valueChanged.connect(self._on_brush_changed)
        self.model_menu.model_chosen.connect(self.load_model)
        self._loader.done.connect(self._on_model_loaded)
        self._loader.failed.connect(self._on_model_failed)
        self.training_panel.trained.connect(self._on_model_trained)
        self.training_panel.running_changed.connect(self._on_training_running)
        self.model_changed.connect(self.training_panel.set_active_model)
        self._connect_handwriting()

    def _connect_handwriting(self) -> None:
        """A digit key on the canvas, or a click on a digit's bar, files the drawing under that digit."""
        self.canvas.digit_key_pressed.connect(self.samples_dock.file_drawing)
        self.prediction_view.digit_clicked.connect(self.samples_dock.file_drawing)
        self.samples_dock.changed.connect(self.training_panel.samples_changed)
        self.training_panel.where_it_fails_requested.connect(self.show_where_it_fails)
        self.confusion_dock.example_chosen.connect(self._load_example)
        for dock in (self.samples_dock, self.confusion_dock):
            dock.status_message.connect(self.statusBar().showMessage)

    # ----- the model

    def predictor(self):
        """The Predictor in use, or None while none has loaded."""
        return self._predictor

    def model_path(self) -> str | None:
        return self._model_path

    @Slot(str)
    def load_model(self, path: str | Path) -> None:
        """Load a model in the background; it becomes active (and `model_changed` fires) when ready."""
        self._loader.load(path)
        self.statusBar().showMessage(LOADING)
        if self._predictor is None:
            self.prediction_view.show_loading(LOADING)

    @Slot(str, object)
    def _on_model_loaded(self, path: str, predictor) -> None:
        self._predictor, self._model_path = predictor, path
        self.model_menu.set_active(path)
        self.model_label.setText(f"Model: {predictor.name}")
        self.setWindowTitle(f"DigitPad — {predictor.name}")
        self.statusBar().showMessage(f"Model {predictor.name} ready.", 5000)
        self.model_changed.emit(path)
        self.predict_now()
        if self._just_trained == path or self.confusion_dock.isVisible():
            # After a run its mistakes are the next question: the tab appears, the panel stays in front.
            self._just_trained = None
            self.confusion_dock.show()
            self._update_where_it_fails()

    @Slot(str, str)
    def _on_model_failed(self, path: str, message: str) -> None:
        """Say what is wrong in one sentence and carry on with the model in use (if any)."""
        self.model_menu.set_active(self._model_path)
        self.statusBar().showMessage(message)
        self.predict_now()

    @Slot(str)
    def _on_model_trained(self, path: str) -> None:
        self.model_menu.refresh()
        self.load_model(path)
        self._just_trained = path  # once it is in use, show where it fails

    # ----- samples and mistakes

    @Slot()
    def show_samples(self) -> None:
        """Open "My samples" (non-modal, tabbed with the training panel)."""
        self.samples_dock.open()

    @Slot()
    def show_look_inside(self) -> None:
        """Open "Look inside": what the network computes for the drawing, and why."""
        self.look_inside_dock.open()

    @Slot()
    def show_where_it_fails(self) -> None:
        """Open "Where it fails" for the model in use; its matrix is computed in the background."""
        self.confusion_dock.open()
        self._update_where_it_fails()

    def _update_where_it_fails(self) -> None:
        if self._model_path is None:
            self.confusion_dock.view.show_message("No model is in use yet; wait for it to load.")
            return
        self.confusion_dock.show_model(self._model_path, self.training_panel.mnist_dir(), default_tfds_dir())

    @Slot(object)
    def _load_example(self, image) -> None:
        """A test image chosen in "Where it fails" becomes the drawing, and is read by the model in use."""
        self.canvas.load_image(image)
        self.canvas.setFocus()
        self.statusBar().showMessage("A test image is on the canvas; draw over it, or Esc to clear.", 5000)

    @Slot(bool)
    def _on_training_running(self, running: bool) -> None:
        if running:
            self.statusBar().showMessage("Training... you can keep drawing with the current model.", 5000)

    # ----- predicting

    @Slot()
    def _schedule_prediction(self) -> None:
        """Predict once per PREDICTION_DELAY_MS while the ink changes, never once per mouse event.

        The single-shot timer is started by the first change and not pushed back by the next
        ones: restarting it on every event would starve the bars for as long as the pen moves.
        """
        if not self._predict_timer.isActive():
            self._predict_timer.start()

    @Slot()
    def predict_now(self) -> None:
        """Predict the drawing now (also what the coalescing timer runs)."""
        self._predict_timer.stop()
        views = self.canvas.to_mnist_views()
        if views is None:
            self.prediction_view.show_empty()
            self.prediction_changed.emit(None)
            self.look_inside_dock.follow(self._predictor, None)
        elif self._predictor is None:
            self.prediction_view.show_loading(LOADING if self._loader.is_loading() else NO_MODEL)
        else:
            probabilities = self._predictor.probabilities_of_views(views)
            self.prediction_view.show_probabilities(probabilities, views[0])
            self.prediction_changed.emit([float(p) for p in probabilities])
            self.look_inside_dock.follow(self._predictor, views, probabilities)  # after the bars

    # ----- files and dialogs

    def save_drawing(self, path: str | Path) -> bool:
        """Write the canvas as it looks on screen, at full screen resolution, to a PNG file."""
        saved = self.canvas.backing_image().save(str(path), "PNG")
        self.statusBar().showMessage(f"Saved {path}." if saved else f"Could not write {path}.", 5000)
        return saved

    @Slot()
    def _choose_model_file(self) -> None:
        kinds = "Keras models (*.keras);;All files (*)"
        path, _ = QFileDialog.getOpenFileName(self, "Open model", str(models_dir()), kinds)
        if path:
            self.load_model(path)

    @Slot()
    def _choose_png_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save drawing", "digit.png", "PNG images (*.png)")
        if path:
            self.save_drawing(path if path.lower().endswith(".png") else path + ".png")

    @Slot()
    def _show_about(self) -> None:
        text = _ABOUT.format(version=__version__)
        box = QMessageBox(QMessageBox.Icon.Information, "About DigitPad", text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()

    # ----- brush and settings

    @Slot(int)
    def _on_brush_changed(self, width: int) -> None:
        self.canvas.set_brush_width(width)
        self.brush_label.setText(f"{width} px")

    def _remembered_model(self) -> Path:
        saved = QSettings().value("model/active", "", str)
        return Path(saved) if saved and Path(saved).is_file() else default_model_path()

    def _restore_settings(self) -> None:
        settings = QSettings()
        if not self.restoreGeometry(settings.value("window/geometry", b"")):
            self.resize(1180, 680)
        self.restoreState(settings.value("window/state", b""))
        self.brush_slider.setValue(round(_number(settings.value("canvas/brushWidth"), DEFAULT_BRUSH)))
        self._on_brush_changed(self.brush_slider.value())

    def _save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("canvas/brushWidth", self.canvas.brush_width())
        if self._model_path:
            settings.setValue("model/active", self._model_path)

    def closeEvent(self, event) -> None:
        """Stop training first (its thread must end), then the loader, then remember the settings."""
        self.training_panel.shutdown()
        self._loader.shutdown()
        self.confusion_dock.shutdown()
        self._save_settings()
        super().closeEvent(event)


def _number(value, default: float) -> float:
    """A number read from the settings file, which a person may have edited by hand."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


_ABOUT = """<h3>DigitPad {version}</h3>
<p>Draw a digit and watch a neural network trained on MNIST read it as you draw.
Train your own model in the panel on the right.</p>
<p>Keys: Ctrl+Z undoes a stroke, Esc or Delete clears the canvas, and a digit key 0-9 files the
drawing as that digit in your samples (so does clicking the digit's bar), to fine-tune a model on
your handwriting.</p>"""
