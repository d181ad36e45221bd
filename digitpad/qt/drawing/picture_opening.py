"""A picture of a digit dropped on the canvas, or opened from the File menu, read as `predict` reads it.

The file becomes the 28x28 digit the model reads (uneven light, frames, ruling and dust left
out, see core/drawing/paper.py), shown on the canvas like an example from "Where it fails": the
bars read it, and strokes drawn over it add to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal, Slot

from digitpad.qt.drawing.canvas import DrawingCanvas
from digitpad.qt.workers.picture_reader import PictureReader

# What the file dialog offers first; any file can still be tried, and says why when it fails.
PICTURE_FILES = "Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"


class PictureOpening(QObject):
    """Opens picture files onto `canvas`; `message` carries the one sentence for the status line."""

    message = Signal(str)

    def __init__(self, canvas: DrawingCanvas, parent: QObject | None = None):
        super().__init__(parent)
        self._canvas = canvas
        self._reader = PictureReader(self)
        self._reader.done.connect(self._on_read)
        self._reader.failed.connect(self._on_failed)
        canvas.setAcceptDrops(True)
        canvas.installEventFilter(self)

    def open(self, path: str | Path) -> None:
        """Read `path` in the background; the canvas shows its digit when it is read."""
        self.message.emit(f"Reading {Path(path).name}...")
        self._reader.read(path)

    def shutdown(self) -> None:
        self._reader.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and _dropped_file(event.mimeData()):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop and (path := _dropped_file(event.mimeData())):
            event.acceptProposedAction()
            self.open(path)
            return True
        return super().eventFilter(watched, event)

    @Slot(str, object)
    def _on_read(self, path: str, result) -> None:
        digit, notes = result
        self._canvas.load_image(digit)
        extra = f" ({'; '.join(notes)})" if notes else ""
        self.message.emit(f"Opened {Path(path).name}{extra}: draw over it to add to it, Esc clears it.")

    @Slot(str, str)
    def _on_failed(self, _path: str, message: str) -> None:
        self.message.emit(message)  # the drawing on the canvas stays as it was


def _dropped_file(data: QMimeData) -> str | None:
    """The first local file among dropped data, or None (text, a web address, nothing)."""
    for url in data.urls() if data.hasUrls() else []:
        if url.isLocalFile():
            return url.toLocalFile()
    return None
