"""Ink: a stroke as the canvas keeps it (points with pressure, its brush width) and how it is painted."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from digitpad.core.drawing.sparse_strokes import catmull_rom
from digitpad.qt.widgets.thumbnail import digit_qimage

ROUND_JOIN = Qt.PenJoinStyle.RoundJoin
# Mouse events during a fast stroke can be tens of pixels apart. A stroke keeps the points the
# device reported; painting cuts each segment into pieces this long, along the Catmull-Rom curve
# through its neighbours (as the model's pipeline joins far-apart points, see
# digitpad.core.drawing.sparse_strokes), so the ink follows the hand and the pen's width its pressure.
POINT_SPACING = 6.0
CURVED_SEGMENT = 2 * POINT_SPACING


@dataclass
class Stroke:
    """One press-to-release line: points (x, y, pressure) and the brush width it was drawn with."""

    width: float
    points: list[tuple[float, float, float]] = field(default_factory=list)


def paint_drawing(image: QImage, size, raster: np.ndarray | None, strokes, background: QColor, ink: QColor) -> None:
    """Fill `image` with the background, the loaded 28x28 raster in `picture_square(size)`, then the strokes."""
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if raster is not None:
        painter.drawImage(picture_square(size), digit_qimage(raster))
    for stroke in strokes:
        paint_stroke(painter, stroke, 0, ink)
    painter.end()


def picture_square(size) -> QRectF:
    """Where a loaded 28x28 picture goes: the largest centred square, so the wide number-mode pad
    shows a digit, not one stretched three times as wide."""
    side = min(size.width(), size.height())
    return QRectF((size.width() - side) / 2, (size.height() - side) / 2, side, side)


def scale_strokes(strokes, factor: float) -> None:
    """Scale the strokes' points and widths in place."""
    for stroke in strokes:
        stroke.width *= factor
        stroke.points[:] = [(x * factor, y * factor, p) for x, y, p in stroke.points]


def grey_pixels(image: QImage) -> np.ndarray:
    """A Grayscale8 QImage as a (height, width) uint8 array (a copy)."""
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return pixels[:, : image.width()].copy()  # rows are padded to bytesPerLine


def as_point(point) -> tuple[float, float, float]:
    """(x, y) or (x, y, pressure) -> (x, y, pressure) floats."""
    return (float(point[0]), float(point[1]), float(point[2]) if len(point) > 2 else 1.0)


def is_repeat(last, new) -> bool:
    """Whether `new` is within half a pixel of `last`: a repeated event adds no point."""
    return math.hypot(new[0] - last[0], new[1] - last[1]) < 0.5


def _pieces(points, i: int) -> list[tuple[float, float, float]]:
    """Points from just after point i - 1 up to point i, about POINT_SPACING apart, the pressure graded along them.

    A segment longer than CURVED_SEGMENT follows the curve through its neighbours (mirrored at a
    stroke's ends); a shorter one, what a mouse reports at a steady pace, is one straight piece.
    """
    last, new = points[i - 1], points[i]
    if not is_curved(points, i):
        return [new]
    count = math.ceil(math.hypot(new[0] - last[0], new[1] - last[1]) / POINT_SPACING)
    t = np.arange(1, count + 1) / count
    before = points[i - 2] if i >= 2 else tuple(2 * a - b for a, b in zip(last, new))
    after = points[i + 1] if i + 1 < len(points) else tuple(2 * b - a for a, b in zip(last, new))
    curve = catmull_rom(before[:2], last[:2], new[:2], after[:2], t)
    pressure = last[2] + (new[2] - last[2]) * t
    return [(float(x), float(y), float(p)) for (x, y), p in zip(curve, pressure)]


def _pen_width(stroke: Stroke, pressure: float) -> float:
    """A light touch draws thinner; a mouse (pressure 1) draws at the brush width."""
    return stroke.width * (0.35 + 0.65 * pressure)


def is_curved(points, i: int) -> bool:
    """Whether the segment from point i - 1 to point i is painted along a curve (and so needs point i + 1)."""
    (x0, y0, _), (x1, y1, _) = points[i - 1], points[i]
    return math.hypot(x1 - x0, y1 - y0) > CURVED_SEGMENT


def paint_stroke(painter: QPainter, stroke: Stroke, start: int, ink: QColor, end: int | None = None) -> QRectF:
    """Draw the stroke's points from `start` up to `end` (its last) with round caps and joins; the area touched."""
    points = stroke.points
    dirty = QRectF()
    for i in range(start, len(points) if end is None else end):
        if i == 0:  # a stroke's first point: a round dot
            dirty |= _paint_piece(painter, stroke, points[0], points[0], ink)
            continue
        a = points[i - 1]
        for b in _pieces(points, i):
            dirty |= _paint_piece(painter, stroke, a, b, ink)
            a = b
    return dirty


def _paint_piece(painter: QPainter, stroke: Stroke, a, b, ink: QColor) -> QRectF:
    """One piece of a stroke, a dot when `a` is `b`; the area it touched."""
    width = _pen_width(stroke, (a[2] + b[2]) / 2)
    painter.setPen(QPen(ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, ROUND_JOIN))
    if a is b:
        painter.drawPoint(QPointF(b[0], b[1]))
    else:
        painter.drawLine(QPointF(a[0], a[1]), QPointF(b[0], b[1]))
    margin = width / 2 + 2
    return QRectF(QPointF(a[0], a[1]), QPointF(b[0], b[1])).normalized().adjusted(-margin, -margin, margin, margin)
