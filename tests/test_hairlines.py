"""A picture drawn with a thin pen reads as if drawn with MNIST's: hairlines are re-inked (core.drawing.pen_width)."""

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from digitpad.core.drawing import pen_width
from digitpad.core.drawing.mnist_field import PEN_WIDTH
from digitpad.core.drawing.raster_pipeline import image_to_mnist
from digitpad.core.explain.calibration import NOT_SURE_BELOW
from tests.number_strokes import DIGITS, placed


def painted(strokes, pen: int, size: int = 280) -> np.ndarray:
    """Black strokes on white paper, as a paint program's pencil of `pen` px leaves them (uint8)."""
    picture = Image.new("L", (size, size), 255)
    draw = ImageDraw.Draw(picture)
    for stroke in strokes:
        draw.line(stroke, fill=0, width=pen)
        for x, y in (stroke[0], stroke[-1]):
            draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=0)
    return np.asarray(picture)


def digit_strokes(digit: int):
    """The digit's constructed strokes, 200 px tall on a 280 px canvas."""
    return placed(DIGITS[digit], 0.35, 0.2, 200.0)


@pytest.mark.parametrize("width, angle", [(1, 0), (3, 0), (6, 30), (3, 45), (10, 70)])
def test_stroke_width_measures_a_ribbon_at_any_angle(width, angle):
    picture = Image.new("L", (300, 300), 0)
    dx, dy = 120 * math.cos(math.radians(angle)), 120 * math.sin(math.radians(angle))
    ImageDraw.Draw(picture).line([(150 - dx, 150 - dy), (150 + dx, 150 + dy)], fill=255, width=width)
    assert pen_width.stroke_width(np.asarray(picture) / 255.0) == pytest.approx(width, rel=0.3, abs=0.4)


def test_a_digit_drawn_with_a_one_pixel_pencil_gets_the_ink_of_one_drawn_with_mnists_pen():
    strokes = digit_strokes(4)
    mnist_pen = round(PEN_WIDTH / 20 * 200)  # MNIST's pen at this digit's size: 24 px
    thin, as_mnist = image_to_mnist(painted(strokes, 1)), image_to_mnist(painted(strokes, mnist_pen))

    assert thin.sum() == pytest.approx(as_mnist.sum(), rel=0.2)
    assert pen_width.stroke_width(thin) == pytest.approx(PEN_WIDTH, abs=0.6)
    assert np.abs(thin - as_mnist).mean() < 0.05


def test_without_the_re_inking_a_hairline_is_a_faint_trace(monkeypatch):
    monkeypatch.setattr(pen_width, "HAIRLINE", 0.0)
    thin = image_to_mnist(painted(digit_strokes(4), 1))

    assert thin.sum() < 0.25 * image_to_mnist(painted(digit_strokes(4), 24)).sum()


def test_a_drawing_in_mnists_pen_width_is_left_as_it_was(monkeypatch):
    picture = painted(digit_strokes(7), 24)
    as_it_is = image_to_mnist(picture)
    monkeypatch.setattr(pen_width, "HAIRLINE", 0.0)

    np.testing.assert_array_equal(as_it_is, image_to_mnist(picture))


def probabilities(model_path, pen: int) -> np.ndarray:
    from digitpad.core.inference.loading import load_predictor

    images = np.stack([image_to_mnist(painted(digit_strokes(digit), pen)) for digit in range(10)])
    return load_predictor(model_path).probabilities_batch(images)


def readings(model_path, pen: int) -> list[int]:
    return list(probabilities(model_path, pen).argmax(axis=1))


def test_the_shipped_models_read_one_pixel_pencil_digits_as_they_read_them_in_mnists_pen(cnn_path, mlp_path):
    for path in (cnn_path, mlp_path):
        in_mnists_pen = probabilities(path, 24)
        sure = in_mnists_pen.max(axis=1) >= NOT_SURE_BELOW  # the constructed 6 is poor: a coin toss for the MLP
        assert sure.sum() >= 9
        assert np.array_equal(np.array(readings(path, 1))[sure], in_mnists_pen.argmax(axis=1)[sure])
        assert sum(read == digit for digit, read in enumerate(in_mnists_pen.argmax(axis=1))) >= 9


def test_without_the_re_inking_the_cnn_read_one_pixel_pencil_digits_as_1s(cnn_path, monkeypatch):
    monkeypatch.setattr(pen_width, "HAIRLINE", 0.0)
    assert sum(read == digit for digit, read in enumerate(readings(cnn_path, 1))) <= 2
