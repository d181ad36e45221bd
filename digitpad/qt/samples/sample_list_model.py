"""The person's samples as rows for a QListView: grouped by digit, oldest first, filtered in Python.

Sorting and filtering happen here, with numpy over the samples' labels, dates and date texts:
a QSortFilterProxyModel would call `data()` from C++ once per comparison, microseconds each,
and with 20,000 rows that is a stall the person sees. Thumbnails are made only for the rows a
view paints (`ThumbnailCache`).
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from digitpad.core.samples.store import Sample, SampleStore
from digitpad.qt.widgets.thumbnail_cache import ThumbnailCache

ID_ROLE = Qt.ItemDataRole.UserRole
SAMPLE_ROLE = Qt.ItemDataRole.UserRole + 1


class SampleListModel(QAbstractListModel):
    """One row per sample shown: all of them, or one digit's, or those drawn on a date."""

    def __init__(self, store: SampleStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.digit: int | None = None
        self.text = ""
        self._all: list[Sample] = []  # every sample in the store: by digit, then oldest first
        self._labels = np.zeros(0, np.int8)  # and their digits and dates, in that order
        self._created = np.zeros(0, np.float64)
        self._when: np.ndarray | None = None  # their date texts, made when a date is first typed
        self._rows: list[Sample] = []  # those the filter lets through
        self._thumbnails = ThumbnailCache()

    def refresh(self) -> None:
        """Read the store again and show what the filter lets through."""
        samples = list(self.store)
        labels = np.fromiter((s.label for s in samples), np.int8, len(samples))
        created = np.fromiter((s.created for s in samples), np.float64, len(samples))
        order = np.lexsort((created, labels))
        self._all = [samples[i] for i in order]
        self._labels, self._created, self._when = labels[order], created[order], None
        self._apply_filter()

    def set_filter(self, digit: int | None, text: str = "") -> None:
        """Show one digit (None: all), and only samples whose date contains `text` (a lone digit: that digit)."""
        text = text.strip()
        if len(text) == 1 and text.isdigit():
            digit, text = (int(text) if digit in (None, int(text)) else -1), ""
        if (digit, text) != (self.digit, self.text):
            self.digit, self.text = digit, text
            self._apply_filter()

    def sample_at(self, row: int) -> Sample:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        sample = self._rows[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnails.pixmap(sample.id, sample.pixels)
        if role == Qt.ItemDataRole.ToolTipRole:
            when = str(when_drawn(np.array([sample.created]))[0])
            return f"A {sample.label}, drawn {when}. Double-click to redraw it."
        if role == ID_ROLE:
            return sample.id
        if role == SAMPLE_ROLE:
            return sample
        return None

    def _apply_filter(self) -> None:
        self.beginResetModel()
        if self.digit is None and not self.text:
            self._rows = self._all
        else:
            shown = np.ones(len(self._all), bool) if self.digit is None else self._labels == self.digit
            if self.text:
                if self._when is None:
                    self._when = when_drawn(self._created)
                shown &= np.char.find(self._when, self.text) >= 0
            self._rows = [self._all[i] for i in np.flatnonzero(shown)]
        self.endResetModel()


def when_drawn(created: np.ndarray) -> np.ndarray:
    """Local "2026-11-24 10:32" texts for moments in seconds since the epoch, thousands at once."""
    if not len(created):
        return np.zeros(0, "U16")
    days = np.floor(created / 86400)
    unique_days, which = np.unique(days, return_inverse=True)
    # The local offset from UTC once per day, not per sample: 20,000 samples span a few hundred days.
    offsets = np.array([time.localtime(day * 86400 + 43200).tm_gmtoff for day in unique_days], np.int64)
    local = (created.astype(np.int64) + offsets[which.reshape(-1)]).astype("datetime64[s]")
    return np.char.replace(np.datetime_as_string(local, unit="m"), "T", " ").astype("U16")
