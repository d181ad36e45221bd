"""Far-apart points are joined by the curve the pen made, not by chords (digitpad.core.drawing.sparse_strokes)."""

import numpy as np

from digitpad.core.drawing import sparse_strokes
from digitpad.core.drawing.sparse_strokes import smoothed
from digitpad.core.drawing.strokes_pipeline import strokes_to_mnist
from tests.number_strokes import arc


def zero(points: int):
    """A 0 on a 280 px canvas, reported as `points` points around it."""
    return [[(140 + x * 200 - 60, 40 + y * 200) for x, y in arc(0.3, 0.5, 0.3, 0.5, -90, 270, points)]]


def test_a_zero_reported_as_eight_points_renders_nearer_the_pens_curve_than_its_chords(monkeypatch):
    traced = strokes_to_mnist(zero(200))
    as_curves = strokes_to_mnist(zero(8))
    monkeypatch.setattr(sparse_strokes, "SPARSE_SEGMENT", float("inf"))
    as_chords = strokes_to_mnist(zero(8))

    assert np.abs(as_curves - traced).mean() < 0.5 * np.abs(as_chords - traced).mean()


def test_a_densely_reported_drawing_renders_exactly_as_before(monkeypatch):
    drawing = zero(60)
    now = strokes_to_mnist(drawing)
    monkeypatch.setattr(sparse_strokes, "SPARSE_SEGMENT", float("inf"))

    np.testing.assert_array_equal(now, strokes_to_mnist(drawing))


def test_the_curve_passes_through_every_reported_point_and_never_joins_two_strokes():
    points = np.array([[0, 0], [10, 0], [10, 10], [0, 10], [20, 20], [30, 20]], float)  # two strokes
    firsts = np.array([0, 4])
    new_points, widths, new_firsts = smoothed(points, 2.4, firsts)

    assert widths == 2.4
    kept = [int(np.flatnonzero((new_points == point).all(axis=1))[0]) for point in points]
    assert kept == sorted(kept)  # every point, in order
    assert list(new_firsts) == [kept[0], kept[4]]  # each stroke still starts at its first point
    between_strokes = new_points[kept[3] + 1 : kept[4]]
    assert len(between_strokes) == 0  # the pen lifted: nothing drawn across
    second = new_points[kept[4] :]
    np.testing.assert_allclose(second[:, 1], 20.0)  # a two-point stroke stays straight


def test_a_pens_pressure_is_interpolated_along_the_new_points():
    points = np.array([[0, 0], [10, 0], [10, 10]], float)
    new_points, widths, _ = smoothed(points, np.array([2.0, 3.0, 2.0]), np.array([0]))

    assert len(widths) == len(new_points)
    assert widths.min() >= 2.0 and widths.max() <= 3.0
    assert np.all(np.diff(widths[: np.flatnonzero(widths == 3.0)[0] + 1]) > 0)
