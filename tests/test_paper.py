"""Pictures of paper as it comes: light falling unevenly, a shadow, a frame along the edge, ruled and squared paper.

Each reads as the same digit on clean paper would; what is not ink is left out, what is ink stays.
"""

import numpy as np
import pytest
from PIL import Image

from digitpad.core.drawing.ink_pieces import without_specks
from digitpad.core.drawing.preprocess import image_to_mnist
from tests.test_image_files import as_uint8, close_to_reference, seven


def lit_from_the_left(image, darkest=0.55):
    """As a phone photographs a page by a window: the light falls from `darkest` on the left to 1 on the right."""
    return image * np.linspace(darkest, 1.0, image.shape[1])[None, :]


def shadowed(image, reach=0.45, soft=0.0, depth=0.5):
    """A shadow (a phone's, a hand's) at `depth` of the light over the top-left corner, `reach` of each edge along."""
    rows, cols = np.mgrid[: image.shape[0], : image.shape[1]]
    beyond = (rows + cols) / image.shape[0] - reach
    lit = np.clip(beyond / max(soft, 1e-9) + 0.5, 0.0, 1.0)
    return image * (depth + (1.0 - depth) * lit)


def framed(image, width=1, shade=0.0):
    framed = image.copy()
    framed[:width], framed[-width:], framed[:, :width], framed[:, -width:] = shade, shade, shade, shade
    return framed


def ruled(image, every=12, shade=0.7):
    ruled = image.copy()
    ruled[every // 2 :: every] = np.minimum(ruled[every // 2 :: every], shade)
    return ruled


def squared(image, every=10, shade=0.8):
    return ruled(ruled(image, every, shade).T, every, shade).T


@pytest.mark.parametrize(
    "picture",
    [lit_from_the_left, framed, lambda image: framed(image, width=4, shade=0.15), lambda image: framed(image, 1, 0.5),
     ruled, squared, lambda image: lit_from_the_left(squared(image)), shadowed,
     lambda image: shadowed(image, reach=0.9, soft=0.05, depth=0.4)],
    ids=["lit from one side", "a 1 px black frame", "a thick dark frame", "a grey frame", "ruled paper",
         "squared paper", "squared paper lit from one side", "a shadow over a corner", "a soft shadow over the digit"],
)
def test_a_seven_on_paper_as_it_comes_reads_as_on_clean_paper(picture):
    assert close_to_reference(image_to_mnist(as_uint8(picture(seven()))))


def test_a_tightly_cropped_seven_keeps_the_bar_along_its_top_edge():
    seven_ = seven(side=120)
    rows, cols = np.flatnonzero((seven_ < 0.5).any(axis=1)), np.flatnonzero((seven_ < 0.5).any(axis=0))
    tight = seven_[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]

    digit = image_to_mnist(as_uint8(tight))

    assert close_to_reference(digit)
    assert digit.sum(axis=1).max() > 12  # the bar's rows: the stem's hold 3 px of ink


def test_a_stroke_crossing_a_ruled_line_keeps_its_ink():
    page = np.ones((120, 120))
    page[:, 58:62] = 0.0  # a stroke down the page
    page[60] = 0.7  # a faint line across it

    digit = image_to_mnist(as_uint8(page))

    assert digit is not None
    assert digit[12:16].min(axis=0).max() > 0.9  # the stroke is unbroken where the line crossed it


def mnist_on_paper(digit, picture, side=112):
    """An MNIST digit as dark ink on a light page `side` px square, then photographed as `picture` says."""
    big = np.asarray(Image.fromarray(digit).resize((side, side), Image.Resampling.BILINEAR)) / 255.0
    return as_uint8(picture(1.0 - big))


@pytest.mark.parametrize("picture", [lit_from_the_left, framed, ruled, squared, shadowed],
                         ids=["lit from one side", "framed", "ruled", "squared", "a shadow over a corner"])
def test_mnist_digits_on_paper_as_it_comes_keep_the_models_accuracy(mnist, mlp_path, picture):
    from digitpad.core.inference.loading import load_predictor

    picks = np.random.default_rng(3).choice(len(mnist.x_test), 500, replace=False)
    digits, labels = mnist.x_test[picks, :, :, 0], mnist.y_test[picks]
    model = load_predictor(mlp_path)

    def accuracy(picture):
        images = np.stack([image_to_mnist(mnist_on_paper(digit, picture)) for digit in digits])
        return (model.probabilities_batch(images).argmax(axis=1) == labels).mean()

    clean, as_it_comes = accuracy(lambda page: page), accuracy(picture)
    assert as_it_comes >= clean - 0.01, f"{as_it_comes:.3f} against {clean:.3f} on clean paper"


def test_a_speck_of_dust_far_from_the_digit_is_left_out():
    dusty = seven()
    dusty[112:116, 2:6] = 0.0  # a 4 px speck in the bottom-left corner

    assert close_to_reference(image_to_mnist(as_uint8(dusty)))


def test_a_small_piece_just_beside_the_digit_is_kept_as_part_of_it():
    seven_ = seven()
    touched_again = seven_.copy()
    touched_again[100:104, 54:58] = 0.0  # just past the stroke's end: the pen lifted and touched again

    kept, without = image_to_mnist(as_uint8(touched_again)), image_to_mnist(as_uint8(seven_))

    assert np.abs(kept - without).max() > 0.3


def test_chalk_on_a_board_under_a_lamps_glare_reads_as_on_an_even_board():
    chalk = 1.0 - seven()  # 1 where the chalk is
    rows, cols = np.mgrid[:120, :120]
    board = 0.1 + 0.35 * np.exp(-((rows - 30) ** 2 + (cols - 90) ** 2) / (2 * 35.0**2))  # the glare: top right
    picture = board + chalk * (0.8 - board)

    assert close_to_reference(image_to_mnist(as_uint8(picture)))


def test_a_faint_piece_reaching_the_border_is_a_shadows_edge_and_left_out():
    ink = np.zeros((120, 120), np.float32)
    ink[30:90, 50:60] = 1.0  # the digit: a stroke
    ink[np.arange(26), 45 + np.arange(26)] = 0.4  # a faint line from the top edge, ending just above it

    assert without_specks(ink)[:26].max() == 0.0
    assert np.array_equal(without_specks(ink)[30:90, 50:60], ink[30:90, 50:60])


def test_a_dark_stroke_reaching_the_border_and_a_faint_piece_inside_are_kept():
    ink = np.zeros((120, 120), np.float32)
    ink[30:90, 50:60] = 1.0
    ink[0:40, 20:26] = 0.9  # a second stroke, tightly cropped at the top edge
    ink[95:100, 52:58] = 0.4  # a light touch of the pen below the stroke, away from the border

    assert np.array_equal(without_specks(ink), ink)


def test_digitpads_own_renders_on_even_paper_read_the_same_without_the_checks_for_pictures():
    for page in (as_uint8(seven()), as_uint8(1.0 - seven()), as_uint8(seven(side=56))):
        assert np.array_equal(image_to_mnist(page, rendered=True), image_to_mnist(page))
