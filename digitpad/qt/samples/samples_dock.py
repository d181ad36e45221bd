"""The person's samples beside the canvas: a drawing is filed under its true digit, a filed one redrawn.

The dock owns the sample store (in AppDataLocation/samples, resolved when the dock is built, so
a changed XDG_DATA_HOME is honoured) and the SamplesView that shows it; it reads from and writes
to the canvas it is given, and says what happened through `status_message`.

The store starts empty and is filled in the background once `load()` is called (the window
calls it when its model is ready, so start-up never waits for thousands of files); filing,
deleting and counting work before, while and after. The folder is watched, so samples that
another DigitPad window files or deletes show up here too.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from digitpad.core.samples.labelling import NOTHING_TO_FILE, filed_message, fit_strokes
from digitpad.core.samples.sample_trash import SampleTrash
from digitpad.core.samples.store import Sample, SampleStore
from digitpad.qt.app.app_paths import samples_dir, session_trash_dir
from digitpad.qt.app.gui_thread_gc import freeze_long_lived
from digitpad.qt.drawing.canvas import DrawingCanvas
from digitpad.qt.samples.folder_watch import FolderWatch
from digitpad.qt.samples.sample_loader import SampleLoader
from digitpad.qt.samples.samples_view import SamplesView
from digitpad.qt.samples.side_dock import SideDock

MESSAGE_MS = 5000
# Chunks arrive every few tens of ms while loading; the grid and counts follow a few times a second.
SHOW_LOADED_MS = 150
EMPTY_HINT = "Draw a digit, then press its key (or click its bar) to file it here."


class SamplesDock(SideDock):
    """"My samples": thumbnails by digit; `file_drawing(digit)` adds the canvas's drawing."""

    changed = Signal()  # samples were filed, deleted, imported, loaded, or changed by another window

    def __init__(self, canvas: DrawingCanvas, parent: QWidget | None = None):
        super().__init__("My samples", "samplesDock", parent)
        self.canvas = canvas
        self.store = SampleStore(samples_dir(), load=False)
        self.store.loaded = _is_empty(self.store.folder)  # nothing to wait for
        self.trash = SampleTrash(session_trash_dir() / "samples")
        self.view = SamplesView(self.store, self.trash)
        self.loader = SampleLoader(self.store, self)
        self.watch = FolderWatch(self.store.folder, self)
        self._show_loaded = QTimer(self, singleShot=True, interval=SHOW_LOADED_MS)
        self.setWidget(self.view)
        self._connect()
        self._hint_if_empty()

    @Slot()
    @Slot(str)
    def load(self, _model: str = "") -> None:
        """Read the samples folder in the background (once; the watch keeps it in step afterwards).

        It starts when the event loop next turns: the window calls this as its model becomes
        ready, and the first prediction, right after, should not share the CPU with the reading.
        """
        QTimer.singleShot(0, self.loader, self.loader.start)  # cancelled with the loader: a closed window reads nothing

    def open(self) -> None:
        """Show the dock in front, starting the load if nothing has yet."""
        super().open()
        self.load()

    def shutdown(self) -> None:
        """Stop reading files, and exporting or importing; the window calls this when it closes.

        Deleted samples go for good now.
        """
        self.loader.shutdown()
        self.view.shutdown()
        self.trash.purge()

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
        self.watch.watch()  # the first sample creates the folder
        if self.view.status.text() == EMPTY_HINT:  # the hint was for an empty folder
            self.view.status.clear()
        self.status_message.emit(filed_message(digit, self.store.counts()[digit]), MESSAGE_MS)
        self.canvas.clear()
        return sample

    @Slot(object)
    def redraw(self, sample: Sample) -> None:
        """Put a filed sample back on the canvas: its strokes, or its image when it has none."""
        strokes = sample.strokes  # read from its file again
        if strokes:
            side = min(self.canvas.width(), self.canvas.height())
            self.canvas.set_strokes(fit_strokes(strokes, side))
        else:
            self.canvas.load_image(sample.image)
        self.canvas.setFocus()  # so its digit key files it again, e.g. under another digit
        self.status_message.emit(f"Redrew a sample filed as {sample.label}.", MESSAGE_MS)

    def _connect(self) -> None:
        self.view.changed.connect(self.changed)
        self.view.sample_activated.connect(self.redraw)
        self.loader.changed.connect(self._on_samples_read)
        self._show_loaded.timeout.connect(self._on_loaded_changed)
        self.loader.loaded.connect(self._on_loaded_changed)
        self.watch.changed.connect(self.loader.refresh)

    @Slot()
    def _on_samples_read(self) -> None:
        if not self._show_loaded.isActive():  # not restarted: chunks come faster than it times out
            self._show_loaded.start()

    @Slot()
    def _on_loaded_changed(self) -> None:
        self._show_loaded.stop()
        if self.store.loaded:
            freeze_long_lived()
        self.view.refresh()
        self._hint_if_empty()
        self.changed.emit()

    def _hint_if_empty(self) -> None:
        if self.store.loaded and not len(self.store) and not self.store.skipped:
            self.view.status.setText(EMPTY_HINT)


def _is_empty(folder) -> bool:
    """Whether the folder has no entries (or does not exist)."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:
        return True
