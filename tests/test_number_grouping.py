"""Number mode's grouping: pen strokes -> the strokes of each digit, on constructed stroke sets. Pure."""

import numpy as np
import pytest

from digitpad.core.drawing.ink_pieces import connected_pieces
from digitpad.core.numbers.number_grouping import group_strokes
from digitpad.core.numbers.number_raster import split_number_image
from tests.number_strokes import DIGITS, arc, line, number, placed


@pytest.mark.parametrize("text", ["10", "11", "01", "111", "2026", "457", "1234567890"])
@pytest.mark.parametrize("gap", [0.1, 0.3, 0.6])
def test_digits_written_side_by_side_are_grouped_digit_by_digit(text, gap):
    strokes, truth = number(text, gap=gap)
    assert group_strokes(strokes) == truth


@pytest.mark.parametrize("digit", [4, 5, 7])
def test_a_digit_in_two_strokes_is_one_digit(digit):
    assert len(DIGITS[digit]) == 2
    strokes, truth = number(f"1{digit}1")
    assert group_strokes(strokes) == truth and len(truth[1]) == 2


def test_a_fives_bar_drawn_after_the_whole_number_joins_its_own_five():
    strokes, truth = number("5555", gap=0.15, bars_last=True)
    assert truth[0] == [0, 4]  # the first 5's bar is the fifth stroke written
    assert group_strokes(strokes) == truth


def test_a_fives_bar_reaching_past_its_bowl_and_a_fours_bar_ending_at_its_stem_stay_in_their_digit():
    five = [DIGITS[5][0], line((0.1, 0.0), (0.85, -0.05))]  # the bowl ends at 0.6: the bar sticks out
    four = [line((0.4, 0.0), (0.0, 0.65), (0.6, 0.65)), line((0.6, 0.25), (0.6, 1.0))]  # the stem at the bar's end
    strokes = placed(five, 0.0, 0.0, 100.0) + placed(four, 1.0, 0.0, 100.0) + placed(DIGITS[1], 1.75, 0.0, 100.0)
    assert group_strokes(strokes) == [[0, 1], [2, 3], [4]]


FOUR_APART = [line((0.35, 0.0), (0.0, 0.6), (0.45, 0.6)), line((0.55, 0.35), (0.55, 1.0))]  # the stem stands apart


@pytest.mark.parametrize("gap", [0.1, 0.3, 0.6])
def test_a_fours_stem_standing_apart_from_its_bar_joins_it_but_a_next_digit_does_not(gap):
    strokes = placed(DIGITS[1], 0.0, 0.0, 100.0) + placed(FOUR_APART, 0.3 + gap, 0.0, 100.0)
    strokes += placed(DIGITS[1], 0.85 + 2 * gap, 0.0, 100.0)
    assert group_strokes(strokes) == [[0], [1, 2], [3]]


FOUR_TALL_STEM_APART = [line((0.35, 0.0), (0.0, 0.6), (0.45, 0.6)), line((0.55, 0.0), (0.55, 1.0))]


@pytest.mark.parametrize("stem_first", [False, True])
@pytest.mark.parametrize("gap", [0.1, 0.3, 0.6])
def test_a_fours_full_height_stem_standing_apart_from_its_bar_joins_it_in_either_writing_order(stem_first, gap):
    four = FOUR_TALL_STEM_APART[::-1] if stem_first else FOUR_TALL_STEM_APART
    strokes = placed(DIGITS[1], 0.0, 0.0, 100.0) + placed(four, 0.3 + gap, 0.0, 100.0)
    strokes += placed(DIGITS[1], 0.85 + 2 * gap, 0.0, 100.0)
    assert group_strokes(strokes) == [[0], [1, 2], [3]]


OPEN_NINE = [arc(0.3, 0.28, 0.28, 0.28, 60, 300), line((0.6, 0.02), (0.57, 1.0))]  # a C, then the stem beside it


@pytest.mark.parametrize("size", [1.0, 0.85, 0.75])
def test_a_nine_written_as_an_open_loop_and_a_stem_apart_is_one_digit_even_written_smaller(size):
    nine = [[(0.6 + x * size, 1.0 - size + y * size) for x, y in stroke] for stroke in OPEN_NINE]  # on the baseline
    after = 0.6 + 0.6 * size + 0.2
    strokes = placed(DIGITS[1] + nine + placed(DIGITS[1], after), 0, 0, 100.0)
    assert group_strokes(strokes) == [[0], [1, 2], [3]]


@pytest.mark.parametrize("small_first", [False, True])
def test_a_smaller_digit_on_the_baseline_close_beside_a_one_is_its_own_digit(small_first):
    small_zero = placed(DIGITS[0], 0.0, 0.3, 0.7)  # 0.7 high, its bottom on the one's baseline
    if small_first:
        strokes = placed(small_zero + placed(DIGITS[1], 0.35), 0, 0, 100.0)  # 0.15 apart
    else:
        strokes = placed(DIGITS[1] + placed(small_zero, 0.45), 0, 0, 100.0)
    assert group_strokes(strokes) == [[0], [1]]


def test_a_digit_started_by_a_short_stroke_beside_a_finished_digit_is_its_own_digit():
    small_zero = placed(DIGITS[0], 0.0, 0.15, 0.85)  # a smaller digit on the same baseline
    bar_first = [DIGITS[5][1], DIGITS[5][0]]  # a 5 whose bar is written first
    four = [line((0.4, 0.0), (0.0, 0.65), (0.6, 0.65)), line((0.45, 0.3), (0.45, 1.0))]
    strokes = placed(small_zero + placed(bar_first, 0.7) + placed(four, 1.45) + placed(DIGITS[0], 2.15), 0, 0, 100.0)
    assert group_strokes(strokes) == [[0], [1, 2], [3, 4], [5]]


def test_a_fives_bar_written_first_above_a_smaller_digit_close_by_stays_with_its_five():
    small_two = placed(DIGITS[2], 0.0, 0.33, 0.75)  # 0.75 high, on the same baseline as the 5
    bar_first = [DIGITS[5][1], DIGITS[5][0]]
    strokes = placed(small_two + placed(bar_first, 0.5), 0, 0, 100.0)  # the bar 0.15 right of the 2
    assert group_strokes(strokes) == [[0], [1, 2]]


def test_a_one_beside_a_zero_is_two_digits_even_close_up():
    strokes, truth = number("10", gap=0.1)
    assert group_strokes(strokes) == truth == [[0], [1]]


def test_eleven_is_two_ones():
    strokes, _ = number("11", gap=0.1)
    assert group_strokes(strokes) == [[0], [1]]


def test_a_number_written_right_to_left_still_reads_left_to_right():
    strokes, truth = number("372")
    order = [2, 1, 0]  # the 2 first, the 3 last
    reordered = [s for digit in order for s in (strokes[i] for i in truth[digit])]
    groups = group_strokes(reordered)
    assert [len(g) for g in groups] == [1, 2, 1] and groups[0] == [3]


def test_a_slip_of_the_pen_between_digits_is_left_out():
    strokes, truth = number("12", gap=0.6)
    right_of_one = max(x for x, _ in strokes[0])
    strokes.append([(right_of_one + 25.0, 50.0), (right_of_one + 26.0, 51.0)])  # a dot in the gap
    assert group_strokes(strokes) == truth


def test_a_dot_on_a_digit_joins_that_digit():
    strokes, truth = number("70")
    strokes.append([(30.0, 50.0)])  # a single point, on the 7's diagonal
    assert group_strokes(strokes) == [truth[0] + [3], truth[1]]


def test_the_grouping_does_not_depend_on_the_size_written():
    small, truth = number("4751", scale=12.0)
    large, _ = number("4751", scale=900.0)
    assert group_strokes(small) == group_strokes(large) == truth


def test_the_persons_fixes_join_and_separate_strokes():
    strokes, truth = number("10", gap=0.1)
    assert group_strokes(strokes, joined=[(0, 1)]) == [[0, 1]]
    merged = placed(DIGITS[1], 0.0, 0.0, 100.0) + placed(DIGITS[1], 0.15, 0.0, 100.0)  # too close: one digit
    assert group_strokes(merged) == [[0, 1]]
    assert len(group_strokes(merged, separated=[(0, 1)])) == 2
    assert group_strokes(strokes, joined=[(0, 7)]) == truth  # a stroke that is gone is ignored


def test_nothing_drawn_is_no_digit():
    assert group_strokes([]) == [] and group_strokes([[], []]) == []


def test_a_raster_of_a_number_splits_into_its_digits_left_to_right():
    image = np.zeros((40, 120), np.uint8)
    image[5:35, 10:14] = 255  # a 1
    image[5:35, 40:44] = image[5:9, 40:70] = image[31:35, 40:70] = 255  # a C-like digit
    image[20, 90] = 255  # a speck
    image[5:35, 100:104] = 255  # another 1
    pieces = split_number_image(255 - image)  # dark ink on white paper
    assert [round(box.left) for _, box in pieces] == [10, 40, 100]
    assert all(crop.max() == 1.0 and crop[0].max() == 0 for crop, _ in pieces)


def test_connected_pieces_join_diagonal_neighbours():
    mask = np.eye(6, dtype=bool)
    mask[0, 5] = True
    labels, extents = connected_pieces(mask)
    assert len(extents) == 2 and labels[5, 5] == labels[0, 0] != labels[0, 5]


def test_constructed_strokes_are_what_they_claim():
    assert line((0, 0), (1, 0), step=0.5) == [(0, 0), (0.5, 0.0), (1.0, 0.0)]


def test_a_click_between_two_digits_joins_them_and_a_click_on_a_digit_of_two_strokes_splits_it():
    from digitpad.core.numbers.number_fixes import GroupingFixes
    from digitpad.core.numbers.stroke_boxes import group_box, stroke_box

    strokes, _ = number("17", gap=0.6)
    boxes = [stroke_box(s) for s in strokes]

    def digits(fixes):
        groups = group_strokes(strokes, fixes.joined, fixes.separated)
        return [(tuple(g), group_box(boxes, g)) for g in groups]

    fixes = GroupingFixes()
    one, seven = digits(fixes)
    assert (
        fixes.click(strokes, digits(fixes), (one[1].right + seven[1].left) / 2, 50, reach=3)
        == "Joined two digits into one."
    )
    assert group_strokes(strokes, fixes.joined, fixes.separated) == [[0, 1, 2]]
    assert fixes.click(strokes, digits(fixes), seven[1].centre_x, 50, reach=3) == "Split a digit in two."
    assert len(group_strokes(strokes, fixes.joined, fixes.separated)) == 2
    fixes.forget_from(2)  # the 7's second stroke undone: the split naming it goes, the join stays
    assert fixes.joined == [(0, 1)] and fixes.separated == []
    fixes.forget_from(0)
    assert fixes.joined == [] == fixes.separated
