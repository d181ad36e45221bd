"""The runs of a models folder, kept between listings: only new or changed cards are read again.

A student's folder holds hundreds of runs; reading every card on each refresh costs about 45 ms
per thousand here, while a listing of names and modification times costs a few. The catalog is
used by one thread at a time (the view makes sure of it), so it needs no lock. Pure: no Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

from digitpad.core.runs.run_history import MODEL_SUFFIX, Run, read_run

_Key = tuple[int, int]  # the model's and the card's modification times, in ns (0: no card)


class RunCatalog:
    """Every run in `folder`, newest first; `refresh()` re-reads only what changed since the last."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._known: dict[Path, tuple[_Key, Run]] = {}

    def size(self) -> int:
        """How many model files the folder holds now (names only: no file is opened or stat'ed)."""
        try:
            return sum(1 for name in os.listdir(self.folder) if name.endswith(MODEL_SUFFIX))
        except OSError:
            return 0

    def refresh(self) -> list[Run]:
        """Scan the folder, read the cards of new or changed runs, forget the removed; newest first."""
        known = {}
        for path, key in _scan(self.folder).items():
            run = self._cached(path, key)
            if run is None:
                try:
                    run = read_run(path)
                except OSError:  # deleted between the listing and the read
                    continue
            known[path] = (key, run)
        self._known = known
        return sorted((run for _, run in known.values()), key=lambda run: (run.saved, run.name), reverse=True)

    def _cached(self, path: Path, key: _Key) -> Run | None:
        entry = self._known.get(path)
        return entry[1] if entry is not None and entry[0] == key else None


def _scan(folder: Path) -> dict[Path, _Key]:
    """Each model file in `folder` (half-written saves left out) and its change key."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return {}
    cards = {entry.name: _mtime(entry) for entry in entries if entry.name.endswith(".json")}
    found = {}
    for entry in entries:
        name = entry.name
        if not name.endswith(MODEL_SUFFIX) or name.startswith(".") or ".partial" in name:
            continue
        modified = _mtime(entry)
        if modified:
            found[Path(entry.path)] = (modified, cards.get(name[: -len(MODEL_SUFFIX)] + ".json", 0))
    return found


def _mtime(entry: os.DirEntry) -> int:
    try:
        return entry.stat().st_mtime_ns
    except OSError:
        return 0
