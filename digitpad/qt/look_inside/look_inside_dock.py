"""The "Look inside" dock: follows the model in use and each prediction, computed only while visible.

The window hands it every prediction (`follow`); while the dock is hidden it only keeps the
latest views, so nothing is computed. While shown, it inspects the drawing through the same
predictor as the bars (one call: the image, with its layers, and its occluded copies) and emits
the contract dict (see digitpad.core.explain.inspection). The update runs at the event loop's next turn, after the
bars have been painted, and a prediction that comes before it only replaces what it inspects.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from digitpad.core.explain.inspection import inspect
from digitpad.core.inference.predictor import Reading
from digitpad.core.mnist.test_files import DOWNLOAD_FOLDER, kept_test_files
from digitpad.qt.app.app_paths import cache_dir
from digitpad.qt.look_inside.look_inside_view import LookInsideView
from digitpad.qt.widgets.on_screen_dock import OnScreenDock
from digitpad.qt.workers.test_set_reader import TestSetReader


class LookInsideDock(OnScreenDock):
    """What the network computes for the drawing, why it chose its digit, and how its units learn."""

    inspected = Signal(object)  # {"digit", "input", "saliency", "layers"} after each update
    example_chosen = Signal(object)  # a (28, 28) MNIST test image for the canvas
    status_message = Signal(str, int)

    def __init__(self, mnist_dir: Callable[[], str | None], parent: QWidget | None = None):
        super().__init__("Look inside", parent, objectName="lookInsideDock")
        self.view = LookInsideView()
        # Scrolls rather than squeezing its pictures over their captions in a short window.
        self.setWidget(QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame))
        self.widget().setWidget(self.view)
        self._mnist_dir = mnist_dir
        self._test_set: tuple[np.ndarray, np.ndarray] | None = None
        self._test_set_reader = TestSetReader(self)
        self._test_set_reader.done.connect(self._on_test_set_read)
        self._test_set_reader.failed.connect(self._on_test_set_missing)
        self._rng = np.random.default_rng()
        self._predictor = self._shown_predictor = None
        self._views = self._probabilities = self._inspection = self._first_view = None
        self._digit: int | None = None  # None: explain the top digit
        self.view.digit_chosen.connect(self.explain)
        self.view.random_image_requested.connect(self.show_random_test_image)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.visibilityChanged.connect(self._on_visibility)

    def open(self) -> None:
        self.show()
        self.raise_()

    def shutdown(self) -> None:
        """End the test-set reader's thread (after a read in progress)."""
        self._test_set_reader.shutdown()

    def follow(self, predictor, views: np.ndarray | None, reading: Reading | None = None) -> None:
        """The latest prediction: the predictor used, the drawing's views and its Reading of them.

        A reading with layers (asked for while the dock is open) also gives the first view's
        probabilities and activations, so the inspection needs no call of its own for them.
        """
        self._predictor, self._views = predictor, views
        self._probabilities = None if reading is None else reading.probabilities.mean(axis=0)
        self._first_view = Reading(reading.probabilities[:1], reading.layers) if reading and reading.layers else None
        self._inspection = None
        if views is None:
            self._digit = None
            self.view.set_digit(None)
        if self.is_on_screen():
            self._refresh_timer.start()  # after the bars are painted

    @Slot(object)
    def explain(self, digit: int | None) -> None:
        """Explain this digit (None: the top one) for the drawing on the canvas."""
        self._digit = digit
        self.view.set_digit(digit)
        if self.is_on_screen():
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Inspect the latest drawing with the latest predictor, and emit `inspected`."""
        self._refresh_timer.stop()
        predictor = self._predictor
        if predictor is None:
            self.view.show_message("No model yet: wait for it to load.")
            return
        if predictor is not self._shown_predictor:
            self.view.show_model(predictor)
            self._shown_predictor = predictor
        if self._views is None:
            self.view.show_message("Draw a digit, or put a random MNIST test image on the canvas.")
            return
        if self._inspection is None:
            self._inspection = inspect(predictor, self._views[0], self._first_view)  # the as-drawn view
        digit = self._digit if self._digit is not None else self._top_digit()
        self.view.show_inspection(self._inspection, digit)
        self.inspected.emit(self._inspection.as_contract(digit))

    @Slot()
    def show_random_test_image(self) -> None:
        """Put a random MNIST test image on the canvas and say its true label (once the test set is read)."""
        if self._test_set is not None:
            self._show_random_test_image()
            return
        if self._test_set_reader.is_busy():
            return  # the digit comes when the files are read
        folder, download_dir = self._mnist_dir(), cache_dir() / DOWNLOAD_FOLDER
        fetching = not folder and kept_test_files(download_dir) is None
        self.view.true_label.setText(
            "Downloading MNIST's test images (1.6 MB)..." if fetching else "Reading MNIST's test images..."
        )
        self._test_set_reader.read(folder, download_dir)

    def _show_random_test_image(self) -> None:
        images, labels = self._test_set
        index = int(self._rng.integers(len(images)))
        self.view.true_label.setText(f"MNIST test image #{index}: its true label is {labels[index]}.")
        self.example_chosen.emit(images[index])

    @Slot(str, object)
    def _on_test_set_read(self, _folder: str, test_set: tuple[np.ndarray, np.ndarray]) -> None:
        self._test_set = test_set
        self._show_random_test_image()

    @Slot(str, str)
    def _on_test_set_missing(self, _folder: str, message: str) -> None:
        self.view.true_label.setText(message)
        self.status_message.emit(message, 10_000)

    def _top_digit(self) -> int:
        if self._probabilities is not None:
            return int(np.argmax(self._probabilities))
        return self._inspection.top_digit

    @Slot(bool)
    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self.refresh()
