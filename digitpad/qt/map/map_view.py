"""The widgets of "Where it lands": the map and what is hovered, the two rows of neighbours, the probe."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digitpad.core.explain.projections import PCA, TSNE
from digitpad.qt.map.map_plot import MapPlot
from digitpad.qt.map.neighbour_strip import NeighbourStrip
from digitpad.qt.widgets.deferred_widget import DeferredWidget
from digitpad.qt.widgets.image_panel import ImagePanel

TSNE_WAITING = "t-SNE (computing...)"
PROBE_HEIGHT = 150  # the probe's place, held at this height before and after its plots are built
HOVER_HINT = "Hover a point to see its digit; click it to put it on the pad; Ctrl+wheel zooms."


class MapView(QWidget):
    """Layout and texts only; the dock decides what is shown."""

    folder_chosen = Signal(str)  # an MNIST folder picked with Browse

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model_box = QComboBox(objectName="mapModelChoice")
        self.projection_box = QComboBox(objectName="mapProjection")
        self.projection_box.addItems([PCA, TSNE_WAITING])
        self.set_nonlinear_ready(False)
        self.message = QLabel(wordWrap=True, objectName="mapMessage")
        self.browse_button = QPushButton("Browse...", objectName="mapBrowseButton", visible=False)
        self.browse_button.clicked.connect(self._browse)
        self.caption = QLabel(wordWrap=True, objectName="mapCaption")
        self.plot = MapPlot()
        self.hover_image = ImagePanel(minimum_side=56)
        self.hover_image.setMaximumSize(72, 72)
        self.hover_label = QLabel(HOVER_HINT, wordWrap=True)
        self.pixel_row, self.learned_row = NeighbourStrip("pixelNeighbours"), NeighbourStrip("learnedNeighbours")
        self.before_box = QCheckBox("Change the drawing before preprocessing", objectName="probeBeforeBox")
        # Below the map and the neighbours, and two thirds of the view's making: built after them,
        # so the dock's first opening does not wait for it.
        self.probe = DeferredWidget("digitpad.qt.map.probe_plot", _probe_plot)
        self.probe.setMinimumHeight(PROBE_HEIGHT)
        self.probe_caption = QLabel(wordWrap=True, objectName="probeCaption")
        self._lay_out()

    def _lay_out(self) -> None:
        choices = QHBoxLayout()
        for text, box in (("Map of", self.model_box), ("by", self.projection_box)):
            choices.addWidget(QLabel(text))
            choices.addWidget(box, 1)
        missing = QHBoxLayout()
        missing.addWidget(self.message, 1)
        missing.addWidget(self.browse_button)
        hover = QHBoxLayout()
        hover.addWidget(self.hover_image)
        hover.addWidget(self.hover_label, 1)
        rows = QGridLayout()
        rows.addWidget(QLabel("Nearest in raw pixels:"), 0, 0)
        rows.addWidget(self.pixel_row, 1, 0)
        rows.addWidget(QLabel("Nearest in the network's learned space:"), 2, 0)
        rows.addWidget(self.learned_row, 3, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addLayout(missing)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot, 3)
        layout.addLayout(hover)
        layout.addLayout(rows)
        layout.addWidget(QLabel("What it tolerates: the top digit (solid) and what it turns into (dashed)"))
        layout.addWidget(self.before_box)
        layout.addWidget(self.probe, 2)
        layout.addWidget(self.probe_caption)

    def projection(self) -> str:
        return TSNE if self.projection_box.currentIndex() == 1 else PCA

    def set_nonlinear_ready(self, ready: bool) -> None:
        """t-SNE can be chosen once its map is made; until then the box shows PCA."""
        box = self.projection_box
        box.blockSignals(True)
        box.setItemText(1, TSNE if ready else TSNE_WAITING)
        box.model().item(1).setEnabled(ready)
        if not ready:
            box.setCurrentIndex(0)
        box.blockSignals(False)

    def set_models(self, names: list[str]) -> None:
        """The models the map can show: the active one, and the compared one when comparing."""
        box = self.model_box
        box.blockSignals(True)
        index = box.currentIndex()
        box.clear()
        box.addItems(names)
        box.setCurrentIndex(min(max(index, 0), box.count() - 1))
        box.blockSignals(False)

    def show_probe(self, probe) -> None:
        """A ProbeResult: each model's curves, and which digits and models they are."""
        def show(plot) -> None:
            plot.show_curves(0, probe.active if probe else None)
            plot.show_curves(1, probe.compared if probe else None)

        self.probe.when_built(show)
        self.probe_caption.setText(probe.caption() if probe else "")

    def show_caption(self, space: str, misread: int, placed_by: str) -> None:
        """What the dots and the star are: the space they are placed in, and how the drawing is placed."""
        self.caption.setText(
            f"Each dot is an MNIST test digit placed by {space}, coloured by its true digit; "
            f"rings: the {misread} it misreads. Your drawing (star) is placed by {placed_by}."
        )

    def say(self, text: str, browse: bool = False) -> None:
        """A sentence above the map (empty: none); `browse` offers to choose the MNIST folder."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.browse_button.setVisible(browse)

    def show_hovered(self, image: np.ndarray | None, text: str) -> None:
        self.hover_image.set_rgb(np.repeat((np.zeros((28, 28)) if image is None else image)[..., None] * 255, 3, -1))
        self.hover_label.setText(text)

    @Slot()
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "The folder with MNIST's official .gz files")
        if folder:
            self.folder_chosen.emit(folder)


def _probe_plot():
    """The probe's plots, one per turn of the event loop (a DeferredWidget's build in parts)."""
    from digitpad.qt.map.probe_plot import ProbePlot  # imported in the background by then

    plot = ProbePlot()
    yield from plot.add_plots()
    return plot
