"""Drawing on a widget with real mouse events, as a person would (shared by the Qt tests)."""

from PySide6.QtCore import QPoint, Qt

from tests.number_strokes import number

MODEL_TIMEOUT_MS = 60_000  # the first load of a session imports TensorFlow


def open_window(qtbot, model_path=None):
    """A shown MainWindow whose model has loaded."""
    from digitpad.qt.main_window import MainWindow

    window = MainWindow(model_path=model_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitSignal(window.model_changed, timeout=MODEL_TIMEOUT_MS).wait()
    return window


def draw_stroke(qtbot, widget, points) -> None:
    """Press at the first point, move with the left button held through the rest, release at the last."""
    points = [QPoint(round(x), round(y)) for x, y in points]
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(widget, point)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=points[-1])


def write_number(qtbot, window, text: str, gap: float = 0.35) -> list[list[int]]:
    """Write `text` on the canvas, left to right, as mouse strokes; return each digit's stroke indices."""
    height = window.canvas.height() * 0.6
    strokes, truth = number(text, gap=gap, scale=height)
    for stroke in strokes:
        draw_stroke(qtbot, window.canvas, [(x + 30, y + 0.2 * height) for x, y in stroke])
    return truth


def seven(side: float) -> list[list[tuple[float, float]]]:
    """A hand-made 7 for a square canvas of `side` pixels: a top bar, then a long diagonal."""
    corners = [(0.3, 0.25), (0.72, 0.25), (0.45, 0.8)]
    points = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:]):
        points += [(x0 + (x1 - x0) * t / 10, y0 + (y1 - y0) * t / 10) for t in range(10)]
    return [[(x * side, y * side) for x, y in points + [corners[-1]]]]
