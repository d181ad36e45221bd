"""The person's samples beside the canvas: a drawing is filed under its true digit, a filed one redrawn.

The dock owns the sample store (in AppDataLocation/samples, resolved when the dock is built, so
a changed XDG_DATA_HOME is honoured) and the SamplesView that shows it; it reads from and writes
to the canvas it is given, and says what happened through `status_message`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from digitpad.core.samples.labelling import NOTHING_TO_FILE, filed_message, fit_strokes
from digitpad.core.samples.store import Sample, SampleStore
from digitpad.qt.app.app_paths import samples_dir
from digitpad.qt.drawing.canvas import DrawingCanvas
from digitpad.qt.samples.samples_view import SamplesView
from digitpad.qt.samples.side_dock import SideDock

MESSAGE_MS = 5000


class SamplesDock(SideDock):
    """"My samples": thumbnails by digit; `file_drawing(digit)` adds the canvas's drawing."""

    changed = Signal()  # samples were filed, deleted or imported

    def __init__(self, canvas: DrawingCanvas, parent: QWidget | None = None):
        super().__init__("My samples", "samplesDock", parent)
        self.canvas = canvas
        self.store = SampleStore(samples_dir())
        self.view = SamplesView(self.store)
        if not len(self.store):
            self.view.status.setText("Draw a digit, then press its key (or click its bar) to file it here.")
        self.setWidget(self.view)
        self.view.changed.connect(self.changed)
        self.view.sample_activated.connect(self.redraw)

    @Slot(int)
    def file_drawing(self, digit: int) -> Sample | None:
        """File what the canvas shows under `digit`, confirm, and clear the canvas for the next one."""
        image = self.canvas.to_mnist()
        if image is None:
            self.status_message.emit(NOTHING_TO_FILE, MESSAGE_MS)
            return None
        try:
            sample = self.view.add(self.canvas.strokes(), image, digit)
        except OSError as error:
            reason = error.strerror or error
            self.status_message.emit(f"Could not save the sample in {self.store.folder} ({reason}).", 0)
            return None
        self.status_message.emit(filed_message(digit, self.store.counts()[digit]), MESSAGE_MS)
        self.canvas.clear()
        return sample

    @Slot(object)
    def redraw(self, sample: Sample) -> None:
        """Put a filed sample back on the canvas: its strokes, or its image when it has none."""
        if sample.strokes:
            side = min(self.canvas.width(), self.canvas.height())
            self.canvas.set_strokes(fit_strokes(sample.strokes, side))
        else:
            self.canvas.load_image(sample.image)
        self.canvas.setFocus()  # so its digit key files it again, e.g. under another digit
        self.status_message.emit(f"Redrew a sample filed as {sample.label}.", MESSAGE_MS)
