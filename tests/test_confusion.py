"""Where the model fails: the confusion matrix on MNIST's test set and the view that explores it."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics

from digitpad.core.explain.confusion import (
    ConfusionResults,
    cell_indices,
    compute_confusion,
    confusion_matrix,
    misclassified_indices,
)
from digitpad.qt.failures.confusion_view import ConfusionView
from digitpad.qt.widgets.outlined_selection import OUTLINE


@pytest.fixture(scope="module")
def mlp_confusion(mnist, mlp_path):
    from digitpad.core.inference.loading import load_predictor

    return compute_confusion(load_predictor(mlp_path), mnist)


def test_the_matrix_counts_every_test_image_and_its_diagonal_is_the_test_accuracy(mnist, mlp_path, mlp_confusion):
    import keras

    from digitpad.core.networks.builders import compile_model
    from digitpad.core.training.fit import evaluate

    model = keras.saving.load_model(mlp_path, compile=False, safe_mode=True)
    compile_model(model, 1e-3)

    assert mlp_confusion.matrix.shape == (10, 10)
    assert mlp_confusion.matrix.sum() == 10_000
    assert mlp_confusion.matrix.sum(axis=1).tolist() == np.bincount(mnist.y_test, minlength=10).tolist()
    assert np.trace(mlp_confusion.matrix) / 10_000 == pytest.approx(evaluate(model, mnist), abs=1e-4)
    assert mlp_confusion.accuracy == pytest.approx(0.9764, abs=0.002)


def test_a_cells_indices_are_exactly_its_images(mlp_confusion):
    r = mlp_confusion
    true, predicted = np.unravel_index(np.argmax(r.matrix - np.diag(np.diag(r.matrix))), (10, 10))

    indices = r.cell_indices(true, predicted)

    assert len(indices) == r.matrix[true, predicted] > 0
    assert set(r.labels[indices]) == {true} and set(r.predictions[indices]) == {predicted}
    assert len(misclassified_indices(r.labels, r.predictions)) == 10_000 - np.trace(r.matrix)


def test_the_matrix_puts_true_digits_in_rows():
    labels, predictions = np.array([4, 4, 9, 1]), np.array([9, 4, 9, 7])

    matrix = confusion_matrix(labels, predictions)

    assert matrix[4, 9] == 1 and matrix[4, 4] == 1 and matrix[9, 9] == 1 and matrix[1, 7] == 1
    assert matrix.sum() == 4
    assert cell_indices(labels, predictions, 4, 9).tolist() == [0]


def small_results() -> ConfusionResults:
    """Eight 28x28 images, each a different brightness so the test can tell them apart."""
    labels = np.array([4, 4, 4, 9, 1, 7, 4, 3])
    predictions = np.array([9, 4, 9, 9, 7, 7, 9, 3])
    images = np.stack([np.full((28, 28, 1), 10 * (i + 1), np.uint8) for i in range(len(labels))])
    return ConfusionResults(confusion_matrix(labels, predictions), images, labels, predictions)


@pytest.fixture
def view(qtbot):
    widget = ConfusionView()
    qtbot.addWidget(widget)
    r = small_results()
    widget.set_results(r.matrix, r.images, r.labels, r.predictions)
    widget.show()
    return widget


def test_the_table_shows_the_counts_with_true_digits_as_rows(view):
    table = view.table

    assert (table.rowCount(), table.columnCount()) == (10, 10)
    assert table.item(4, 9).text() == "3"
    assert table.item(4, 4).text() == "1"
    assert table.item(0, 5).text() == ""  # empty cells stay quiet
    assert table.item(4, 9).background().color() != table.item(4, 4).background().color()


def test_clicking_a_cell_fills_the_gallery_with_its_misclassified_images(view, qtbot):
    table = view.table
    rect = table.visualItemRect(table.item(4, 9))

    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    gallery = view.gallery
    assert gallery.count() == 3
    assert [gallery.item(i).text() for i in range(3)] == ["true 4, predicted 9"] * 3
    assert not gallery.item(0).icon().isNull()
    assert "3" in view.caption.text()


def test_a_clicked_cell_keeps_its_colour_and_is_outlined(view, qtbot):
    table = view.table
    rect = table.visualItemRect(table.item(4, 9))
    inside = rect.topLeft() + QPoint(5, 5)  # clear of the count's text and of the outline
    before = table.viewport().grab().toImage().pixelColor(inside)

    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseMove(table.viewport(), table.visualItemRect(table.item(0, 0)).center())  # no hover
    picture = table.viewport().grab().toImage()

    assert picture.pixelColor(inside) == before  # a mistake stays red, not the selection's colour
    assert picture.pixelColor(rect.left() + 1, rect.center().y()) == OUTLINE


def test_clicking_an_example_emits_its_image_for_the_canvas(view, qtbot):
    view.show_cell(4, 9)
    gallery = view.gallery
    rect = gallery.visualItemRect(gallery.item(1))

    with qtbot.waitSignal(view.example_chosen) as chosen:
        qtbot.mouseClick(gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    image = chosen.args[0]
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert image.max() == pytest.approx(30 / 255)  # the second image of the cell is dataset index 2


def test_new_results_clear_the_gallery(view):
    view.show_cell(4, 9)
    r = small_results()

    view.set_results(r.matrix, r.images, r.labels, r.predictions)

    assert view.gallery.count() == 0


def test_four_digit_counts_fit_their_cells_even_at_the_narrowest_width(qtbot):
    widget = ConfusionView()
    qtbot.addWidget(widget)
    matrix = np.full((10, 10), 7)
    np.fill_diagonal(matrix, 1135)  # MNIST's test set has 1,135 ones
    widget.set_results(matrix, np.zeros((0, 28, 28), np.uint8), np.zeros(0), np.zeros(0))
    widget.resize(widget.minimumSizeHint().width(), 600)
    widget.show()
    table = widget.table

    for column in range(10):
        item = table.item(column, column)
        text_width = QFontMetrics(item.font()).horizontalAdvance(item.text())
        assert item.text() == "1135"
        assert text_width + 6 <= table.columnWidth(column)  # 6: the item's own margins
    assert table.item(0, 0).toolTip().startswith("1,135 test images")


def test_the_results_carry_the_reliability_of_every_test_digit_and_the_diagram_names_its_ece(qtbot, mlp_confusion):
    from digitpad.qt.failures.reliability_diagram import ReliabilityDiagram

    bins = mlp_confusion.reliability
    assert int(bins.counts.sum()) == len(mlp_confusion.labels) and 0.0 <= bins.ece < 0.05
    diagram = ReliabilityDiagram()
    qtbot.addWidget(diagram)
    diagram.set_bins(bins)
    assert diagram.title() == f"Reliability: ECE {bins.ece:.2%} on {len(mlp_confusion.labels):,} test digits"
    diagram.grab()  # paints without error


def test_in_a_short_window_the_dock_scrolls_and_its_parts_never_overlap(qtbot):
    """The matrix, the images and the diagram need about 600 px: a laptop's window must not be forced taller."""
    from PySide6.QtWidgets import QMainWindow

    from digitpad.qt.failures.confusion_dock import ConfusionDock

    window = QMainWindow()
    qtbot.addWidget(window)
    dock = ConfusionDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(1000, 450)
    window.show()
    qtbot.waitExposed(window)
    view = dock.view

    assert window.height() < view.minimumSizeHint().height() and dock.widget().verticalScrollBar().isVisible()
    def placed(widget) -> QRect:
        return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())

    table, lower, diagram = placed(view.table), placed(view.caption.parentWidget()), placed(view.reliability)
    assert table.bottom() < lower.top() and lower.bottom() < diagram.top()
    assert view.table.height() >= view.table.minimumHeight()  # all ten rows, never squeezed


def test_the_not_sure_line_is_stated_as_measured():
    from digitpad.core.explain.calibration import not_sure, not_sure_sentence

    probabilities = np.full((1000, 10), 0.01)
    probabilities[:, 0] = 0.91  # sure, and right for the 0s
    probabilities[:20, 0], probabilities[:20, 1] = 0.45, 0.46  # 20 unsure readings of 1
    labels = np.zeros(1000, np.int64)
    labels[:5] = 1  # 5 of those 20 are 1s
    labels[995:] = 3  # 5 sure readings are wrong

    sentence = not_sure_sentence(not_sure(probabilities, labels), len(labels))

    assert sentence == ('Under 60% the app says "not sure": 20 of the 1,000 test digits, read right 25% of '
                        "the time; the others 99.5%.")
