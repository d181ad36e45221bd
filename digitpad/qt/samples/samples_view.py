"""The person's samples as a grid of thumbnails, chosen by digit or date: delete, export and import. Qt only.

The view only calls the pure `digitpad.core.samples.store` store, and exports and imports on a
thread of its own (`SampleExchange`); it writes nothing itself. The rows are a `SampleListModel`,
so 20,000 samples cost a sorted list and the thumbnails on screen, never 20,000 widgets' items.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from digitpad.core.file_trash import FileMoveError
from digitpad.core.samples.sample_trash import SampleTrash
from digitpad.core.samples.store import Sample, SampleStore
from digitpad.qt.samples.sample_exchange_worker import EXPORT, SampleExchange
from digitpad.qt.samples.sample_grid import SampleGrid, count_text
from digitpad.qt.samples.sample_list_model import ID_ROLE, SampleListModel
from digitpad.qt.widgets.empty_note import EmptyNote, no_match_text


class SamplesView(QWidget):
    """Thumbnails of the samples, a digit chooser with each digit's count, and a date filter."""

    changed = Signal()  # samples were added, deleted or imported
    exchanged = Signal(str)  # an export or import ended: what the status line says
    sample_activated = Signal(object)  # a Sample double-clicked, e.g. to redraw its strokes

    def __init__(self, store: SampleStore, trash: SampleTrash, parent=None):
        super().__init__(parent)
        self.setObjectName("samplesView")
        self.store, self.trash = store, trash
        self.model = SampleListModel(store, self)
        self.grid = SampleGrid(self.model)
        self.list, self.digit_choice, self.filter = self.grid.list, self.grid.digit_choice, self.grid.filter
        self.summary, self.status = self.grid.summary, QLabel(wordWrap=True)
        self.import_button, self.export_button, self.delete_button, self.undo_button = self.grid.buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.status)
        self._exchange = SampleExchange(self)
        self.empty_note = EmptyNote(self.list, self._why_empty)
        self._connect()
        self.refresh()

    def add(self, strokes, image28, label: int) -> Sample:
        """File a drawing under its true digit, show it and emit `changed`."""
        sample = self.store.add(strokes, image28, label)
        self.refresh()
        self.changed.emit()
        return sample

    def refresh(self) -> None:
        """Show the store as it is now: counts per digit and summary, and the rows when the grid is on screen."""
        self._stale = not self.isVisible()  # a hidden grid's rows wait for showEvent: 20,000 rows are a sort
        if not self._stale:
            self.model.refresh()
        self.grid.show_counts(self.store.counts(), self.store.loaded)
        self._update_buttons()
        if self.store.skipped:
            damaged = count_text(len(self.store.skipped), "damaged sample file")
            self.status.setText(f"{damaged} skipped in {self.store.folder}.")

    def showEvent(self, event) -> None:
        """Catch up with what was filed or loaded while hidden."""
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def show_digit(self, digit: int | None) -> None:
        """Show one digit's samples (None: every digit)."""
        self.digit_choice.setCurrentIndex(0 if digit is None else digit + 1)

    def index_of(self, sample_id: str) -> QModelIndex:
        """The row showing a sample, or an invalid index when the filter hides it."""
        rows = self.model.match(self.model.index(0), ID_ROLE, sample_id, 1, Qt.MatchFlag.MatchExactly)
        return rows[0] if rows else QModelIndex()

    def selected_ids(self) -> list[str]:
        """The ids of the selected thumbnails."""
        return [index.data(ID_ROLE) for index in self.list.selectionModel().selectedIndexes()]

    @Slot()
    def delete_selected(self) -> int:
        """Move the selected samples into the trash, from which Undo delete brings them back; how many."""
        try:
            count = self.trash.delete(self.store, self.selected_ids())
        except FileMoveError as error:  # nothing was deleted
            self.status.setText(str(error))
            return 0
        if count:
            self.refresh()
            self.status.setText(f"Deleted {count_text(count, 'sample')}; Undo delete brings "
                                f"{'it' if count == 1 else 'them'} back until DigitPad closes.")
            self.changed.emit()
        return count

    @Slot()
    def undo_delete(self) -> int:
        """Bring back the samples deleted last; how many came back."""
        try:
            count = self.trash.undo(self.store)
        except FileMoveError as error:  # e.g. a file of that name exists again
            self.status.setText(str(error))
            return 0
        self.refresh()
        self.status.setText(f"Restored {count_text(count, 'sample')}.")
        self.changed.emit()
        return count

    def export_to(self, folder: str | os.PathLike) -> None:
        """Export every sample to the folder in the background; `exchanged` and the status line say how it went."""
        self._exchange.export(self.store.samples(), str(folder))
        self._begin_exchange(f"Exporting {count_text(len(self.store), 'sample')} to {Path(folder)}...")

    def import_from(self, folder: str | os.PathLike) -> None:
        """Import an exported folder in the background; the new samples show when it has been read."""
        self._exchange.import_(self.store.folder, str(folder), self.store.ids())
        self._begin_exchange(f"Importing the samples in {Path(folder)}...")

    def shutdown(self) -> None:
        """End the export and import thread (after the one in progress)."""
        self._exchange.shutdown()

    def _begin_exchange(self, message: str) -> None:
        self.status.setText(message)
        self._update_buttons()

    @Slot(str, object)
    def _on_exchanged(self, key: str, result) -> None:
        if key == EXPORT:
            csv_path, count = result  # the samples there when it began: more may have been filed since
            message = f"Exported {count_text(count, 'sample')} to {Path(csv_path).parent}."
        else:
            added, problems = result
            self.store.merge(added)
            self.refresh()
            message = f"Imported {count_text(len(added), 'new sample')}."
            if problems:
                message += f" Skipped {count_text(len(problems), 'row')}: " + "; ".join(problems[:3])
            if added:
                self.changed.emit()
        self._end_exchange(message)

    @Slot(str, str)
    def _on_exchange_failed(self, _key: str, message: str) -> None:
        self._end_exchange(message)

    def _end_exchange(self, message: str) -> None:
        self.status.setText(message)
        self._update_buttons()
        self.exchanged.emit(message)

    def _connect(self) -> None:
        self._exchange.done.connect(self._on_exchanged)
        self._exchange.failed.connect(self._on_exchange_failed)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_delete)
        self.export_button.clicked.connect(self._choose_export_folder)
        self.import_button.clicked.connect(self._choose_import_folder)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.list.doubleClicked.connect(self._on_double_clicked)
        self.digit_choice.currentIndexChanged.connect(self._on_filter_changed)
        self.filter.textChanged.connect(self._on_filter_changed)
        self.filter.textChanged.connect(self.empty_note.update_note)  # typing on where nothing matched already
        shortcut = QShortcut(
            QKeySequence.StandardKey.Delete, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        shortcut.activated.connect(self.delete_selected)

    @Slot()
    def _on_filter_changed(self) -> None:
        index = self.digit_choice.currentIndex()
        self.model.set_filter(None if index <= 0 else index - 1, self.filter.text())

    def _why_empty(self) -> str:
        """What the empty grid says: that the filter matches none, or how to file a first sample of a digit.

        An empty store says nothing here: the dock's line below says how to file a first sample.
        """
        digit = self.digit_choice.currentIndex() - 1  # -1: every digit
        total = len(self.store) if digit < 0 else self.store.counts()[digit]
        if not self.store.loaded or not len(self.store) or (total and not self.filter.text().strip()):
            return ""
        if not total:
            return f"No {digit}s yet: draw a {digit} and press {digit} to file it here."
        return no_match_text("sample" if digit < 0 else str(digit), self.filter.text(), total)

    @Slot()
    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.list.selectionModel().hasSelection())
        self.undo_button.setEnabled(self.trash.can_undo())
        exchanging = self._exchange.is_busy()  # one export or import at a time
        self.export_button.setEnabled(len(self.store) > 0 and not exchanging)
        self.import_button.setEnabled(not exchanging)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        sample = self.store.get(index.data(ID_ROLE))
        if sample is not None:
            self.sample_activated.emit(sample)

    @Slot()
    def _choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export samples to folder")
        if folder:
            self.export_to(folder)

    @Slot()
    def _choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import samples from an exported folder")
        if folder:
            self.import_from(folder)

