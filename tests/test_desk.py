"""A sheet photographed lying on a darker desk reads as the sheet would; a light digit on a dark ground is no sheet."""

import numpy as np
import pytest
from PIL import Image

from digitpad.core.drawing.desk import desk_painted_over
from digitpad.core.drawing.preprocess import image_to_mnist
from tests.test_image_files import as_uint8, seven
from tests.test_paper import lit_from_the_left, mnist_on_paper


def on_a_desk(sheet, degrees=0.0, desk=0.3, margins=(25, 35)):
    """`sheet` (floats, light paper) turned by `degrees` and laid on a grainy desk of shade `desk` showing all round."""
    turned = Image.fromarray(as_uint8(sheet * 0.92)).rotate(degrees, Image.Resampling.BILINEAR, expand=True)
    inside = Image.fromarray(np.full(sheet.shape, 255, np.uint8)).rotate(degrees, expand=True)
    top, left = margins
    grain = np.random.default_rng(0).normal(desk, 0.05, (turned.height + 2 * top, turned.width + 2 * left))
    photo = Image.fromarray(as_uint8(grain.clip(0, 1)))
    photo.paste(turned, (left, top), inside)
    return np.asarray(photo)


@pytest.mark.parametrize("degrees", [0.0, 6.0])
def test_a_seven_on_a_sheet_on_a_desk_reads_as_the_sheet_alone(degrees):
    sheet_alone = Image.fromarray(as_uint8(seven() * 0.92)).rotate(degrees, Image.Resampling.BILINEAR, fillcolor=235)

    digit = image_to_mnist(on_a_desk(seven(), degrees))

    assert digit is not None
    assert float(np.abs(digit - image_to_mnist(np.asarray(sheet_alone))).mean()) < 0.02


def test_mnist_digits_on_a_sheet_on_a_desk_keep_the_models_accuracy(mnist, mlp_path):
    from digitpad.core.inference.loading import load_predictor

    picks = np.random.default_rng(4).choice(len(mnist.x_test), 300, replace=False)
    digits, labels = mnist.x_test[picks, :, :, 0], mnist.y_test[picks]
    model = load_predictor(mlp_path)

    def accuracy(photo):
        images = np.stack([image_to_mnist(photo(mnist_on_paper(digit, lambda page: page))) for digit in digits])
        return (model.probabilities_batch(images).argmax(axis=1) == labels).mean()

    def sheet_of(page):  # the digit written on a larger sheet, as on paper: a margin of half its size
        return np.pad(page / 255.0, 28, constant_values=1.0)

    clean = accuracy(lambda page: page)
    on_desk = accuracy(lambda page: on_a_desk(sheet_of(page)))
    lit_on_desk = accuracy(lambda page: lit_from_the_left(on_a_desk(sheet_of(page)) / 255.0, 0.7))
    assert on_desk >= clean - 0.01, f"{on_desk:.3f} on a desk against {clean:.3f} on clean paper"
    assert lit_on_desk >= clean - 0.03, f"{lit_on_desk:.3f} on a desk lit from one side against {clean:.3f}"


def test_mnists_own_light_digits_on_black_are_no_sheet(mnist):
    for digit in mnist.x_test[:300, :, :, 0]:
        big = np.asarray(Image.fromarray(digit).resize((112, 112), Image.Resampling.BILINEAR)) / 255.0
        grey = big.astype(np.float32)
        assert np.array_equal(desk_painted_over(grey.copy()), grey)


def test_a_bold_light_zero_on_black_is_no_sheet():
    rows, cols = np.mgrid[:200, :200]
    radius = np.hypot((rows - 100) / 90, (cols - 100) / 70)
    zero = ((radius > 0.55) & (radius < 1.0)).astype(np.float32)  # a ring of paint half the digit thick

    assert np.array_equal(desk_painted_over(zero.copy()), zero)


def test_a_blank_sheet_on_a_desk_holds_no_digit():
    assert image_to_mnist(on_a_desk(np.ones((120, 120)))) is None
