"""Save a screenshot of DigitPad reading a hand-drawn 6: `make screenshot` (QT_QPA_PLATFORM=offscreen).

The digit is a hand-made stroke list (not from drawn-dev), replayed through the canvas as real
mouse events, so the picture shows exactly what a person drawing it would see.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QPointF, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from digitpad.core.assets import default_model_path  # noqa: E402
from digitpad.qt.app.app_paths import set_app_identity  # noqa: E402
from digitpad.qt.app.theme import apply_theme  # noqa: E402
from digitpad.qt.main_window import MainWindow  # noqa: E402
from digitpad.qt.widgets.deferred_widget import DeferredWidget  # noqa: E402


def six_strokes(side: float) -> list[list[tuple[float, float]]]:
    """A handwritten 6 in one stroke: a long curve down from the top right, then the loop."""
    curve = [_on_ellipse(0.55, 0.45, 0.25, 0.3, a) for a in _steps(-80, -200, 16)]
    loop = [_on_ellipse(0.48, 0.63, 0.16, 0.16, a) for a in _steps(180, 560, 44)]
    return [[(x * side, y * side) for x, y in curve + loop]]


def _on_ellipse(cx: float, cy: float, rx: float, ry: float, degrees: float) -> tuple[float, float]:
    return cx + rx * math.cos(math.radians(degrees)), cy + ry * math.sin(math.radians(degrees))


def _steps(start: float, end: float, count: int) -> list[float]:
    return [start + (end - start) * i / (count - 1) for i in range(count)]


def draw(canvas, strokes) -> None:
    """Replay strokes as mouse press, moves with the left button held, and release."""
    for stroke in strokes:
        kinds = [QMouseEvent.Type.MouseButtonPress] + [QMouseEvent.Type.MouseMove] * (len(stroke) - 2)
        for kind, (x, y) in zip(kinds + [QMouseEvent.Type.MouseButtonRelease], stroke):
            _send(canvas, kind, QPointF(x, y))


def _send(widget, kind, position: QPointF) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    button = none if kind == QMouseEvent.Type.MouseMove else left
    held = none if kind == QMouseEvent.Type.MouseButtonRelease else left
    global_position = QPointF(widget.mapToGlobal(position.toPoint()))
    event = QMouseEvent(kind, position, global_position, button, held, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def wait_for(signal, timeout_ms: int) -> None:
    """Run the event loop until `signal` fires (or the timeout passes)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="assets/screenshot.png")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    set_app_identity()
    apply_theme(app)
    with tempfile.TemporaryDirectory(prefix="digitpad-screenshot-") as settings_folder:
        use_settings_folder(settings_folder)
        return take_screenshot(app, args.path)


@contextmanager
def screenshot_window(model_path, width: int, height: int):
    """The app's look, fresh settings, and a shown window whose model has loaded: (app, window)."""
    app = QApplication(sys.argv[:1])
    set_app_identity()
    apply_theme(app)
    with tempfile.TemporaryDirectory(prefix="digitpad-screenshot-") as settings_folder:
        use_settings_folder(settings_folder)
        window = MainWindow(model_path=model_path)
        window.resize(width, height)
        window.show()
        wait_for(window.model_changed, 120_000)
        try:
            yield app, window
        finally:
            window.close()


def use_settings_folder(folder: str) -> None:
    """Fresh settings: the picture must not depend on (or change) the person's own."""
    for format_ in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(format_, QSettings.Scope.UserScope, folder)


def wait_until_built(app: QApplication, window, timeout_s: float = 60.0) -> None:
    """Turn the event loop until every shown deferred widget (the learning-curve plot) is built.

    They are built after a background import, just after the window shows: a fixed wait of
    0.8 s shot an empty panel on a slow day.
    """
    deadline = time.monotonic() + timeout_s
    pending = [w for w in window.findChildren(DeferredWidget) if w.isVisible()]
    while any(not w.is_built() for w in pending) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    settle_until = time.monotonic() + 0.3  # the built widgets' first layout and paint
    while time.monotonic() < settle_until:
        app.processEvents()


def take_screenshot(app: QApplication, path: str) -> int:
    window = MainWindow(model_path=default_model_path())
    window.resize(1280, 720)
    window.show()
    wait_for(window.model_changed, 120_000)
    draw(window.canvas, six_strokes(window.canvas.width()))
    wait_until_built(app, window)
    saved = window.grab().save(path)
    digit = window.prediction_view.shown_digit()
    print(f"{'saved' if saved else 'could not save'} {path}: {window.model_label.text()}, prediction {digit}")
    window.close()
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())
