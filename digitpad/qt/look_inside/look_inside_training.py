"""Look inside during a run: the first layer's weights at each epoch's end, replayed with a slider afterwards."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QSlider, QVBoxLayout, QWidget

from digitpad.qt.look_inside.look_inside_units import MLP_COLUMNS, filter_picture
from digitpad.qt.look_inside.tile_mosaic import diverging8, mosaic, robust_limit
from digitpad.qt.widgets.image_panel import ImagePanel

WEIGHTS_KEY = "first_layer_weights"  # core.training.FIRST_LAYER_WEIGHTS (Qt code imports no Keras)


class TrainingReplay(QWidget):
    """Tiles (MLP) or filters (CNN) of the model being trained, one picture per finished epoch."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel("Train a model to watch its first layer learn, epoch by epoch.", wordWrap=True)
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="epochSlider", enabled=False)
        self.slider.setMinimum(1)
        self.picture = ImagePanel(minimum_side=160)
        self.picture.setObjectName("trainingWeights")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.slider)
        layout.addWidget(self.picture, 1)
        self.epochs: list[np.ndarray] = []
        self._running = False
        self._unpainted = False  # an epoch came while hidden: its picture is made when shown
        self.slider.valueChanged.connect(self._show_epoch)

    @Slot(bool)
    def set_running(self, running: bool) -> None:
        """A new run forgets the last one's epochs; once it ends, the slider replays them."""
        self._running = running
        if running:
            self.epochs = []
            self.slider.setEnabled(False)
            self.label.setText("Training: the first layer's weights appear at each epoch's end.")
        elif self.epochs:
            self.slider.setEnabled(True)
            self.label.setText(f"The run's {len(self.epochs)} epochs: drag to replay how the first layer learned.")

    @Slot(int, object)
    def add_epoch(self, epoch: int, metrics: dict) -> None:
        """Keep the epoch's weights (if the run reported them) and show them."""
        weights = metrics.get(WEIGHTS_KEY) if isinstance(metrics, dict) else None
        if weights is None:
            return
        self.epochs.append(np.asarray(weights, np.float32))
        self.slider.blockSignals(True)  # one picture per epoch, not one for the value and one for the call
        self.slider.setMaximum(len(self.epochs))
        self.slider.setValue(len(self.epochs))
        self.slider.blockSignals(False)
        self._show_epoch(len(self.epochs))

    @Slot(int)
    def _show_epoch(self, epoch: int) -> None:
        if 1 <= epoch <= len(self.epochs):
            if self.isVisible():
                self.picture.set_rgb(weights_picture(self.epochs[epoch - 1]))
            else:  # 15-40 ms of colouring per epoch, on the GUI thread, for a tab nobody looks at
                self._unpainted = True
            if not self._running:
                self.label.setText(f"Epoch {epoch} of {len(self.epochs)}: drag to replay how the first layer learned.")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._unpainted:
            self._unpainted = False
            self._show_epoch(self.slider.value())


def weights_picture(weights: np.ndarray) -> np.ndarray:
    """A Dense kernel (784, units) as 28x28 tiles, or Conv2D filters (kh, kw, 1, F) as small tiles."""
    if weights.ndim == 4:
        return filter_picture(weights)
    tiles = weights.T.reshape(-1, 28, 28)
    return diverging8(mosaic(tiles, MLP_COLUMNS), robust_limit(weights))
