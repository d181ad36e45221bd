"""What the window remembers between runs: its geometry, its docks and toolbars, the brush."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from digitpad.qt.app.settings_values import as_bytes, as_number
from digitpad.qt.drawing.canvas import BRUSH_RANGE, DEFAULT_BRUSH

DEFAULT_SIZE = (1180, 680)


def restore_window(window) -> None:
    """Geometry, dock layout and brush from the settings; a value edited into nonsense gives the default."""
    settings = QSettings()
    if not window.restoreGeometry(as_bytes(settings.value("window/geometry"))):
        window.resize(*DEFAULT_SIZE)
    window.restoreState(as_bytes(settings.value("window/state")))
    width = as_number(settings.value("canvas/brushWidth"), DEFAULT_BRUSH, *BRUSH_RANGE)
    window.toolbar.set_width(round(width))
    window.canvas.set_brush_width(window.brush_slider.value())


def remember_window(window) -> None:
    settings = QSettings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("canvas/brushWidth", window.canvas.brush_width())
