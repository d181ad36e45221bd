"""The drawing surface: strokes kept as vectors in logical pixels, painted into a backing image.

The vector strokes are the truth: the model input is rendered from them (so it does not depend
on the screen's device pixel ratio), and the backing image is only their picture on screen.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.core.drawing.preprocess import image_to_mnist, strokes_to_mnist, strokes_to_mnist_views
from digitpad.qt.drawing import ink
from digitpad.qt.drawing.backing_image import BackingImage, grayscale_composite

HINT = QColor("#4a4e58")
MIN_SIDE = 280
DEFAULT_BRUSH = 18.0
BRUSH_RANGE = (4.0, 48.0)
DIGIT_HINT = "Draw a digit here"


class DrawingCanvas(QWidget):
    """Draw digits with the mouse or a tablet pen; undo, clear, and read back the model input."""

    changed = Signal()
    stroke_finished = Signal()
    digit_key_pressed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="canvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(MIN_SIDE, MIN_SIDE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[ink.Stroke] = []
        self._current: ink.Stroke | None = None
        self._raster: np.ndarray | None = None
        self._brush = DEFAULT_BRUSH
        self._picture = BackingImage()
        self._ink_side = 0  # the canvas's shorter side the strokes are scaled for (0: not shown yet)
        self._hint = DIGIT_HINT
        self._render()

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def hint(self) -> str:
        """What the empty canvas asks for."""
        return self._hint

    def set_hint(self, text: str = DIGIT_HINT) -> None:
        self._hint = text
        self.update()

    # ----- the drawing as data

    def strokes(self) -> list[list[tuple[float, float, float]]]:
        """Every stroke, the one being drawn included, as (x, y, pressure) in logical pixels."""
        return [list(stroke.points) for stroke in self._all_strokes()]

    def set_strokes(self, strokes) -> None:
        """Replace the drawing with these strokes of (x, y) or (x, y, pressure) points."""
        self._current = None
        self._raster = None
        self._strokes = [ink.Stroke(self._brush, [ink.as_point(p) for p in s]) for s in strokes if len(s)]
        self._redraw()

    def load_image(self, image: np.ndarray) -> None:
        """Show a 28x28 image (white ink on black, 0..1) as the drawing, e.g. an MNIST example."""
        self._current = None
        self._strokes = []
        self._raster = np.clip(np.asarray(image, np.float32).reshape(28, 28), 0.0, 1.0)
        self._redraw()

    def has_picture(self) -> bool:
        """Whether a loaded picture (e.g. an MNIST test image) is on the canvas, under any strokes."""
        return self._raster is not None

    def picture_rect(self) -> QRectF:
        """Where the loaded picture is shown, in the strokes' coordinates (empty when there is none)."""
        return ink.picture_square(self.size()) if self.has_picture() else QRectF()

    def is_empty(self) -> bool:
        return self._raster is None and not any(s.points for s in self._all_strokes())

    def to_mnist(self) -> np.ndarray | None:
        """The 28x28 model input for what is drawn, or None when nothing is."""
        if self._raster is None:
            return strokes_to_mnist(self.strokes())
        if not self._all_strokes():
            return self._raster.copy()
        return image_to_mnist(grayscale_composite(self.size(), self._raster, self._all_strokes()), rendered=True)

    def to_mnist_views(self) -> np.ndarray | None:
        """Views (K, 28, 28) of what is drawn for an averaged prediction; view 0 is `to_mnist()`.

        Vector strokes give the drawing as drawn and tilted (see strokes_pipeline.VIEW_ROTATIONS); a
        loaded picture has no strokes to turn, so it gives one view.
        """
        if self._raster is None:
            return strokes_to_mnist_views(self.strokes())
        image = self.to_mnist()
        return None if image is None else image[np.newaxis]

    def backing_image(self) -> QImage:
        """The picture on screen, at the device pixel ratio (a copy)."""
        return self._picture.image.copy()

    def undo(self) -> None:
        """Remove the last stroke (or abandon the one being drawn)."""
        if self._current is not None:
            self._current = None
        elif self._strokes:
            self._strokes.pop()
        else:
            return
        self._redraw()

    def clear(self) -> None:
        self._strokes, self._current, self._raster = [], None, None
        self._redraw()

    def brush_width(self) -> float:
        return self._brush

    def set_brush_width(self, width: float) -> None:
        """Width in logical pixels for the strokes drawn from now on."""
        self._brush = float(min(max(width, BRUSH_RANGE[0]), BRUSH_RANGE[1]))

    # ----- input

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin_stroke(event.position(), 1.0)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend_stroke(event.position(), 1.0)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend_stroke(event.position(), 1.0)
            self._finish_stroke()

    def tabletEvent(self, event) -> None:
        """Pen input with pressure; accepted so that Qt does not also send mouse events."""
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin_stroke(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletMove and event.buttons():
            self._extend_stroke(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletRelease:
            self._finish_stroke()
        event.accept()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Delete):
            self.clear()
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9:
            self.digit_key_pressed.emit(event.key() - Qt.Key.Key_0)
        else:
            super().keyPressEvent(event)

    # ----- strokes

    def _begin_stroke(self, position: QPointF, pressure: float) -> None:
        if self._current is not None:
            self._finish_stroke()
        if self.is_empty():
            self.update()  # the whole canvas: the hint text goes
        self._current = ink.Stroke(self._brush, [self._clamped(position, pressure)])
        self._paint_segment(self._current, 0)
        self.changed.emit()

    def _extend_stroke(self, position: QPointF, pressure: float) -> None:
        stroke = self._current
        if stroke is None:
            return
        point = self._clamped(position, pressure)
        if not ink.is_repeat(stroke.points[-1], point):
            stroke.points.append(point)  # as the device reported it: far-apart points stay far apart
            # A curved segment is painted one point late, when the neighbour that bends it is known.
            last = len(stroke.points) - 1
            first = last - 1 if last >= 2 and ink.is_curved(stroke.points, last - 1) else last
            self._paint_segment(stroke, first, last if ink.is_curved(stroke.points, last) else last + 1)
            self.changed.emit()

    def _finish_stroke(self) -> None:
        if self._current is None:
            return
        if len(points := self._current.points) > 1 and ink.is_curved(points, len(points) - 1):
            self._paint_segment(self._current, len(points) - 1)  # no neighbour will come to bend it
        self._strokes.append(self._current)
        self._current = None
        self.changed.emit()
        self.stroke_finished.emit()

    def _clamped(self, position: QPointF, pressure: float) -> tuple[float, float, float]:
        """Keep points on the canvas: a drag that leaves it should not stretch the digit."""
        x = min(max(position.x(), 0.0), float(self.width()))
        y = min(max(position.y(), 0.0), float(self.height()))
        return (x, y, min(max(float(pressure), 0.0), 1.0))

    def _all_strokes(self) -> list[ink.Stroke]:
        return self._strokes + ([self._current] if self._current is not None else [])

    # ----- painting

    def resizeEvent(self, event) -> None:
        # Keep the drawing when the canvas changes size: it is scaled with the canvas. Against the
        # side it was last scaled for, not the event's old size: moved into number mode's wide
        # box, the canvas is resized from "no size" (-1 x -1), and the drawing fell off its bottom.
        side = min(self.width(), self.height())
        if side > 0:
            if self._ink_side > 0 and side != self._ink_side:
                ink.scale_strokes(self._all_strokes(), side / self._ink_side)
            self._ink_side = side
        self._render()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._render()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        if self._picture.image.devicePixelRatio() != self.devicePixelRatioF():
            self._render()
        painter = QPainter(self)
        self._picture.draw(painter, QRectF(event.rect()))
        if self.is_empty():
            painter.setPen(HINT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._hint)
        painter.end()

    def _redraw(self) -> None:
        self._render()
        self.update()
        self.changed.emit()

    def _render(self) -> None:
        self._picture.render(self.size(), self.devicePixelRatioF(), self._raster, self._all_strokes())

    def _paint_segment(self, stroke: ink.Stroke, start: int, end: int | None = None) -> None:
        self.update(self._picture.paint_segment(stroke, start, end))
