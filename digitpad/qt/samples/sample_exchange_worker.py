"""Exports and imports samples on a background thread: a semester's 20,000 drawings take many seconds.

Exporting writes a PNG per sample and reads each one's strokes back from its file; importing
reads the CSV and the PNGs and writes a file per new sample. The store itself changes only on
the GUI thread, when the imported samples come back (`SampleStore.merge`).
"""

from __future__ import annotations

from pathlib import Path

from digitpad.core.samples.sample_exchange import export_samples, import_files
from digitpad.core.samples.store import SampleError
from digitpad.qt.workers.request_thread import RequestFailed, RequestThread

EXPORT, IMPORT = "export", "import"


def exchange(key: str, *args):
    """On the thread: `export` (samples, folder) or `import_` (samples folder, folder, known ids)."""
    return export(*args) if key == EXPORT else import_(*args)


def export(samples: list, folder: str) -> tuple[Path, int]:
    """The CSV written, and how many samples it holds."""
    try:
        return export_samples(samples, folder), len(samples)
    except OSError as error:
        reason = error.strerror or error
        raise RequestFailed(f"Could not export to {folder} ({reason}); choose a writable folder.") from error


def import_(samples_folder: str, folder: str, known: set[str]):
    """The samples written into the samples folder (ids not `known`), and the rows that could not be used."""
    try:
        return import_files(samples_folder, folder, known)
    except SampleError as error:
        raise RequestFailed(str(error)) from error
    except OSError as error:  # a full disk, a folder that vanished
        raise RequestFailed(f"Could not import from {Path(folder)} ({error.strerror or error}).") from error


class SampleExchange(RequestThread):
    """`export(samples, folder)` and `import_(samples folder, folder, known ids)`; answers `done` or `failed`."""

    def __init__(self, parent=None):
        super().__init__(exchange, "sample-exchange", parent)

    def export(self, samples: list, folder: str) -> None:
        self.request(EXPORT, samples, str(folder))

    def import_(self, samples_folder: str | Path, folder: str, known: set[str]) -> None:
        self.request(IMPORT, str(samples_folder), str(folder), known)
