"""Wires the "Where it lands" dock into the main window, so main_window.py needs one line.

The dock follows each prediction (the bars' call also returns the drawing's point while it is
open), the model in use and the compared model; its clicks put test digits on the pad.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from digitpad.qt.app.app_paths import cache_dir
from digitpad.qt.app.view_menu import add_view_dock
from digitpad.qt.map.map_dock import MapDock


def install_map(window) -> MapDock:
    """Create the dock (hidden, tabbed with the training panel), its View menu entry and connections."""
    panel = window.training_panel
    dock = MapDock(panel.mnist_dir, panel.set_mnist_dir, cache_dir(), window)
    add_view_dock(window, dock, "Where it &lands", "mapAction", window.show_map)
    dock.landed.connect(window.landed)
    window.live_prediction.read.connect(dock.follow)
    window.live_prediction.wants_embedding = dock.is_on_screen
    dock.example_chosen.connect(window.canvas.load_image)
    dock._compare_router = _ComparedModel(window.comparison, dock)  # kept alive by the dock
    return dock


class _ComparedModel(QObject):
    """Hands the dock the compared model whenever comparing starts, loads or stops."""

    def __init__(self, comparison, dock: MapDock):
        super().__init__(dock)
        self._comparison, self._dock = comparison, dock
        comparison.loaded.connect(self.update)
        comparison.comparing_changed.connect(self.update)

    @Slot(object)
    def update(self, _path=None) -> None:
        self._dock.set_compared(self._comparison.predictor())
