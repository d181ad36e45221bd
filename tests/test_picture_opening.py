"""A picture of a digit dropped on the canvas or opened from the File menu, read as `predict` reads it."""

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from tests.drawing import draw_stroke, open_window, seven


@pytest.fixture
def window(qtbot, mlp_path):
    return open_window(qtbot, mlp_path)


def photo_of_a_seven(path, mnist):
    """An MNIST 7 as dark ink on a 280 px page lit from the left, framed by a line along its edges."""
    index = int(np.flatnonzero(mnist.y_test == 7)[0])
    digit = np.asarray(Image.fromarray(mnist.x_test[index, :, :, 0]).resize((280, 280), Image.Resampling.BILINEAR))
    page = (255 - digit) * np.linspace(0.55, 1.0, 280)[None, :]
    page[0], page[-1], page[:, 0], page[:, -1] = 0, 0, 0, 0
    Image.fromarray(page.astype(np.uint8)).save(path)
    return path


def test_a_picture_opened_from_the_file_menu_is_shown_and_read(qtbot, window, mnist, tmp_path):
    path = photo_of_a_seven(tmp_path / "photo.png", mnist)

    with qtbot.waitSignal(window.prediction_changed, check_params_cb=lambda p: p is not None, timeout=10_000) as read:
        window.open_picture(path)

    assert window.canvas.has_picture()
    assert int(np.argmax(read.args[0])) == 7
    assert "Opened photo.png" in window.statusBar().currentMessage()


def dropped(window, path, kind=QEvent.Type.Drop) -> bool:
    """Whether the canvas takes `path` dragged over it (DragEnter) or dropped on it (Drop).

    Given to the canvas's event filter as Qt would: outside a real drag-and-drop, Qt delivers
    no drop event, so `sendEvent` cannot stand in for the mouse here.
    """
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))] if path else [])
    if kind == QEvent.Type.Drop:
        event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier)
    else:
        event = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier)
    return window.picture_opening.eventFilter(window.canvas, event)


def test_a_picture_dropped_on_the_canvas_is_read_and_strokes_drawn_over_it_add_to_it(qtbot, window, mnist, tmp_path):
    path = photo_of_a_seven(tmp_path / "dropped.png", mnist)

    assert window.canvas.acceptDrops() and dropped(window, path, QEvent.Type.DragEnter)
    assert not dropped(window, None, QEvent.Type.DragEnter)  # text or a web address: not taken

    with qtbot.waitSignal(window.prediction_changed, check_params_cb=lambda p: p is not None, timeout=10_000):
        assert dropped(window, path)
    qtbot.waitUntil(window.canvas.has_picture)
    opened = window.canvas.to_mnist()
    draw_stroke(qtbot, window.canvas, seven(window.canvas.width())[0])

    assert window.canvas.has_picture() and window.canvas.to_mnist().sum() > opened.sum()


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"not a picture at all", "Could not open"), (None, "holds no digit")],
    ids=["not a picture", "a blank page"],
)
def test_a_file_without_a_digit_is_one_sentence_and_the_drawing_stays(qtbot, window, tmp_path, content, expected):
    path = tmp_path / "file.png"
    if content is None:
        Image.new("L", (200, 200), 255).save(path)
    else:
        path.write_bytes(content)
    draw_stroke(qtbot, window.canvas, seven(window.canvas.width())[0])
    drawing = window.canvas.strokes()

    window.open_picture(path)

    qtbot.waitUntil(lambda: expected in window.statusBar().currentMessage(), timeout=10_000)
    message = window.statusBar().currentMessage()
    assert message.count(".") <= 2 and "\n" not in message  # one sentence (the file's name has a dot)
    assert window.canvas.strokes() == drawing and not window.canvas.has_picture()
