"""The "Look inside" view: why the model chose its digit (saliency), its hidden layers, and its training."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from digitpad.qt.look_inside.look_inside_training import TrainingReplay
from digitpad.qt.look_inside.look_inside_units import ConvUnits, MlpUnits
from digitpad.qt.look_inside.tile_mosaic import as_rgb8, diverging, percentile_of
from digitpad.qt.widgets.image_panel import ImagePanel
from digitpad.qt.widgets.live_text import LiveText

TOP = "top digit"
INPUT_BRIGHTNESS = 0.3  # the drawing stays visible, in grey, under the saliency colours


class LookInsideView(QWidget):
    """Shows an Inspection; asks for a digit to explain and for a random MNIST test image."""

    digit_chosen = Signal(object)  # an int, or None for the top digit
    random_image_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.saliency_panel = ImagePanel(minimum_side=150)
        self.saliency_panel.setMaximumSize(220, 220)
        self.saliency_panel.setObjectName("saliencyPicture")
        # Its text changes with each update: LiveText repaints it without a new layout.
        self.title = LiveText("lookInsideTitle", lines=3, wrap=True)
        self.digit_box = QComboBox(objectName="explainDigit")
        self.digit_box.addItems([TOP, *(str(d) for d in range(10))])
        self.random_button = QPushButton("Random MNIST test image", objectName="randomMnistButton")
        self.true_label = QLabel(objectName="trueLabel", wordWrap=True)
        self.mlp_units, self.conv_units = MlpUnits(), ConvUnits()
        self.no_units = QLabel("This model's layers cannot be shown; its saliency still can.", wordWrap=True)
        self.units = QStackedWidget()
        for page in (self.no_units, self.mlp_units, self.conv_units):
            self.units.addWidget(page)
        self.training = TrainingReplay()
        # Without a frame, the pages lie on the dock's own background, so the pictures and labels
        # that change with each prediction can paint it themselves (see ImagePanel).
        self.tabs = QTabWidget(objectName="lookInsideTabs", documentMode=True)
        self.tabs.addTab(self.units, "Layers for this drawing")
        self.tabs.addTab(self.training, "While it trains")
        self._lay_out()
        self.digit_box.currentIndexChanged.connect(self._on_digit_box)
        self.random_button.clicked.connect(self.random_image_requested)
        self.show_message("Draw a digit to look inside the model.")

    def _lay_out(self) -> None:
        header = QGridLayout()
        header.addWidget(self.saliency_panel, 0, 0, 4, 1)
        header.addWidget(self.title, 0, 1)
        header.addWidget(self.digit_box, 1, 1)
        header.addWidget(self.random_button, 2, 1)
        header.addWidget(self.true_label, 3, 1)
        header.setColumnStretch(0, 1)
        header.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

    def show_model(self, predictor) -> None:
        """Set up the layers' pages for a model: its weight tiles, or its blocks and filters."""
        first, names = predictor.first_layer_weights(), predictor.layer_names()
        if first is not None and first.ndim == 2 and first.shape[0] == 784 and "hidden" in names:
            self.mlp_units.set_weights(first, predictor.output_weights())
            self.units.setCurrentWidget(self.mlp_units)
        elif any(name.startswith("block") for name in names):
            self.conv_units.set_model(names, first if first is not None and first.ndim == 4 else None)
            self.units.setCurrentWidget(self.conv_units)
        else:
            self.units.setCurrentWidget(self.no_units)

    def show_inspection(self, inspection, digit: int) -> None:
        """Saliency for `digit` over the input, and the layers lit for this drawing."""
        self.saliency_panel.set_rgb(saliency_picture(inspection.image, inspection.saliency(digit)))
        top = inspection.top_digit
        if digit == top:
            self.title.setText(f"Why {digit}? Orange ink raises its probability, blue ink lowers it.")
        else:
            self.title.setText(
                f"Why not {digit}? Orange ink speaks for {digit}, blue ink against it (the model says {top})."
            )
        if self.units.currentWidget() is self.mlp_units:
            self.mlp_units.show_units(inspection.layers["hidden"], inspection.image, digit)
        elif self.units.currentWidget() is self.conv_units:
            self.conv_units.show_maps(inspection.layers)

    def show_message(self, text: str) -> None:
        """A message instead of an explanation: the saliency and the layers of the last drawing go."""
        self.title.setText(text)
        self.saliency_panel.set_rgb(np.zeros((28, 28, 3), np.uint8))
        self.mlp_units.clear()
        self.conv_units.clear()

    def set_digit(self, digit: int | None) -> None:
        """Show which digit is explained (None: the top one) without asking again."""
        self.digit_box.blockSignals(True)
        self.digit_box.setCurrentIndex(0 if digit is None else digit + 1)
        self.digit_box.blockSignals(False)

    @Slot(int)
    def _on_digit_box(self, index: int) -> None:
        self.digit_chosen.emit(None if index <= 0 else index - 1)


def saliency_picture(image: np.ndarray, saliency: np.ndarray) -> np.ndarray:
    """The 28x28 input in grey with the saliency laid over it on the diverging colour map."""
    grey = np.repeat(image[..., np.newaxis] * 255 * INPUT_BRIGHTNESS, 3, axis=-1)
    ink = np.abs(saliency[image >= 0.05])
    limit = percentile_of(ink, 95) if ink.size else None  # a few pixels must not wash out the rest
    return as_rgb8(grey + diverging(saliency, limit or None))
