"""Wires the "Look inside" dock into the main window, so main_window.py needs only a few lines.

The window keeps calling `dock.follow(...)` after each prediction; everything else (the View
menu entry, training reports, random test images, bar clicks) is connected here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from digitpad.qt.app.view_menu import add_view_dock
from digitpad.qt.look_inside.look_inside_dock import LookInsideDock

SHORTCUT = "Ctrl+I"


def install_look_inside(window) -> LookInsideDock:
    """Create the dock (hidden, tabbed with the training panel), its View menu entry and connections."""
    dock = LookInsideDock(window.training_panel.mnist_dir, window)
    add_view_dock(window, dock, "&Look inside", "lookInsideAction", window.show_look_inside, SHORTCUT)
    dock.inspected.connect(window.inspected)
    window.live_prediction.read.connect(dock.follow)
    window.live_prediction.wants_layers = dock.is_on_screen
    dock.example_chosen.connect(window.canvas.load_image)
    dock.status_message.connect(window.statusBar().showMessage)
    window.training_panel.running_changed.connect(dock.view.training.set_running)
    window.training_panel.epoch_ended.connect(dock.view.training.add_epoch)
    dock._bar_router = _BarClicks(window, dock)  # kept alive by the dock
    return dock


class _BarClicks(QObject):
    """A click on a digit's bar explains that digit while Look inside is open ("why not 8?"), else files the drawing."""

    def __init__(self, window, dock: LookInsideDock):
        super().__init__(dock)
        self._dock, self._file_drawing = dock, window.samples_dock.file_drawing  # no reference to the window
        window.prediction_view.digit_clicked.disconnect(window.samples_dock.file_drawing)
        window.prediction_view.digit_clicked.connect(self.on_bar_clicked)
        window.number_mode.view.bars.digit_clicked.connect(self.on_number_bar_clicked)

    @Slot(int)
    def on_bar_clicked(self, digit: int) -> None:
        if self._dock.is_on_screen():
            self._dock.explain(digit)
        else:
            self._file_drawing(digit)

    @Slot(int)
    def on_number_bar_clicked(self, digit: int) -> None:
        """In number mode the bars are the shown digit's; filing goes by typing the number, so only explain."""
        if self._dock.is_on_screen():
            self._dock.explain(digit)
