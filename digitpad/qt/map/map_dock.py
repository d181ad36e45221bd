"""The "Where it lands" dock (Flow F): follows the model in use and each prediction, computed only on screen.

The window hands it every prediction (`follow`), whose call also returned the drawing's point in the learned
space while the dock is on screen. A model's first showing asks the SpaceBuilder for its test-set space (PCA
at once, t-SNE later in a child process). Each update places the drawing on a turn of its own after the bars,
emits `landed`, then runs the probe on the next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from digitpad.core.explain.learned_space import drawing_point
from digitpad.core.explain.projections import TSNE
from digitpad.qt.map.space_builder import Built, SpaceBuilder, space_key
from digitpad.qt.map.tolerance_probe import run_probe
from digitpad.qt.widgets.on_screen_dock import OnScreenDock

if TYPE_CHECKING:
    from digitpad.qt.map.map_view import MapView


class MapDock(OnScreenDock):
    """Where the drawing lands among the 10,000 test digits, its nearest ones, and what the model tolerates."""

    landed = Signal(object)  # {"position", "neighbours", "pixel_neighbours"} after each update
    example_chosen = Signal(object)  # a (28, 28) MNIST test image for the canvas
    nonlinear = True  # compute the t-SNE map in the background (tests that need only PCA turn it off)

    def __init__(self, mnist_dir: Callable, set_mnist_dir: Callable, cache_dir: Path, parent: QWidget | None = None):
        super().__init__("Where it lands", parent, objectName="mapDock")
        self.view: MapView | None = None  # made when the dock first shows (`_built_view`)
        self.setWidget(QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame))
        self._mnist_dir, self._set_mnist_dir, self._cache_dir = mnist_dir, set_mnist_dir, cache_dir
        self.builder = SpaceBuilder(self)
        self._built: dict[str, Built] = {}
        self._requested: set[str] = set()
        self._data_missing = False  # then asked for again on a folder chosen or the dock shown, not per stroke
        self._active = self._compared = self._reading = self._views = self.landing = None
        self._shown_map: tuple | None = None  # (key, projection) the plot shows
        self._refresh_timer = QTimer(self, singleShot=True, interval=0, timeout=self.refresh)
        self._probe_timer = QTimer(self, singleShot=True, interval=0, timeout=self.probe)
        self.builder.built.connect(self._on_built)
        self.builder.mapped.connect(self._on_mapped)
        self.builder.failed.connect(self._on_failed)
        self.builder.missing_data.connect(self._on_missing_data)
        self.visibilityChanged.connect(self._on_visibility)

    def _built_view(self) -> MapView:
        """The dock's view, made and connected on first use, showing the models known by then."""
        if self.view is not None:
            return self.view
        # Its plots import pyqtgraph, which the training panel's plot imports in the background
        # after start-up (DeferredWidget): imported with the dock, it was a fifth of the start-up.
        from digitpad.qt.map.map_view import MapView

        self.view = view = MapView()
        self.widget().setWidget(view)
        view.folder_chosen.connect(self._on_folder_chosen)
        view.model_box.currentIndexChanged.connect(self._schedule)
        view.projection_box.currentIndexChanged.connect(self._schedule)
        view.before_box.toggled.connect(self._schedule_probe)
        view.plot.hovered.connect(self._on_hovered)
        view.plot.clicked.connect(self._choose)
        view.pixel_row.chosen.connect(self._choose)
        view.learned_row.chosen.connect(self._choose)
        self._update_model_box()
        return view

    def open(self) -> None:
        self._built_view()
        self.show()
        self.raise_()

    def shutdown(self) -> None:
        self.builder.shutdown()

    @Slot(object, object, object)
    def follow(self, predictor, views, reading) -> None:
        """The latest prediction: the model in use, the drawing's views and its Reading (Nones: empty canvas)."""
        if predictor is not None and predictor is not self._active:
            self._active = predictor
            self._update_model_box()
        self._views, self._reading = views, reading
        self._schedule()

    def set_compared(self, predictor) -> None:
        """The compared model (None: not comparing); the map can switch to it."""
        self._compared = predictor
        self._update_model_box()
        self._schedule()

    def shown_predictor(self):
        """The model whose space the map shows: the active one, or the compared one when chosen."""
        if self.view is not None and self.view.model_box.currentIndex() == 1 and self._compared is not None:
            return self._compared
        return self._active

    @Slot()
    def _schedule(self) -> None:
        if self.is_on_screen():
            self._refresh_timer.start()  # after the bars are painted

    @Slot()
    def _schedule_probe(self) -> None:
        if self.is_on_screen():
            self._probe_timer.start()

    @Slot()
    def refresh(self) -> None:
        """Place the latest drawing in the shown model's space, and emit `landed`."""
        self._refresh_timer.stop()
        predictor = self.shown_predictor()
        built = self._space_of(predictor)
        if built is None:
            return
        self._show_map(built)
        if self._views is None:
            self._clear_drawing()
            return
        point = self._point(predictor)
        self.landing = built.space.land(
            point, self.view.projection(), built.digits.labels, built.digits.pixels, self._views[0]
        )
        self._show_landing(built, self.landing)
        self.landed.emit(self.landing.as_contract())
        self._probe_timer.start()  # a turn of its own

    def _space_of(self, predictor) -> Built | None:
        """The predictor's test-set space, or None (asked for in the background, and said so)."""
        if predictor is None:
            self.view.say("No model yet: wait for it to load.")
            return None
        key = space_key(predictor)
        if key in self._built:
            return self._built[key]
        if key not in self._requested:
            self._requested.add(key)
            self.builder.build(key, predictor, self._mnist_dir(), self._cache_dir)
        elif self._data_missing:
            return None  # its sentence and Browse stay
        self.view.say(f"Placing the 10,000 MNIST test digits by {predictor.name}...")
        return None

    def _point(self, predictor) -> np.ndarray:
        """The drawing in the learned space: from the bars' own call, else (the compared model) one of its own."""
        reading = self._reading
        if predictor is not self._active or reading is None or reading.embedding is None:
            reading = predictor.read_views(self._views, embedding=True)
        return drawing_point(reading.embedding)

    def _show_map(self, built: Built) -> None:
        self.view.set_nonlinear_ready(TSNE in built.space.maps)
        projection = self.view.projection()
        if self._shown_map != (id(built), projection):
            misread = built.space.answers != built.digits.labels
            self.view.plot.set_map(built.space.maps[projection], built.digits.labels, misread)
            self._shown_map = (id(built), projection)
        self.view.say("")

    def _show_landing(self, built: Built, landing) -> None:
        self.view.plot.set_drawing(landing.position)
        images = built.digits.images
        self.view.pixel_row.show_neighbours(landing.pixel_neighbours, images)
        self.view.learned_row.show_neighbours(landing.neighbours, images)
        misread = int((built.space.answers != built.digits.labels).sum())
        self.view.show_caption(built.space.describe(), misread, landing.placed_by)

    def _clear_drawing(self) -> None:
        self.landing = None
        self.view.plot.set_drawing(None)
        self.view.pixel_row.show_neighbours([], None)
        self.view.learned_row.show_neighbours([], None)
        self.view.show_probe(None)

    @Slot()
    def probe(self) -> None:
        """The probe, after the map's update: one batched call per model over every changed input."""
        self._probe_timer.stop()
        if self._views is not None and self._active is not None:
            self.view.show_probe(run_probe(self._active, self._compared, self._views[0], self._reading,
                                           self.view.before_box.isChecked()))

    def _update_model_box(self) -> None:
        if self.view is not None:  # else the view takes them when it is made
            self.view.set_models([m.name for m in (self._active, self._compared) if m is not None])

    @Slot(str, object)
    def _on_built(self, key: str, built: Built) -> None:
        self._built[key] = built
        if TSNE not in built.space.maps and self.nonlinear:
            self.builder.nonlinear(key, built)
        self._schedule()

    @Slot(str, object)
    def _on_mapped(self, key: str, coordinates) -> None:
        if key in self._built:
            self._built[key].space.maps[TSNE] = coordinates
            self._schedule()

    @Slot(str, str)
    def _on_failed(self, key: str, message: str) -> None:
        self._built_view().say(message)

    @Slot(str)
    def _on_missing_data(self, sentence: str) -> None:
        self._data_missing = True
        self._built_view().say(sentence, browse=True)

    @Slot(str)
    def _on_folder_chosen(self, folder: str) -> None:
        self._set_mnist_dir(folder)
        self._ask_again_for_data()
        self.view.say("")
        self._schedule()

    def _ask_again_for_data(self) -> None:
        if self._data_missing:
            self._data_missing, self._requested = False, set()

    def _shown_space(self) -> Built | None:
        predictor = self.shown_predictor()
        return self._built.get(space_key(predictor)) if predictor is not None else None

    @Slot(int)
    def _on_hovered(self, index: int) -> None:
        built = self._shown_space()
        if built is None or index < 0:
            return
        label, answer = int(built.digits.labels[index]), int(built.space.answers[index])
        verdict = "reads it right" if answer == label else f"reads it as {answer}: misread"
        self.view.show_hovered(built.digits.images[index], f"MNIST test #{index}: a {label}; the model {verdict}.")

    @Slot(int)
    def _choose(self, index: int) -> None:
        built = self._shown_space()
        if built is not None:
            self.example_chosen.emit(built.digits.images[index])

    @Slot(bool)
    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self._built_view()
            self._ask_again_for_data()  # a folder set meanwhile, or the internet back
            self._refresh_timer.start()  # a turn of its own: the view, made just now, is painted first
