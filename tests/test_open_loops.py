"""The nine with an open loop: made from MNIST's own 9s by cutting the loop's lower arc next to the stem."""

import numpy as np
import pytest

from digitpad.core.mnist.open_loops import INK_LEVEL, loop_holes, open_loop_variants


@pytest.fixture(scope="module")
def test_nines(mnist):
    images, labels = mnist.x_test[:2000], mnist.y_test[:2000]
    rows, variants = open_loop_variants(images, labels)
    return images, labels, rows, variants


def test_most_nines_get_an_open_variant_and_no_other_digit_does(test_nines):
    _, labels, rows, variants = test_nines
    assert 0.5 < np.mean(rows[labels == 9] >= 0) < 0.9  # a 9 already open, or with no clean cut, has none
    assert (rows[labels != 9] == -1).all()
    assert sorted(rows[rows >= 0]) == list(range(len(variants)))
    assert variants.dtype == np.uint8 and variants.shape[1:] == (28, 28, 1)


def test_the_cut_only_takes_ink_away_a_little_of_it_and_leaves_no_enclosed_background(test_nines):
    images, _, rows, variants = test_nines
    originals = images[rows >= 0][np.argsort(rows[rows >= 0]), ..., 0]
    opened = variants[..., 0]
    assert (opened <= originals).all()
    taken = ((originals >= INK_LEVEL) & (opened < INK_LEVEL)).sum(axis=(1, 2))
    assert (taken > 0).all() and (taken <= 0.1 * (originals >= INK_LEVEL).sum(axis=(1, 2))).all()
    assert not (loop_holes(opened) & loop_holes(originals)).any()


def test_the_gap_is_at_the_lower_right_of_the_loop_where_it_meets_the_stem(test_nines):
    images, _, rows, variants = test_nines
    originals = images[rows >= 0][np.argsort(rows[rows >= 0]), ..., 0]
    right_side = []
    for original, opened in zip(originals, variants[..., 0]):
        hole_rows, hole_columns = np.nonzero(loop_holes(original[None])[0])
        cut_rows, cut_columns = np.nonzero((original >= INK_LEVEL) & (opened < INK_LEVEL))
        assert cut_rows.mean() > hole_rows.mean()  # below the loop's middle
        right_side.append(cut_columns.mean() >= hole_columns.mean() - 2)  # not on its far side
    assert np.mean(right_side) > 0.95  # a 9 slanted far to the right may be cut under its middle


def test_a_drawn_closed_nine_is_opened_and_an_open_one_or_a_one_is_left_alone():
    grid_y, grid_x = np.mgrid[0:28, 0:28]
    ring = np.abs(np.hypot(grid_x - 13, grid_y - 9) - 5) < 1.2
    stem = (np.abs(grid_x - 18) < 1.2) & (grid_y >= 9) & (grid_y <= 24)
    closed = ((ring | stem) * 255).astype(np.uint8)
    open_ring = ring & ~((grid_y > 9) & (grid_x > 13) & (grid_x < 17))
    already_open = ((open_ring | stem) * 255).astype(np.uint8)
    one = (stem * 255).astype(np.uint8)
    images = np.stack([closed, already_open, one])[..., None]

    rows, variants = open_loop_variants(images, np.array([9, 9, 9]))

    assert rows.tolist() == [0, -1, -1]
    assert not loop_holes(variants[..., 0]).any()
    assert (variants[0, ..., 0] >= INK_LEVEL)[stem].mean() > 0.9  # the stem stays whole


def test_a_share_of_the_nines_with_a_variant_are_swapped_for_it_before_the_other_changes(test_nines):
    tf = pytest.importorskip("tensorflow")
    from digitpad.core.mnist.augment import open_some_loops

    images, labels, rows, variants = test_nines
    swapped = open_some_loops(tf.constant(images), tf.constant(rows), tf.constant(variants), seed=4, share=0.5).numpy()
    changed = np.any(swapped != images, axis=(1, 2, 3))
    assert not changed[rows == -1].any()
    assert 0.35 < changed[rows >= 0].mean() < 0.65
    for index in np.flatnonzero(changed)[:20]:
        np.testing.assert_array_equal(swapped[index], variants[rows[index]])


def test_a_style_set_that_does_not_exist_is_refused_by_name(mnist):
    from digitpad.core.mnist.style_sets import styled_test_set

    with pytest.raises(KeyError, match="open 4"):
        styled_test_set(mnist.x_test[:10], mnist.y_test[:10], "open 4")


def test_a_training_set_without_nines_has_no_variants_and_its_augmented_batches_still_come(mnist):
    from digitpad.core.mnist.pipeline import training_batches

    no_nines = mnist.y_test[:300] != 9
    images, labels = mnist.x_test[:300][no_nines], mnist.y_test[:300][no_nines]
    rows, variants = open_loop_variants(images, labels)
    assert (rows == -1).all() and variants.shape == (0, 28, 28, 1)

    batch, digits = next(iter(training_batches(images, labels, batch_size=64, augment=True, seed=1)))
    assert batch.shape == (64, 28, 28, 1) and digits.shape == (64,)
