"""Look inside's hidden layers: the MLP's units as tiles of their weights, or the CNN's feature maps and filters."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Slot
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from digitpad.core.explain.inspection import contribution_map, favourite_digit, strongest, unit_pushes
from digitpad.qt.look_inside.lit_tiles import LitTiles
from digitpad.qt.look_inside.tile_mosaic import (
    GAP,
    diverging,
    diverging8,
    diverging_rgb32,
    mosaic,
    robust_limit,
    tile_at,
)
from digitpad.qt.widgets.image_panel import ImagePanel
from digitpad.qt.widgets.live_text import LiveText

MLP_COLUMNS = 16  # 128 units: 16 x 8 tiles, as wide as the dock is
UNLIT = 0.3  # a silent unit's tile keeps this much of its brightness
STEP = 28 + GAP  # from one tile to the next in the grid


class MlpUnits(QWidget):
    """A dense first layer: one 28x28 tile of incoming weights per unit, lit by its activation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = LitTiles(minimum_side=160)
        self.grid.setObjectName("unitTiles")
        self.contribution = ImagePanel(minimum_side=90)
        self.contribution.setObjectName("unitContribution")
        # Texts that change with each update: LiveText repaints them without a new layout.
        self.pushes_label = LiveText("unitPushes", lines=2, wrap=True)
        self.unit_label = LiveText("unitLabel", lines=3, wrap=True)
        # What does not change stays out of it: a text's cost is in its glyphs, at every update.
        hint = QLabel("Click another tile to see its own.", wordWrap=True)
        about_unit = QVBoxLayout()
        about_unit.addWidget(self.unit_label)
        about_unit.addWidget(hint)
        about_unit.addStretch(1)
        below = QHBoxLayout()
        below.addWidget(self.contribution, 1)
        below.addLayout(about_unit, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid, 3)
        layout.addWidget(self.pushes_label)
        layout.addLayout(below, 2)
        self.selected_unit: int | None = None
        self._unit_clicked = False
        self._activations = self._image = self.tiles = None
        self.grid.hovered.connect(self._on_hovered)
        self.grid.clicked.connect(self._on_clicked)

    def set_weights(self, first: np.ndarray, output: np.ndarray | None) -> None:
        """The model's Dense kernel (784, units) and its last Dense kernel (units, 10)."""
        self.first, self.output = first, output
        self.tiles = first.T.reshape(-1, 28, 28)
        colours = np.rint(diverging(self.tiles, robust_limit(first, 99))).astype(np.uint8)
        self.grid.set_tiles(mosaic(colours, MLP_COLUMNS), STEP, MLP_COLUMNS, len(self.tiles))
        self.selected_unit, self._activations, self._unit_clicked = None, None, False
        self._show_lit(np.full(len(self.tiles), UNLIT, np.float32))

    def show_units(self, hidden: np.ndarray, image: np.ndarray, digit: int) -> None:
        """Light each tile by its unit's activation; list the units pushing `digit` up and down."""
        self._activations, self._image = hidden, image
        self._show_lit(UNLIT + (1 - UNLIT) * np.asarray(hidden, np.float32) / max(float(hidden.max()), 1e-6))
        if self.output is not None:
            up, down = strongest(unit_pushes(hidden, self.output, digit))
            self.pushes_label.setText(f"Pushed {digit} up: {_units(up)}.  Pushed it down: {_units(down)}.")
            if not self._unit_clicked and up:
                self.selected_unit = up[0]  # the strongest supporter, until the person picks a tile
        self._show_contribution()

    def clear(self) -> None:
        """Nothing drawn: every tile unlit, no units listed, no weight x input map."""
        self._activations = self._image = None
        if self.tiles is not None:
            self._show_lit(np.full(len(self.tiles), UNLIT, np.float32))
        self.pushes_label.setText("")
        self.unit_label.setText("")
        _blank(self.contribution)

    def _show_lit(self, light: np.ndarray) -> None:
        """The tiles, each dimmed to its unit's light (0..1)."""
        self.grid.set_light(light)

    def tooltip(self, unit: int) -> str:
        """What hovering a tile says: its number, activation and the digit it pushes up most."""
        text = f"unit {unit}"
        if self._activations is not None:
            text += f": activation {self._activations[unit]:.2f}"
        if self.output is not None:
            text += f", pushes {favourite_digit(self.output, unit)} up most"
        return text

    def select_unit(self, unit: int) -> None:
        self.selected_unit, self._unit_clicked = unit, True
        self._show_contribution()

    def _show_contribution(self) -> None:
        unit = self.selected_unit
        if unit is None or self._image is None:
            return
        contribution = contribution_map(self.first, self._image, unit)
        self.contribution.set_rgb32(diverging_rgb32(contribution))
        total = float(contribution.sum())
        self.unit_label.setText(f"{self.tooltip(unit).capitalize()}. Left: its weights x your input, sum {total:+.2f}.")

    def _unit_at(self, row: int, column: int) -> int | None:
        return tile_at(row, column, (28, 28), MLP_COLUMNS, len(self.tiles))

    @Slot(int, int)
    def _on_hovered(self, row: int, column: int) -> None:
        if (unit := self._unit_at(row, column)) is not None:
            QToolTip.showText(QCursor.pos(), self.tooltip(unit), self.grid)

    @Slot(int, int)
    def _on_clicked(self, row: int, column: int) -> None:
        if (unit := self._unit_at(row, column)) is not None:
            self.select_unit(unit)


class ConvUnits(QWidget):
    """A convnet: the feature maps of the chosen block for the drawing, and the first layer's filters."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.block_box = QComboBox(objectName="blockChoice")
        self.maps = ImagePanel(minimum_side=160)
        self.maps.setObjectName("featureMaps")
        self.filters = ImagePanel(minimum_side=60)
        self.filters.setObjectName("firstFilters")
        top = QHBoxLayout()
        top.addWidget(QLabel("Feature maps of"))
        top.addWidget(self.block_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.maps, 3)
        layout.addWidget(QLabel("First layer's filters:"))
        layout.addWidget(self.filters, 1)
        self._layers: dict = {}
        self.block_box.currentTextChanged.connect(self._show_block)

    def set_model(self, blocks: list[str], filters: np.ndarray | None) -> None:
        self.block_box.blockSignals(True)
        self.block_box.clear()
        self.block_box.addItems(blocks)
        self.block_box.blockSignals(False)
        if filters is not None:
            self.filters.set_rgb(filter_picture(filters))

    def show_maps(self, layers: dict) -> None:
        self._layers = layers
        self._show_block(self.block_box.currentText())

    def clear(self) -> None:
        """Nothing drawn: no feature maps (the filters are the model's and stay)."""
        self._layers = {}
        _blank(self.maps)

    @Slot(str)
    def _show_block(self, name: str) -> None:
        if name in self._layers:
            self.maps.set_rgb(feature_map_picture(self._layers[name]))


def _blank(panel) -> None:
    """The panel's picture, if it has one, all black: the dock keeps its layout."""
    pixels = panel.pixels()
    if pixels is not None and pixels.size:
        panel.set_rgb(np.zeros_like(pixels))


def feature_map_picture(maps: np.ndarray) -> np.ndarray:
    """(H, W, C) activations as C tiles, 8 or 16 to a row, dark (0) to orange (the block's largest)."""
    tiles = np.moveaxis(maps, -1, 0)
    return diverging8(mosaic(tiles, 16 if tiles.shape[0] > 64 else 8))


def filter_picture(filters: np.ndarray) -> np.ndarray:
    """(kh, kw, 1, F) filters as F small tiles, 8 to a row, on the diverging map."""
    tiles = np.moveaxis(filters[:, :, 0, :], -1, 0)
    return diverging8(mosaic(tiles, 8), robust_limit(filters, 100))


def _units(units: list[int]) -> str:
    return ", ".join(f"#{unit}" for unit in units) or "none"
