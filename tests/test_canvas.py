"""The drawing canvas: real mouse strokes, undo and clear, brush width, resizing, DPR independence."""

import json
import math
import os
import random
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication

from digitpad.qt.drawing.canvas import MIN_SIDE, DrawingCanvas
from tests.conftest import ROOT
from tests.drawing import draw_stroke, seven


@pytest.fixture
def canvas(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(300, 300)
    canvas.show()
    return canvas


def ink_at(canvas, x, y) -> int:
    """Brightness (0-255) of the backing image at logical (x, y)."""
    image = canvas.backing_image()
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(x * ratio), round(y * ratio)).lightness()


def ink_width(canvas, x, y_from, y_to) -> int:
    """How many logical pixels of a vertical line through x are inked."""
    return sum(ink_at(canvas, x, y) > 128 for y in range(y_from, y_to))


def test_a_canvas_is_at_least_280_pixels_square_and_named_canvas(canvas):
    assert canvas.objectName() == "canvas"
    assert canvas.minimumSize().width() >= MIN_SIDE and canvas.minimumSize().height() >= MIN_SIDE


def test_a_mouse_stroke_paints_white_ink_and_keeps_its_points_in_logical_pixels(qtbot, canvas):
    assert ink_at(canvas, 150, 100) < 60  # dark background
    with qtbot.waitSignals([canvas.changed, canvas.stroke_finished]):
        draw_stroke(qtbot, canvas, [(100, 100), (150, 100), (200, 100)])
    assert ink_at(canvas, 150, 100) > 240
    (stroke,) = canvas.strokes()
    assert stroke[0] == (100, 100, 1.0) and stroke[-1] == (200, 100, 1.0)
    assert not canvas.is_empty()


def test_a_fast_stroke_is_continuous_between_far_apart_mouse_events_and_keeps_the_points_reported(qtbot, canvas):
    draw_stroke(qtbot, canvas, [(20, 20), (280, 280)])
    (stroke,) = canvas.strokes()
    assert [point[:2] for point in stroke] == [(20, 20), (280, 280)]  # the model's pipeline curves far-apart ones
    assert all(ink_at(canvas, t, t) > 200 for t in range(20, 281, 5))


def test_a_circle_reported_as_six_points_is_painted_round_not_as_a_hexagon(qtbot, canvas):
    centre, radius = 150, 110
    corners = [(centre + radius * math.cos(math.radians(a)), centre + radius * math.sin(math.radians(a)))
               for a in range(0, 361, 60)]
    draw_stroke(qtbot, canvas, corners)
    between = [(centre + radius * math.cos(math.radians(a)), centre + radius * math.sin(math.radians(a)))
               for a in range(90, 300, 60)]  # on the circle, 15 px outside the hexagon's inner sides
    # (a stroke's first and last segments have one neighbour: their curves end straighter)
    assert all(ink_at(canvas, x, y) > 200 for x, y in between)
    canvas.resize(301, 301)  # a full repaint draws the same curve
    assert all(ink_at(canvas, x * 301 / 300, y * 301 / 300) > 200 for x, y in between)


def test_a_pens_width_follows_its_pressure_along_a_long_segment():
    from PySide6.QtGui import QColor, QImage

    from digitpad.qt.drawing.ink import Stroke, paint_drawing

    image = QImage(300, 100, QImage.Format.Format_Grayscale8)
    paint_drawing(image, image.size(), None, [Stroke(20.0, [(20, 50, 0.0), (280, 50, 1.0)])],
                  QColor("black"), QColor("white"))
    thickness = [sum(image.pixelColor(x, y).lightness() > 128 for y in range(100)) for x in (40, 150, 260)]
    assert thickness[0] < thickness[1] < thickness[2]  # pieces POINT_SPACING long, each its own width


def test_a_stroke_is_anti_aliased(qtbot, canvas):
    draw_stroke(qtbot, canvas, [(40, 40), (260, 180)])
    image = canvas.backing_image()
    levels = {image.pixelColor(x, y).lightness() for x in range(0, 300, 2) for y in range(0, 300, 2)}
    assert len(levels) > 10  # soft grey edges, not only background and ink


def test_undo_removes_the_last_stroke_and_clear_removes_all(qtbot, canvas):
    draw_stroke(qtbot, canvas, [(50, 50), (250, 50)])
    draw_stroke(qtbot, canvas, [(50, 150), (250, 150)])
    with qtbot.waitSignal(canvas.changed):
        canvas.undo()
    assert len(canvas.strokes()) == 1 and ink_at(canvas, 150, 150) < 60 and ink_at(canvas, 150, 50) > 240
    canvas.clear()
    assert canvas.is_empty() and canvas.strokes() == [] and canvas.to_mnist() is None
    assert ink_at(canvas, 150, 50) < 60


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Delete])
def test_escape_and_delete_clear_the_canvas(qtbot, canvas, key):
    draw_stroke(qtbot, canvas, [(50, 50), (250, 250)])
    qtbot.keyClick(canvas, key)
    assert canvas.is_empty()


def test_ctrl_z_undoes_a_stroke(qtbot, canvas):
    draw_stroke(qtbot, canvas, [(50, 50), (250, 50)])
    draw_stroke(qtbot, canvas, [(50, 150), (250, 150)])
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(canvas.strokes()) == 1


def test_digit_keys_name_a_digit(qtbot, canvas):
    with qtbot.waitSignal(canvas.digit_key_pressed) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_7)
    assert blocker.args == [7]


def test_the_brush_width_sets_how_thick_new_strokes_are(qtbot, canvas):
    canvas.set_brush_width(8)
    draw_stroke(qtbot, canvas, [(50, 100), (250, 100)])
    canvas.set_brush_width(30)
    draw_stroke(qtbot, canvas, [(50, 200), (250, 200)])
    assert canvas.brush_width() == 30
    assert 6 <= ink_width(canvas, 150, 70, 130) <= 10
    assert 28 <= ink_width(canvas, 150, 170, 230) <= 32


def test_tablet_pressure_is_kept_and_a_light_touch_draws_thinner(qtbot, canvas):
    canvas.set_brush_width(30)
    pen = QPointingDevice(
        "test pen", 1, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3,
    )  # fmt: skip
    for kind, x, pressure in (
        (QEvent.Type.TabletPress, 50, 0.1),
        (QEvent.Type.TabletMove, 250, 0.1),
        (QEvent.Type.TabletRelease, 250, 0.0),
    ):
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
        position = QPointF(x, 100)
        event = QTabletEvent(
            kind,
            pen,
            position,
            position,
            pressure,
            0,
            0,
            0,
            0,
            0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            held,
        )
        QApplication.sendEvent(canvas, event)
    (stroke,) = canvas.strokes()
    assert {round(p, 3) for _, _, p in stroke} == {0.1}
    assert ink_width(canvas, 150, 70, 130) < 20


def test_to_mnist_is_none_for_an_empty_canvas_and_the_28x28_input_for_a_drawing(qtbot, canvas):
    assert canvas.to_mnist() is None
    for stroke in seven(300):
        draw_stroke(qtbot, canvas, stroke)
    image = canvas.to_mnist()
    assert image.shape == (28, 28) and image.dtype == np.float32 and 0 <= image.min() and image.max() <= 1


def test_set_strokes_accepts_points_with_or_without_pressure(canvas):
    canvas.set_strokes([[(10, 10), (200, 10)], [(100, 10, 0.5), (100, 250, 0.5)]])
    assert canvas.strokes() == [[(10.0, 10.0, 1.0), (200.0, 10.0, 1.0)], [(100.0, 10.0, 0.5), (100.0, 250.0, 0.5)]]


def test_a_loaded_mnist_image_is_shown_and_is_what_to_mnist_returns(canvas, mnist):
    digit = mnist.x_test[0, :, :, 0] / 255.0
    canvas.load_image(digit)
    assert not canvas.is_empty()
    np.testing.assert_allclose(canvas.to_mnist(), digit, atol=1e-6)
    assert ink_at(canvas, 150, 150) > 0 or canvas.backing_image().pixelColor(
        150, 150
    ) != canvas.backing_image().pixelColor(1, 1)


def test_strokes_drawn_over_a_loaded_image_are_added_to_it(qtbot, canvas, mnist):
    canvas.load_image(mnist.x_test[0, :, :, 0] / 255.0)
    draw_stroke(qtbot, canvas, [(20, 280), (280, 280)])
    image = canvas.to_mnist()
    assert image.shape == (28, 28) and not np.allclose(image, mnist.x_test[0, :, :, 0] / 255.0, atol=0.05)


def test_resizing_the_canvas_keeps_the_drawing_scaled_with_it(qtbot, canvas):
    for stroke in seven(300):
        draw_stroke(qtbot, canvas, stroke)
    before, input_before = canvas.strokes(), canvas.to_mnist()
    canvas.resize(600, 600)
    after = canvas.strokes()
    np.testing.assert_allclose(np.array(after[0])[:, :2], np.array(before[0])[:, :2] * 2)
    np.testing.assert_allclose(canvas.to_mnist(), input_before, atol=1e-5)
    assert ink_at(canvas, *np.array(after[0][0][:2]) + 2) > 200


def test_random_mouse_input_never_raises(qtbot, canvas):
    """Presses of any button, drags off the canvas, releases without presses, resizes mid-stroke."""
    rng = random.Random(7)
    buttons = [Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton]
    for _ in range(400):
        point = QPoint(rng.randint(-200, 700), rng.randint(-200, 700))
        action = rng.choice(["press", "move", "move", "move", "release", "resize", "undo"])
        if action == "press":
            qtbot.mousePress(canvas, rng.choice(buttons), pos=point)
        elif action == "move":
            qtbot.mouseMove(canvas, point)
        elif action == "release":
            qtbot.mouseRelease(canvas, rng.choice(buttons), pos=point)
        elif action == "resize":
            canvas.resize(rng.randint(280, 600), rng.randint(280, 600))
        else:
            canvas.undo()
    canvas.to_mnist()
    points = np.array([p for stroke in canvas.strokes() for p in stroke]).reshape(-1, 3)
    assert (points[:, :2] >= 0).all() and (points[:, :2] <= 600).all()


_DRAW_AT_THIS_DPR = """
import json, sys
from PySide6.QtWidgets import QApplication
from digitpad.qt.drawing.canvas import DrawingCanvas
from tests.drawing import seven
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

app = QApplication([])
canvas = DrawingCanvas()
canvas.resize(300, 300)
canvas.show()
for stroke in seven(300):
    points = [QPoint(round(x), round(y)) for x, y in stroke]
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(canvas, point)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
image = canvas.backing_image()
print(json.dumps({"ratio": canvas.devicePixelRatioF(), "backing": [image.width(), image.height()],
                  "input": canvas.to_mnist().tolist()}))
"""


def draw_in_a_process_at_scale(scale: str) -> dict:
    environment = dict(os.environ, QT_SCALE_FACTOR=scale, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", _DRAW_AT_THIS_DPR],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_same_drawing_gives_the_same_model_input_at_device_pixel_ratio_1_and_2():
    at_1, at_2 = draw_in_a_process_at_scale("1"), draw_in_a_process_at_scale("2")
    assert (at_1["ratio"], at_2["ratio"]) == (1.0, 2.0)
    assert at_1["backing"] == [300, 300] and at_2["backing"] == [600, 600]  # sharp ink on high-DPI screens
    np.testing.assert_allclose(at_2["input"], at_1["input"], atol=1e-6)
