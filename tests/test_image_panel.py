"""The picture panels of Look inside: what they paint, and the numbers that set their colour scales."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QWidget

from digitpad.qt.widgets.image_panel import ImagePanel
from digitpad.qt.widgets.tile_mosaic import percentile_of

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


def test_pixels_handed_over_in_qts_own_order_show_the_same_picture(qtbot):
    rgb = np.random.default_rng(0).integers(0, 256, (3, 4, 3), dtype=np.uint8)
    bgrx = np.concatenate([rgb[..., ::-1], np.full((3, 4, 1), 255, np.uint8)], axis=-1).astype(np.uint16)
    as_rgb, as_rgb32 = ImagePanel(), ImagePanel()
    for panel in (as_rgb, as_rgb32):
        qtbot.addWidget(panel)
        panel.resize(40, 30)
    as_rgb.set_rgb(rgb)
    as_rgb32.set_rgb32(bgrx)

    np.testing.assert_array_equal(as_rgb32.pixels(), rgb)
    assert painted_by_itself(as_rgb32) == painted_by_itself(as_rgb)


@settings(max_examples=200, deadline=None)
@given(
    hnp.arrays(np.float32, st.integers(1, 300), elements=st.floats(-1e6, 1e6, width=32)),
    st.floats(0, 100),
)
def test_the_colour_scales_percentile_is_numpys(values, percentile):
    expected = np.percentile(values, percentile)
    assert np.isclose(percentile_of(values, percentile), expected, rtol=1e-5, atol=1e-3)
