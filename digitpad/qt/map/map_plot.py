"""The map: 10,000 test digits as one scatter coloured by true digit, the misread ones ringed, the drawing on top.

Items are made once; a new map or a new model only calls `setData`, and the drawing's point,
which moves with each update, is an item of its own, so the 10,000 points are not set again.
Hover and click find the nearest point in screen pixels with numpy, not by asking every item.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal, Slot

from digitpad.qt.widgets.plot_style import BACKGROUND, CURVE_COLOURS, style_plot

POINT_PX = 4
DRAWING_PX = 22
PICK_RADIUS_PX = 8  # a hover or click this close to a point is about that point
BRUSHES = [pg.mkBrush(colour) for colour in CURVE_COLOURS]  # one per digit, shared by every point
DRAWING_BRUSH = pg.mkBrush("#ffffff")


class MapPlot(pg.PlotWidget):
    """Shows (N, 2) positions with labels; `hovered`/`clicked` give a point's index (-1: none)."""

    hovered = Signal(int)
    clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent, background=BACKGROUND)
        self.setObjectName("mapPlot")
        self.setMinimumHeight(260)
        plot = self.getPlotItem()
        style_plot(plot)
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.setMenuEnabled(False)
        # One item per digit, each with one brush: per-point brushes cost pyqtgraph 27 ms for 10,000 points.
        self.digits = [pg.ScatterPlotItem(size=POINT_PX, pen=None, pxMode=True, brush=BRUSHES[d]) for d in range(10)]
        self.misread = pg.ScatterPlotItem(size=POINT_PX + 5, brush=None, pen=pg.mkPen("#ffffff", width=1), symbol="o")
        # White with a dark edge: it stands out on every digit's colour, the cluster it lands in included.
        self.drawing = pg.ScatterPlotItem(size=DRAWING_PX, pen=pg.mkPen("#000000", width=2), symbol="star")
        for item in (*self.digits, self.misread, self.drawing):
            plot.addItem(item)
        self.positions = np.zeros((0, 2), np.float32)
        self._hovered = -1
        self.scene().sigMouseMoved.connect(self._on_moved)
        self.scene().sigMouseClicked.connect(self._on_clicked)

    def wheelEvent(self, event) -> None:
        """Ctrl+wheel zooms the map; the wheel alone scrolls the dock, as over the rest of it."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
        else:
            event.ignore()  # passed on to the dock's scroll area

    def set_map(self, positions: np.ndarray, labels: np.ndarray, misread: np.ndarray) -> None:
        """The test digits at `positions`, coloured by `labels`; `misread` (bool) ringed."""
        self.positions = np.asarray(positions, np.float32)
        labels = np.asarray(labels)
        for digit, item in enumerate(self.digits):
            item.setData(pos=self.positions[labels == digit])
        self.misread.setData(pos=self.positions[misread])
        self.getPlotItem().autoRange()

    def set_drawing(self, position: tuple[float, float] | None) -> None:
        """The drawing's point (None: no drawing)."""
        if position is None:
            self.drawing.setData([], [])
        else:
            self.drawing.setData([position[0]], [position[1]], brush=DRAWING_BRUSH)

    def point_at(self, scene_position: QPointF) -> int:
        """The index of the point nearest a scene position within PICK_RADIUS_PX, else -1."""
        if len(self.positions) == 0:
            return -1
        box = self.getPlotItem().getViewBox()
        where = box.mapSceneToView(scene_position)
        pixel = box.viewPixelSize()  # view units per screen pixel, (x, y)
        offsets = (self.positions - (where.x(), where.y())) / np.maximum(pixel, 1e-12)
        distances = np.einsum("ij,ij->i", offsets, offsets)
        nearest = int(np.argmin(distances))
        return nearest if distances[nearest] <= PICK_RADIUS_PX**2 else -1

    @Slot(object)
    def _on_moved(self, scene_position) -> None:
        index = self.point_at(scene_position)
        if index != self._hovered:
            self._hovered = index
            self.hovered.emit(index)

    @Slot(object)
    def _on_clicked(self, event) -> None:
        index = self.point_at(event.scenePos())
        if index >= 0:
            self.clicked.emit(index)
