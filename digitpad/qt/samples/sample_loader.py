"""The samples folder read on a background thread and handed to the store in chunks, on the GUI thread.

The thread lists the folder and parses the JSON files, a chunk at a time, one chunk asked for
after the last arrived; the GUI thread only merges plain Sample objects, a few milliseconds
per chunk. `refresh()` lists the folder again and reads only the files this window does not
know, and forgets samples whose files another window deleted.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from digitpad.core.samples.sample_files import read_sample_files, sample_file_names
from digitpad.core.samples.store import SampleStore
from digitpad.qt.workers.request_thread import RequestThread

# Files parsed per chunk: ~30 ms of the thread's time, and a merge the GUI does not notice.
CHUNK_FILES = 400
LIST, READ = "list", "read"


class SampleLoader(QObject):
    """Fills a store built with `load=False` from its folder, then keeps it in step with the folder."""

    changed = Signal()  # samples were added to the store or dropped from it
    loaded = Signal()  # the first full pass has ended: `store.loaded` is now True

    def __init__(self, store: SampleStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._thread: RequestThread | None = None
        self._waiting: list[str] = []  # names listed but not yet read
        self._again = False  # a refresh was asked for during a pass

    def start(self) -> None:
        """Begin the first pass (once; later calls do nothing)."""
        if self._thread is None:
            self._thread = RequestThread(_work, "sampleLoader", self)
            self._thread.done.connect(self._on_done)
            self._thread.failed.connect(self._on_failed)
            self._list()

    @Slot()
    def refresh(self) -> None:
        """List the folder again: read new files, forget deleted ones (after the pass in progress)."""
        if self._thread is None:
            return self.start()
        if self._thread.is_busy():
            self._again = True
        else:
            self._list()

    def shutdown(self) -> None:
        """End the thread after the chunk in progress."""
        if self._thread is not None:
            self._waiting = []
            self._thread.shutdown()

    def _list(self) -> None:
        self._thread.request(LIST, str(self.store.folder))

    @Slot(str, object)
    def _on_done(self, key: str, result) -> None:
        if key == LIST:
            removed = self.store.forget_missing(result) if self.store.loaded else 0
            self._waiting = self.store.unknown_files(result)
            if removed:
                self.changed.emit()
        elif self.store.merge(*result) or result[1]:
            self.changed.emit()
        self._next()

    @Slot(str, str)
    def _on_failed(self, _key: str, _message: str) -> None:
        self._waiting = []  # logged by the thread; what was read stays, the next refresh tries again
        self._next()

    def _next(self) -> None:
        if self._waiting:
            chunk, self._waiting = self._waiting[:CHUNK_FILES], self._waiting[CHUNK_FILES:]
            self._thread.request(READ, str(self.store.folder), chunk)
            return
        if not self.store.loaded:
            self.store.loaded = True
            self.loaded.emit()
        if self._again:
            self._again = False
            self._list()


def _work(key: str, folder: str, names: list[str] | None = None):
    """On the thread: the folder's sample file names, or the samples (and problems) in some of them."""
    return sample_file_names(folder) if key == LIST else read_sample_files(folder, names)
