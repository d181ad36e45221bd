"""The main window: composes the canvas, the prediction view, the training panel, the docks and the model in use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QWidget

from digitpad.qt.app.app_paths import models_dir, remove_session_trash, set_app_identity
from digitpad.qt.app.view_menu import add_panel_entries
from digitpad.qt.drawing.brush_toolbar import BrushToolBar
from digitpad.qt.drawing.canvas import DrawingCanvas
from digitpad.qt.drawing.picture_opening import PictureOpening
from digitpad.qt.failures.confusion_dock import ConfusionDock
from digitpad.qt.failures.where_it_fails import WhereItFails
from digitpad.qt.look_inside.look_inside import install_look_inside
from digitpad.qt.map.map_install import install_map
from digitpad.qt.numbers.number_mode import NumberMode
from digitpad.qt.reading.active_model import LOADING, ActiveModel
from digitpad.qt.reading.live_prediction import LivePrediction
from digitpad.qt.reading.prediction_view import PredictionView
from digitpad.qt.runs.experiments import install_experiments
from digitpad.qt.runs.runs_dock import RunsDock
from digitpad.qt.samples.samples_dock import SamplesDock
from digitpad.qt.samples.side_dock import add_fixed_dock, tab_hidden_docks
from digitpad.qt.training.training_panel import TrainingPanel
from digitpad.qt.widgets.square_box import SquareBox
from digitpad.qt.window.sample_offers import SampleOffers
from digitpad.qt.window.status_line import build_status_bar
from digitpad.qt.window.window_menus import WindowMenus
from digitpad.qt.window.window_settings import remember_window, restore_window

# Long enough to merge a burst of mouse events (they come every ~8-16 ms) into one model call,
# short enough that the bars follow the pen while it moves.
PREDICTION_DELAY_MS = 30
# How long closing waits for a run to honour Stop; a run still inside TensorFlow's tracing then
# ends with the process (see __main__.end_background_work), nothing of it written yet.
QUIT_WAIT_S = 1.0


class MainWindow(QMainWindow):
    """DigitPad's window. `model_path=None` uses the remembered model, else the default one."""

    prediction_changed = Signal(object)  # list of 10 floats, or None for an empty canvas
    model_changed = Signal(str)  # path of the model that became active
    inspected = Signal(object)  # Look inside's {"digit", "input", "saliency", "layers"} after each update
    number_changed = Signal(object)  # number mode: the digits read as a string, or None for an empty canvas
    landed = Signal(object)  # the map's {"position", "neighbours", "pixel_neighbours"} after each update

    def __init__(self, model_path: str | Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        set_app_identity()
        self.setWindowTitle("DigitPad")
        self.canvas, self.prediction_view = DrawingCanvas(), PredictionView()
        self._build_central()
        self.training_panel = TrainingPanel(models_dir())
        self.training_dock = add_fixed_dock(self, "Train a model", "trainingDock", self.training_panel)
        self.samples_dock, self.confusion_dock = SamplesDock(self.canvas, self), ConfusionDock(self)
        self.runs_dock = RunsDock(self)
        self.where_it_fails = WhereItFails(self)
        tab_hidden_docks(self, self.training_dock, self.samples_dock, self.confusion_dock, self.runs_dock)
        self.active_model = ActiveModel(self)
        self.live_prediction = LivePrediction(self.canvas, self.prediction_view, self.active_model, PREDICTION_DELAY_MS)
        self.picture_opening = PictureOpening(self.canvas, self)
        self.menus = WindowMenus(self)
        self.model_menu = self.menus.model_menu
        self.toolbar = BrushToolBar([self.menus.undo_action, self.menus.clear_action], self)
        self.brush_slider = self.toolbar.slider
        self.addToolBar(self.toolbar)
        self.model_label = build_status_bar(self)
        self.number_mode = NumberMode(self)
        self._connect()
        self.look_inside_dock = install_look_inside(self)
        self.sample_offers = SampleOffers(self)
        install_experiments(self)
        self.map_dock = install_map(self)
        add_panel_entries(self)
        restore_window(self)
        if model_path is None:
            self.active_model.load_remembered()
        else:
            self.load_model(model_path)

    # ----- building

    def _build_central(self) -> None:
        """The canvas (kept square) with the prediction view beside it."""
        self.prediction_view.setFixedWidth(270)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(12, 12, 6, 12)
        layout.addWidget(SquareBox(self.canvas), 1)
        layout.addWidget(self.prediction_view)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        self.live_prediction.changed.connect(self.prediction_changed)
        self.brush_slider.valueChanged.connect(self.canvas.set_brush_width)
        self.model_menu.model_chosen.connect(self.load_model)
        self.active_model.changed.connect(self._on_model_changed)
        self.active_model.load_failed.connect(self._on_model_failed)
        self.active_model.message.connect(self.statusBar().showMessage)
        self.training_panel.trained.connect(self._on_model_trained)
        self.training_panel.running_changed.connect(self._on_training_running)
        self.model_changed.connect(self.training_panel.set_active_model)
        self.training_panel.set_sample_store(self.samples_dock.store)
        self.canvas.digit_key_pressed.connect(self.samples_dock.file_drawing)
        self.prediction_view.digit_clicked.connect(self.samples_dock.file_drawing)
        self.samples_dock.changed.connect(self.training_panel.samples_changed)
        # The samples load once the model is ready, so the first prediction never waits for them.
        self.model_changed.connect(self.samples_dock.load)
        self.active_model.load_failed.connect(self.samples_dock.load)
        self.training_panel.where_it_fails_requested.connect(self.show_where_it_fails)
        self.training_panel.mnist_dir_chosen.connect(self.where_it_fails.folder_chosen)
        for dock in (self.samples_dock, self.confusion_dock):
            dock.status_message.connect(self.statusBar().showMessage)
        self.picture_opening.message.connect(self.statusBar().showMessage)

    # ----- the model

    def predictor(self):
        """The Predictor in use, or None while none has loaded."""
        return self.active_model.predictor()

    def model_path(self) -> str | None:
        return self.active_model.path()

    @Slot(str)
    def load_model(self, path: str | Path) -> None:
        """Load a model in the background; it becomes active (and `model_changed` fires) when ready."""
        self.active_model.load(path)
        if self.predictor() is None:
            self.prediction_view.show_loading(LOADING)

    @Slot(str)
    def _on_model_changed(self, path: str) -> None:
        name = self.predictor().name
        self.model_menu.set_active(path)
        self.model_label.set_full_text(f"Model: {name}")
        self.setWindowTitle(f"DigitPad — {name}")
        self.model_changed.emit(path)
        self.predict_now()
        self.where_it_fails.model_changed(path)

    @Slot(str)
    def _on_model_failed(self, _message: str) -> None:
        """The status bar has said why; carry on with the model in use (if any)."""
        self.model_menu.set_active(self.model_path())
        self.predict_now()

    @Slot(str)
    def _on_model_trained(self, path: str) -> None:
        self.model_menu.refresh()
        self.load_model(path)
        self.where_it_fails.trained(path)

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
    def show_map(self) -> None:
        """Open "Where it lands": the drawing among the 10,000 test digits in the model's learned space."""
        self.map_dock.open()

    @Slot()
    def show_where_it_fails(self) -> None:
        """Open "Where it fails" for the model in use; its matrix is computed in the background."""
        self.where_it_fails.open()

    @Slot(bool)
    def _on_training_running(self, running: bool) -> None:
        if running:
            self.statusBar().showMessage("Training... you can keep drawing with the current model.", 5000)

    @Slot()
    def predict_now(self) -> None:
        """Predict the drawing now, without waiting for the coalescing timer."""
        self.live_prediction.predict_now()

    @Slot(str)
    def open_picture(self, path: str | Path) -> None:
        """Read a picture of a digit (as `predict` does) onto the canvas; the status line says how it went."""
        self.picture_opening.open(path)

    def save_drawing(self, path: str | Path) -> bool:
        """Write the canvas as it looks on screen, at full screen resolution, to a PNG file."""
        saved = self.canvas.backing_image().save(str(path), "PNG")
        self.statusBar().showMessage(f"Saved {path}." if saved else f"Could not write {path}.", 5000)
        return saved

    def closeEvent(self, event) -> None:
        """Stop training first (its thread must end), then the loader, then remember the settings."""
        self.where_it_fails.shutdown()
        self.training_panel.shutdown(QUIT_WAIT_S)
        self.active_model.shutdown()
        self.comparison.shutdown()
        self.map_dock.shutdown()
        self.look_inside_dock.shutdown()
        self.runs_dock.shutdown()
        self.samples_dock.shutdown()
        remove_session_trash()  # both docks have purged theirs
        self.picture_opening.shutdown()
        remember_window(self)
        self.active_model.remember()
        super().closeEvent(event)
