"""Experiments across runs: the Runs dock, Compare with..., and what changed after a run, with a way back."""

from __future__ import annotations

from PySide6.QtGui import QAction

from digitpad.qt.reading.compare_menu import CompareMenu
from digitpad.qt.reading.comparison import Comparison
from digitpad.qt.reading.model_switch import ModelSwitchNotice
from digitpad.qt.runs.run_designs import RunDesigns


def install_experiments(window) -> None:
    """Add All runs... and Compare with... to the Model menu and connect them to the window."""
    runs_action = QAction("&All runs...", window)
    runs_action.triggered.connect(window.runs_dock.open)
    window.compare_menu = CompareMenu(window)
    window.menus.add_below_models(window.compare_menu.menuAction())
    window.menus.add_below_models(runs_action)
    window.show_code_action = QAction("Show &code...", window, objectName="showCodeAction")
    window.menus.add_below_models(window.show_code_action)
    window.comparison = Comparison(window.canvas, window.prediction_view, window)
    window.model_switch = ModelSwitchNotice(window.statusBar(), window)
    _connect(window)


def _connect(window) -> None:
    runs, comparison, switch = window.runs_dock, window.comparison, window.model_switch
    compare_menu = window.compare_menu
    window.training_panel.trained.connect(switch.note_trained)
    window.training_panel.trained.connect(runs.refresh)
    window.model_changed.connect(switch.model_changed)
    window.model_changed.connect(runs.set_active_model)
    window.model_changed.connect(comparison.set_primary)
    window.model_changed.connect(compare_menu.set_active)
    window.live_prediction.read.connect(comparison.follow)  # the same views, prepared once
    compare_menu.model_chosen.connect(comparison.compare_with)
    compare_menu.stop_requested.connect(comparison.stop)
    comparison.comparing_changed.connect(compare_menu.set_comparing)
    comparison.failed.connect(window.statusBar().showMessage)
    switch.switch_requested.connect(window.load_model)
    runs.active_model_renamed.connect(window.load_model)
    runs.status_message.connect(window.statusBar().showMessage)
    designs = RunDesigns(window)
    runs.view.design_requested.connect(designs.load)
    runs.view.code_requested.connect(designs.show_code_of_run)
    window.training_panel.design_actions.code_requested.connect(designs.show_code)
    window.training_panel.design_actions.message.connect(window.statusBar().showMessage)
    window.show_code_action.triggered.connect(designs.show_code_of_active_model)
