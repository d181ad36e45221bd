"""digitpad.core.drawing.preprocess: a drawing becomes the 28x28 image MNIST would have for it, or None."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from digitpad.core.drawing.preprocess import (
    CENTRE,
    DIGIT_BOX,
    MNIST_SIZE,
    PEN_WIDTH,
    image_to_mnist,
    strokes_to_mnist,
)

# A "4" as a person draws it: two strokes, in canvas pixels (y down).
FOUR = [[(60, 20), (30, 110), (110, 110)], [(90, 50), (90, 180)]]


def drawn(strokes, scale=1.0, offset=(0.0, 0.0)):
    """The same strokes drawn `scale` times larger and moved by `offset`."""
    return [[(x * scale + offset[0], y * scale + offset[1]) for x, y in stroke] for stroke in strokes]


def centre_of_mass(image):
    rows, cols = np.indices(image.shape)
    return np.array([(rows * image).sum(), (cols * image).sum()]) / image.sum()


def ink_box(image, level=0.5):
    """Height and width of the box around pixels brighter than `level`."""
    rows, cols = np.nonzero(image > level)
    return rows.max() - rows.min() + 1, cols.max() - cols.min() + 1


def assert_mnist_like(image):
    assert image.shape == (MNIST_SIZE, MNIST_SIZE) and image.dtype == np.float32
    assert np.isfinite(image).all() and image.min() >= 0.0 and image.max() <= 1.0
    assert np.abs(centre_of_mass(image) - CENTRE).max() < 0.5
    assert abs(max(ink_box(image)) - DIGIT_BOX) <= 1  # the 20 px box, give or take an edge pixel


# --- strokes ----------------------------------------------------------------------------------


def test_strokes_become_a_centred_20px_digit_of_white_ink_on_black():
    image = strokes_to_mnist(FOUR)

    assert_mnist_like(image)
    assert image.max() == 1.0 and image[0].max() == 0.0  # white ink, black margin
    assert np.abs(centre_of_mass(image) - CENTRE).max() < 0.1  # sub-pixel centring


def test_edges_are_anti_aliased():
    image = strokes_to_mnist(FOUR)

    grey = ((image > 0.05) & (image < 0.95)).sum()
    assert grey > 0.25 * (image > 0.05).sum()


def test_the_same_drawing_at_any_size_and_place_gives_the_same_image():
    small = strokes_to_mnist(drawn(FOUR, 0.1, (3, 250)), min_extent=1)
    middle = strokes_to_mnist(drawn(FOUR, 1.0, (40, -7)))
    huge = strokes_to_mnist(drawn(FOUR, 40.0, (-5000, 1e4)))

    np.testing.assert_allclose(small, middle, atol=1e-3)
    np.testing.assert_allclose(huge, middle, atol=1e-3)


@pytest.mark.parametrize("length", [5.0, 50.0, 5000.0])
def test_stroke_width_is_mnists_whatever_size_the_line_was_drawn(length):
    image = strokes_to_mnist([[(0, 0), (0, length)]], min_extent=0)

    across = image[6:22].sum(axis=1)  # ink per row through the middle of a vertical bar
    np.testing.assert_allclose(across, PEN_WIDTH, atol=0.01)
    assert 2.0 <= PEN_WIDTH <= 3.5


def test_a_perfectly_vertical_one_is_a_centred_20px_bar():
    image = strokes_to_mnist([[(100, 10), (100, 200)]])

    assert_mnist_like(image)
    height, width = ink_box(image)
    assert abs(height - DIGIT_BOX) <= 1 and width == 3


def test_a_horizontal_line_and_repeated_points_work():
    image = strokes_to_mnist([[(10, 50), (10, 50), (200, 50), (200, 50)]])

    assert_mnist_like(image)
    assert abs(ink_box(image)[1] - DIGIT_BOX) <= 1


def test_a_stroke_of_one_point_adds_a_round_dot():
    with_dot = strokes_to_mnist([[(0, 0), (0, 100)], [(60, 0)]])

    assert_mnist_like(with_dot)
    assert ink_box(with_dot)[1] > ink_box(strokes_to_mnist([[(0, 0), (0, 100)]]))[1]


@pytest.mark.parametrize(
    "strokes",
    [
        [],
        [[]],
        [[], []],
        [[(50, 50)]],
        [[(50, 50), (50, 50), (50, 50)], [(50, 50)]],
        [[(50, 50), (52, 53), (51, 49)]],  # a scribble smaller than the default 8 units
        [[(float("nan"), 1.0), (float("inf"), 2.0)]],
    ],
    ids=["no strokes", "empty stroke", "empty strokes", "dot", "dots on one spot", "tiny scribble", "nan"],
)
def test_no_digit_gives_none(strokes):
    assert strokes_to_mnist(strokes) is None


def test_min_extent_is_in_the_strokes_units():
    line = [[(0, 0), (0, 30)]]

    assert strokes_to_mnist(line, min_extent=31) is None
    assert strokes_to_mnist(line, min_extent=29) is not None


def test_non_finite_points_are_skipped():
    clean = strokes_to_mnist(FOUR)
    dirty = strokes_to_mnist([FOUR[0] + [(float("nan"), 5.0)], FOUR[1]])

    np.testing.assert_allclose(dirty, clean, atol=1e-6)


def test_the_pen_lifts_between_strokes_and_their_order_does_not_matter():
    bars = [[(0, 0), (0, 100)], [(100, 0), (100, 100)], [(0, 130), (100, 130)]]  # |_| upside down, apart
    image = strokes_to_mnist(bars)
    reordered = strokes_to_mnist(bars[::-1])

    np.testing.assert_allclose(reordered, image, atol=1e-6)
    # Nothing joins one stroke's end to the next one's start: between the two bars, above the
    # third, the paper stays blank.
    columns = np.flatnonzero(image.max(axis=0) > 0.5)
    rows = np.flatnonzero(image.max(axis=1) > 0.5)
    between = image[rows[0] : rows[0] + 10, columns[0] + 4 : columns[-1] - 3]
    assert between.max() == 0


def test_constant_pressure_draws_the_plain_pen_and_varying_pressure_modulates_it_modestly():
    plain = strokes_to_mnist(FOUR)
    light = strokes_to_mnist([[(x, y, 0.3) for x, y in stroke] for stroke in FOUR])
    pressed = [[(x, y, 0.2 + 0.8 * (y > 100)) for x, y in stroke] for stroke in FOUR]
    varied = strokes_to_mnist(pressed)

    np.testing.assert_allclose(light, plain, atol=1e-6)
    assert not np.allclose(varied, plain, atol=0.05)
    assert 0.8 < varied.sum() / plain.sum() < 1.2


# --- rasters ----------------------------------------------------------------------------------


def canvas_image(strokes, size=280, width=14):
    """White ink on a black size x size canvas, as a raster painter would leave it (uint8)."""
    picture = Image.new("L", (size, size), 0)
    pen = ImageDraw.Draw(picture)
    for stroke in strokes:
        pen.line(stroke, fill=255, width=width, joint="curve")
        for x, y in stroke:
            pen.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=255)
    return np.asarray(picture)


def test_a_raster_drawing_becomes_a_centred_20px_digit():
    image = image_to_mnist(canvas_image(drawn(FOUR, 1.0, (70, 40))))

    assert_mnist_like(image)


def test_dark_ink_on_light_paper_reads_like_light_ink_on_dark():
    light_on_dark = canvas_image(drawn(FOUR, 1.0, (70, 40)))
    dark_on_light = 255 - light_on_dark
    rgba = np.dstack([np.repeat(dark_on_light[..., None], 3, axis=2), np.full_like(dark_on_light, 255)])

    expected = image_to_mnist(light_on_dark)
    np.testing.assert_allclose(image_to_mnist(dark_on_light), expected, atol=1e-5)
    np.testing.assert_allclose(image_to_mnist(rgba), expected, atol=1e-5)
    np.testing.assert_allclose(image_to_mnist(light_on_dark / 255.0), expected, atol=1e-5)


def test_faint_noise_on_the_paper_is_ignored():
    clean = 255 - canvas_image(drawn(FOUR, 1.0, (70, 40)))
    noise = np.random.default_rng(0).normal(0, 8, clean.shape)
    noisy = np.clip(clean + noise, 0, 255).astype(np.uint8)

    assert np.abs(image_to_mnist(noisy) - image_to_mnist(clean)).mean() < 0.01


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((280, 280), np.uint8),
        np.full((280, 280), 255, np.uint8),
        np.full((100, 60, 3), 0.5),
        np.clip(np.random.default_rng(1).normal(235, 3, (280, 280)), 0, 255).astype(np.uint8),
        np.pad(np.full((4, 4), 255, np.uint8), 138),
    ],
    ids=["black", "white", "grey colour", "paper grain", "a speck"],
)
def test_a_blank_raster_gives_none(image):
    assert image_to_mnist(image) is None


def test_an_mnist_image_comes_back_almost_unchanged(mnist):
    originals = mnist.x_test[:200, :, :, 0] / 255.0
    again = np.stack([image_to_mnist(x) for x in originals])

    assert np.abs(again - originals).mean() < 0.03


def drawn_on_canvas(digit, rng, size=280):
    """An MNIST digit upscaled (bilinear) to 30%-100% of a canvas at a random place, either polarity."""
    side = int(rng.uniform(0.3, 1.0) * size)
    big = np.asarray(Image.fromarray(digit).resize((side, side), Image.Resampling.BILINEAR))
    canvas = np.zeros((size, size), np.uint8)
    top, left = rng.integers(0, size - side + 1, 2)
    canvas[top : top + side, left : left + side] = big
    return 255 - canvas if rng.random() < 0.5 else canvas


def test_mnist_digits_drawn_on_a_canvas_keep_the_seed_models_accuracy(mnist, mlp_path):
    from digitpad.core.inference.loading import load_predictor

    rng = np.random.default_rng(7)
    picks = rng.choice(len(mnist.x_test), 2000, replace=False)
    digits, labels = mnist.x_test[picks, :, :, 0], mnist.y_test[picks]
    model = load_predictor(mlp_path)
    redrawn = np.stack([image_to_mnist(drawn_on_canvas(d, rng)) for d in digits])

    raw_accuracy = (model.probabilities_batch(digits / 255.0).argmax(axis=1) == labels).mean()
    accuracy = (model.probabilities_batch(redrawn).argmax(axis=1) == labels).mean()
    assert accuracy >= raw_accuracy - 0.015, f"{accuracy:.3f} through the canvas vs {raw_accuracy:.3f} raw"


# --- views for an averaged prediction -----------------------------------------------------------


def test_views_are_the_drawing_as_drawn_then_tilted_each_way():
    from digitpad.core.drawing.preprocess import VIEW_ROTATIONS, strokes_to_mnist_views

    seven = [[(40, 40), (200, 40), (110, 260)]]
    views = strokes_to_mnist_views(seven)

    assert views.shape == (len(VIEW_ROTATIONS), 28, 28) and views.dtype == np.float32
    np.testing.assert_array_equal(views[0], strokes_to_mnist(seven))
    assert not np.allclose(views[1], views[0]) and not np.allclose(views[2], views[1])
    for view in views:  # each view is a full MNIST-style image: centred, with the same pen
        rows, cols = np.indices(view.shape)
        assert abs((rows * view).sum() / view.sum() - 14) < 0.5 and abs((cols * view).sum() / view.sum() - 14) < 0.5
        assert 0.85 < view.sum() / views[0].sum() < 1.15


def test_no_digit_gives_no_views():
    from digitpad.core.drawing.preprocess import strokes_to_mnist_views

    assert strokes_to_mnist_views([]) is None
    assert strokes_to_mnist_views([[(5, 5)]]) is None
