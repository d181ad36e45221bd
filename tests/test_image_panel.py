"""The picture panels of Look inside: what they paint, how tiles are lit, and their colour scales."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QWidget

from digitpad.qt.look_inside.lit_tiles import LitTiles
from digitpad.qt.look_inside.tile_mosaic import diverging8, diverging_rgb32, mosaic, percentile_of
from digitpad.qt.widgets.image_panel import ImagePanel

UNPAINTED = QColor("#ff00ff")


def painted_by_itself(panel: ImagePanel) -> QImage:
    """What the panel paints on a magenta page, without Qt filling its background first."""
    image = QImage(panel.size(), QImage.Format.Format_RGB32)
    image.fill(UNPAINTED)
    panel.render(image, QPoint(), renderFlags=QWidget.RenderFlag(0))
    return image


def test_a_wide_picture_is_centred_and_the_panel_paints_its_margins_itself(qtbot):
    panel = ImagePanel(minimum_side=40)
    qtbot.addWidget(panel)
    panel.resize(40, 40)
    rgb = np.zeros((1, 2, 3), np.uint8)
    rgb[0, 0], rgb[0, 1] = (200, 10, 20), (30, 40, 250)
    panel.set_rgb(rgb)

    image = painted_by_itself(panel)
    window = panel.palette().color(QPalette.ColorRole.Window)

    assert image.pixelColor(5, 20) == QColor(200, 10, 20) and image.pixelColor(35, 20) == QColor(30, 40, 250)
    assert image.pixelColor(20, 2) == window and image.pixelColor(20, 37) == window  # above and below it
    assert panel.pixel_at(QPoint(35, 20).toPointF()) == (0, 1) and panel.pixel_at(QPoint(20, 2).toPointF()) is None


@pytest.mark.parametrize("scale", [1, 3])
def test_lit_tiles_dim_each_tile_by_its_own_light_and_nothing_else(qtbot, scale):
    # 2 x 3 tiles of 2x2 pixels, 1 px apart (step 3), in five colours; the sixth place is empty.
    colours = np.array([(200, 100, 50), (40, 220, 90), (255, 255, 255), (10, 20, 250), (120, 130, 140)], np.uint8)
    tiles = np.repeat(np.repeat(colours[:, None, None], 2, axis=1), 2, axis=2)
    panel = LitTiles(minimum_side=1)
    qtbot.addWidget(panel)
    panel.resize(8 * scale, 5 * scale)  # the picture is 8 x 5
    panel.set_tiles(mosaic(tiles, 3), step=3, columns=3, count=5)
    light = np.array([1.0, 0.5, 0.25, 0.0, 0.8])
    panel.set_light(light)

    image = painted_by_itself(panel)
    for tile, (colour, lit) in enumerate(zip(colours, light)):
        row, column = divmod(tile, 3)
        for dy in range(2 * scale):
            for dx in range(2 * scale):
                painted = image.pixelColor(3 * column * scale + dx, 3 * row * scale + dy)
                np.testing.assert_allclose(painted.getRgb()[:3], colour * lit, atol=1.5)
    gap = image.pixelColor(2 * scale, 0)  # between tiles 0 and 1: the mosaic's dark gap, not the page
    assert gap.getRgb()[:3] == (0, 0, 0)


@settings(max_examples=200, deadline=None)
@given(
    hnp.arrays(np.float32, st.integers(1, 300), elements=st.floats(-1e6, 1e6, width=32)),
    st.floats(0, 100),
)
def test_the_colour_scales_percentile_is_numpys(values, percentile):
    expected = np.percentile(values, percentile)
    assert np.isclose(percentile_of(values, percentile), expected, rtol=1e-5, atol=1e-3)


@settings(max_examples=25, deadline=None)
@given(hnp.arrays(np.float32, (5, 7), elements=st.floats(-3, 3, width=32)))
def test_diverging_colours_as_rgb32_words_show_the_same_pixels_as_rgb(values):
    as_rgb, as_words = ImagePanel(), ImagePanel()
    as_rgb.set_rgb(diverging8(values, 2.0))
    as_words.set_rgb32(diverging_rgb32(values, 2.0))
    np.testing.assert_array_equal(as_words.pixels(), as_rgb.pixels())
