"""The prediction view: top digit and confidence, "not sure", runner-up, bars, the model's input."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QImage, QPainter, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from digitpad.qt.reading.prediction_view import PREVIEW_SCALE, UNSURE_BELOW, PredictionView
from digitpad.qt.reading.probability_bars import ROW_HEIGHT, TRACK, VALUE_WIDTH, ProbabilityBars


@pytest.fixture
def view(qtbot):
    view = PredictionView()
    qtbot.addWidget(view)
    view.show()
    return view


def probabilities(top: int, confidence: float, second: int) -> np.ndarray:
    values = np.full(10, (1 - confidence) * 0.2 / 8)
    values[top], values[second] = confidence, (1 - confidence) * 0.8
    return values / values.sum()


def text_of(view, name: str) -> str:
    return view.findChild(QWidget, name).text()


def test_an_empty_canvas_invites_a_drawing_instead_of_a_prediction(view):
    view.show_probabilities(probabilities(3, 0.9, 5), np.zeros((28, 28)))
    view.show_empty()
    assert view.verdict() == "draw a digit" and view.shown_digit() is None
    assert view.findChild(ProbabilityBars).probabilities() is None


def test_loading_says_so(view):
    view.show_loading("loading model...")
    assert view.verdict() == "loading model..." and view.shown_digit() is None


def test_a_confident_prediction_shows_the_digit_its_confidence_and_the_runner_up(view):
    view.show_probabilities(probabilities(7, 0.93, 1), np.zeros((28, 28)))
    assert view.shown_digit() == 7 and not view.is_unsure()
    assert "93.0%" in view.verdict()
    assert "1" in text_of(view, "runnerUpLabel") and "5.6%" in text_of(view, "runnerUpLabel")
    np.testing.assert_allclose(view.findChild(ProbabilityBars).probabilities(), probabilities(7, 0.93, 1))


def test_a_low_top_probability_is_shown_as_not_sure(view):
    view.show_probabilities(probabilities(4, UNSURE_BELOW - 0.15, 9), np.zeros((28, 28)))
    assert view.shown_digit() == 4 and view.is_unsure() and "Not sure" in view.verdict()
    assert "9" in text_of(view, "runnerUpLabel")


def test_the_preview_is_the_model_input_scaled_up_with_crisp_square_pixels(view):
    image = np.zeros((28, 28), np.float32)
    image[10, 20] = 1.0
    view.show_probabilities(probabilities(1, 0.99, 7), image)
    preview = view.findChild(QWidget, "previewLabel").grab().toImage()  # what is painted on screen
    frame = round(preview.devicePixelRatio())
    scale = round(PREVIEW_SCALE * preview.devicePixelRatio())
    assert preview.width() == 28 * scale + 2 * frame
    left, top = frame + 20 * scale, frame + 10 * scale
    block = [preview.pixelColor(left + dx, top + dy).lightness() for dx in range(scale) for dy in range(scale)]
    assert block == [255] * scale * scale  # nearest neighbour: no blur into the neighbours
    assert preview.pixelColor(left - 1, top).lightness() == 0 and preview.pixelColor(left + scale, top).lightness() == 0


def test_an_empty_canvas_shows_an_empty_input(view):
    image = np.ones((28, 28), np.float32)
    view.show_probabilities(probabilities(1, 0.99, 7), image)
    view.show_empty()
    preview = view.findChild(QWidget, "previewLabel").grab().toImage()
    middle = preview.pixelColor(preview.width() // 2, preview.height() // 2)
    assert middle.lightness() == 0


def test_clicking_a_bar_names_its_digit(qtbot, view):
    bars = view.findChild(ProbabilityBars)
    view.show_probabilities(probabilities(2, 0.9, 3), np.zeros((28, 28)))
    with qtbot.waitSignal(view.digit_clicked) as blocker:
        qtbot.mouseClick(
            bars, Qt.MouseButton.LeftButton, pos=QPoint(bars.width() // 2, 5 * ROW_HEIGHT + ROW_HEIGHT // 2)
        )
    assert blocker.args == [5]


def test_the_bars_empty_tracks_follow_the_widgets_width(qtbot):
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.show()
    bars.set_probabilities(probabilities(3, 0.9, 5))
    for width in (240, 320):
        bars.resize(width, 10 * ROW_HEIGHT)
        picture = bars.grab().toImage()
        row_middle = 0 * ROW_HEIGHT + ROW_HEIGHT // 2  # digit 0: a near-empty bar, its track shows
        assert picture.pixelColor(width - VALUE_WIDTH - 5, row_middle) == TRACK
        assert picture.pixelColor(width - VALUE_WIDTH + 2, row_middle) != TRACK  # the value's column


class PaintedRegions(QObject):
    """Records the region of each paint event a widget gets."""

    def __init__(self, widget):
        super().__init__()
        self.widget, self.regions = widget, []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.regions.append(QRegion(event.region()))
        return False

    def rows(self) -> set[int]:
        rects = [rect for region in self.regions for rect in region]
        return {row for rect in rects for row in range(rect.top() // ROW_HEIGHT, rect.bottom() // ROW_HEIGHT + 1)}


@pytest.fixture
def shown_bars(qtbot):
    """Bars on screen, at a prediction view's size, painted as the event loop paints them."""
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.resize(246, 10 * ROW_HEIGHT)
    bars.show()
    qtbot.waitExposed(bars)
    return bars


def test_a_new_prediction_repaints_one_band_from_the_first_to_the_last_row_that_changed(shown_bars):
    bars = shown_bars
    before = np.full(10, 1e-5)
    before[7], before[1] = 0.9, 0.1 - 9e-5
    after = before.copy()
    after[7], after[1] = 0.95, 0.05 - 9e-5  # the other eight rows still read "0.0%" on a 2 px bar
    bars.set_probabilities(before)
    QApplication.processEvents()

    painted = PaintedRegions(bars)
    bars.set_probabilities(after)
    QApplication.processEvents()
    # One rectangle: a region of separate rows is far slower for Qt to paint through than rows 1-7.
    assert [region.rectCount() for region in painted.regions] == [1]
    assert painted.rows() == set(range(1, 8))

    painted.regions.clear()
    bars.set_probabilities(after, unsure=True)  # only the top bar's colour changes
    QApplication.processEvents()
    assert painted.rows() == {7}


def every_row_painted_over_the_empty_tracks(bars) -> QImage:
    """The bars as painting all ten rows each time gives: no row taken from a prepared background."""
    picture = bars._background(zero_rows=False).toImage()
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    values = bars.probabilities()
    bars._paint_bars(painter, range(10), values.tolist(), int(np.argmax(values)))
    painter.end()
    return picture


def test_what_partial_repaints_leave_on_screen_is_what_painting_every_row_gives(shown_bars):
    bars = shown_bars
    rng = np.random.default_rng(0)
    for step in range(12):  # tops that move, bars that shrink back to 0.0%, unsure ones
        bars.set_probabilities(rng.dirichlet(np.full(10, 0.1)), unsure=step % 3 == 0)
        QApplication.processEvents()
        on_screen = bars.screen().grabWindow(bars.winId()).toImage()  # the backing store, as painted
        assert on_screen == every_row_painted_over_the_empty_tracks(bars), f"after prediction {step}"
