"""Training-time augmentation: stroke widths vary, and some 1s get the flag (and base) much of the world writes."""

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")

from digitpad.core.mnist.augment import flag_some_ones, random_stroke_width  # noqa: E402


@pytest.fixture(scope="module")
def ones_and_sevens(mnist):
    ones = mnist.x_test[mnist.y_test == 1][:200]
    sevens = mnist.x_test[mnist.y_test == 7][:200]
    images = np.concatenate([ones, sevens]).astype(np.float32) / 255.0
    return tf.constant(images), tf.constant([1] * len(ones) + [7] * len(sevens), tf.int64)


def test_about_half_the_ones_get_a_flag_and_no_other_digit_is_touched(ones_and_sevens):
    images, labels = ones_and_sevens
    flagged = flag_some_ones(images, labels, seed=3).numpy()

    changed = np.any(np.abs(flagged - images.numpy()) > 0.1, axis=(1, 2, 3))
    assert 0.35 < changed[:200].mean() < 0.65
    assert not changed[200:].any()
    assert flagged.min() >= 0.0 and flagged.max() <= 1.0


def test_a_flag_is_drawn_from_the_top_of_the_one_down_to_its_left(ones_and_sevens):
    images, labels = ones_and_sevens
    before = images.numpy()[..., 0]
    added = flag_some_ones(images, labels, seed=3).numpy()[..., 0] - before
    for image, ink in zip(before[:200], added[:200]):
        inked_rows, inked_columns = np.nonzero(image > 0.5)
        ink[(inked_rows.min() + inked_rows.max()) // 2 + 1:] = 0  # the flag only, not a base
        if ink.max() < 0.1:
            continue
        rows, columns = np.nonzero(ink > 0.1)
        assert rows.min() >= inked_rows.min() - 1  # it starts at the top of the 1, not above it
        assert rows.mean() < inked_rows.mean()  # in the upper part
        assert columns.mean() <= inked_columns[inked_rows == inked_rows.min()].mean()  # to the left


def test_about_a_third_of_the_flagged_ones_also_get_a_level_base_across_the_foot_of_the_stem(ones_and_sevens):
    images, labels = ones_and_sevens
    before = images.numpy()[:200, ..., 0]
    added = flag_some_ones(images, labels, seed=3, ones_flagged=1.0).numpy()[:200, ..., 0] - before
    footed = 0
    for image, ink in zip(before, added):
        inked_rows, inked_columns = np.nonzero(image > 0.5)
        bottom = inked_rows.max()
        ink[: bottom - 2] = 0  # what was added around the foot of the stem
        rows, columns = np.nonzero(ink > 0.3)
        if len(rows) < 3:
            continue
        footed += 1
        stem_x = inked_columns[inked_rows == bottom].mean()
        assert np.ptp(rows) <= 4 and abs(rows.mean() - bottom) <= 2.5  # level, at the foot
        assert columns.min() < stem_x < columns.max()  # both sides of the stem
    assert 0.2 < footed / 200 < 0.45


def test_stroke_width_varies_for_some_digits_and_keeps_the_rest(ones_and_sevens):
    images, _ = ones_and_sevens
    varied = random_stroke_width(images, seed=5).numpy()
    ink_before, ink_after = images.numpy().sum(axis=(1, 2, 3)), varied.sum(axis=(1, 2, 3))

    thinner, bolder = np.mean(ink_after < ink_before * 0.95), np.mean(ink_after > ink_before * 1.05)
    assert 0.1 < thinner < 0.3 and 0.1 < bolder < 0.3
    assert np.mean(ink_after == ink_before) > 0.5


def test_a_pixel_bolder_or_thinner_is_a_2x2_max_or_min_pooling(ones_and_sevens):
    from digitpad.core.mnist.augment import _bolder, _thinner

    images = ones_and_sevens[0]
    np.testing.assert_array_equal(_bolder(images), tf.nn.max_pool2d(images, 2, 1, "SAME"))
    np.testing.assert_array_equal(_thinner(images), -tf.nn.max_pool2d(-images, 2, 1, "SAME"))


@pytest.mark.parametrize("style,digit", [("slashed 0", 0), ("crossed 7", 7), ("hooked 9", 9)])
def test_each_style_adds_ink_to_a_share_of_its_digits_only(mnist, style, digit):
    from digitpad.core.mnist.styles import STYLES

    _, draw = STYLES[style]
    labels = mnist.y_test[:1000]
    images = tf.constant(mnist.x_test[:1000].astype(np.float32) / 255.0)
    styled = draw(images, tf.constant(labels), seed=3, share=0.5).numpy()
    added = (styled - images.numpy()).reshape(1000, -1)
    changed = np.any(added > 0.1, axis=1)
    assert added.min() >= 0.0 and styled.max() <= 1.0  # ink is only added
    assert not changed[labels != digit].any()
    assert 0.3 < changed[labels == digit].mean() < 0.7


def test_a_slash_crosses_the_zero_through_its_middle_from_bottom_left_to_top_right(mnist):
    from digitpad.core.mnist.style_sets import styled_test_set

    styled, _ = styled_test_set(mnist.x_test[:300], mnist.y_test[:300], "slashed 0", seed=1)
    before = mnist.x_test[:300][mnist.y_test[:300] == 0, ..., 0] / 255.0
    for image, clean in zip(styled[..., 0], before):
        rows, columns = np.nonzero(image - clean > 0.3)
        inked_rows, inked_columns = np.nonzero(clean > 0.5)
        assert abs(rows.mean() - inked_rows.mean()) < 3 and abs(columns.mean() - inked_columns.mean()) < 3
        assert np.corrcoef(rows, columns)[0, 1] < -0.5  # lower rows further left: "/"


def test_the_crossbar_is_level_and_near_the_sevens_middle(mnist):
    from digitpad.core.mnist.style_sets import styled_test_set

    styled, _ = styled_test_set(mnist.x_test[:300], mnist.y_test[:300], "crossed 7", seed=1)
    before = mnist.x_test[:300][mnist.y_test[:300] == 7, ..., 0] / 255.0
    visible = 0
    for image, clean in zip(styled[..., 0], before):
        rows, columns = np.nonzero(image - clean > 0.3)
        if len(rows) < 4:  # drawn over ink the 7 already had
            continue
        visible += 1
        inked_rows, _ = np.nonzero(clean > 0.5)
        top, bottom = inked_rows.min(), inked_rows.max()
        assert top + 0.3 * (bottom - top) <= rows.mean() <= top + 0.7 * (bottom - top)
        assert np.ptp(rows) <= 4 < np.ptp(columns) + 2
    assert visible >= 0.8 * len(before)
