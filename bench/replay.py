"""Replaying pen strokes through the real canvas as mouse events, for the benches."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

DRAWN_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "drawn-dev" / "strokes.jsonl"


def use_throwaway_settings() -> str:
    """Point settings and app data at a temporary folder; return it.

    A window remembers its model when it closes, so a bench that opened one with a test model
    would otherwise change what the real app opens next time.
    """
    folder = tempfile.mkdtemp(prefix="digitpad-bench-")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(folder, "config")
    os.environ["XDG_DATA_HOME"] = os.path.join(folder, "data")
    for format_ in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(format_, QSettings.Scope.UserScope, os.environ["XDG_CONFIG_HOME"])
    return folder


def load_drawn_digits(path: Path = DRAWN_DEV) -> list[dict]:
    """The drawn-dev records: {"label", "writer", "strokes"}."""
    with open(path) as file:
        return [json.loads(line) for line in file]


def place(strokes, canvas_size: float, rng: np.random.Generator, low=0.35, high=0.85):
    """Scale a digit to a random `low..high` of the canvas height, at a random position."""
    points = np.concatenate([np.asarray(stroke, float)[:, :2] for stroke in strokes])
    origin, extent = points.min(0), points.max(0) - points.min(0)
    scale = rng.uniform(low, high) * canvas_size / max(extent[1], extent[0], 1e-6)
    offset = rng.uniform(0, canvas_size - extent * scale)
    return [(np.asarray(stroke, float)[:, :2] - origin) * scale + offset for stroke in strokes]


def draw(canvas, strokes) -> None:
    """Press, move through every point, and release, for each stroke, as a person would."""
    for stroke in strokes:
        _send(canvas, QEvent.Type.MouseButtonPress, stroke[0], Qt.MouseButton.LeftButton)
        for x, y in stroke[1:]:
            _send(canvas, QEvent.Type.MouseMove, (x, y), Qt.MouseButton.NoButton)
        _send(canvas, QEvent.Type.MouseButtonRelease, stroke[-1], Qt.MouseButton.LeftButton)


def _send(widget, kind, point, button) -> None:
    position = QPointF(float(point[0]), float(point[1]))
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, position, widget.mapToGlobal(position), button, held, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def bars_of_drawings(model_path: Path, digits: list[dict], seed: int = 0) -> list[np.ndarray | None]:
    """Each digit drawn on a real window's canvas with `model_path` active: the bars' probabilities (None: no reading).

    The placements come from `place` with `seed`, so every model meets the same drawings.
    """
    import time

    from digitpad.qt.main_window import MainWindow

    window = MainWindow(model_path=model_path)
    window.show()
    while window.predictor() is None:
        QApplication.processEvents()
        time.sleep(0.01)
    rng = np.random.default_rng(seed)
    bars = []
    for digit in digits:
        window.canvas.clear()
        draw(window.canvas, place(digit["strokes"], window.canvas.height(), rng))
        results = []
        window.prediction_changed.connect(results.append)
        window.predict_now()
        window.prediction_changed.disconnect(results.append)
        bars.append(np.asarray(results[-1]) if results and results[-1] is not None else None)
    window.close()
    return bars
