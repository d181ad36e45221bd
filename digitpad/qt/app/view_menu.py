"""The View menu: one entry per panel beside the canvas, so every dock can be found in one place.

Each panel also has its entry where its work belongs (My samples under Samples, Where it fails
and Runs under Model); View lists them all, each bringing its panel to the front of the tabs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


def view_menu(window):
    """The window's View menu, made (before Help) if it has none yet."""
    bar = window.menuBar()
    for action in bar.actions():
        if action.menu() is not None and action.text().replace("&", "") == "View":
            return action.menu()
    help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    menu = bar.addMenu("&View")
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    return menu


def add_view_dock(window, dock, text: str, action_name: str, slot, shortcut: str | None = None) -> QAction:
    """A dock hidden until asked for, tabbed with the training panel, and its entry in View (calling `slot`)."""
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(window.training_dock, dock)
    dock.hide()
    action = QAction(text, window, objectName=action_name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    view_menu(window).addAction(action)
    return action


def add_panel_entries(window) -> None:
    """Train a model, My samples, Where it fails and Runs, above the entries already in View.

    Connected to bound methods only: a lambda holding the window would keep a closed window alive.
    """
    menu = view_menu(window)
    first = menu.actions()[0] if menu.actions() else None
    training = window.training_dock
    entries = [
        ("&Train a model", "viewTrainingAction", (training.show, training.raise_)),
        ("My &samples", "viewSamplesAction", (window.show_samples,)),
        ("&Where it fails", "viewWhereItFailsAction", (window.show_where_it_fails,)),
        ("&Runs", "viewRunsAction", (window.runs_dock.open,)),
    ]
    for text, name, slots in entries:
        action = QAction(text, window, objectName=name)
        for slot in slots:
            action.triggered.connect(slot)
        menu.insertAction(first, action)
