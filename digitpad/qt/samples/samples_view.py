"""The person's samples as thumbnails grouped by digit: delete, export and import. Qt only: no Keras.

The view only calls the pure `digitpad.core.samples.store` store and `digitpad.core.samples.sample_exchange`; it
writes nothing itself.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from digitpad.core.samples.sample_exchange import export_samples, import_samples
from digitpad.core.samples.store import Sample, SampleError, SampleStore
from digitpad.qt.widgets.thumbnail import THUMBNAIL_PX, digit_icon

ID_ROLE = Qt.ItemDataRole.UserRole
CELL_PX = THUMBNAIL_PX + 6
ROW_HEIGHT = CELL_PX + 22  # a row of thumbnails and room for its horizontal scroll bar


class SamplesView(QWidget):
    """Thumbnails of every sample, one row per digit with its count."""

    changed = Signal()  # samples were added, deleted or imported
    sample_activated = Signal(object)  # a Sample double-clicked, e.g. to redraw its strokes

    def __init__(self, store: SampleStore, parent=None):
        super().__init__(parent)
        self.setObjectName("samplesView")
        self.store = store
        self.summary = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.headers = [QLabel() for _ in range(10)]
        self.lists = [self._build_list(digit) for digit in range(10)]
        self.import_button = _button("Import…", "importButton", "Add the samples from an exported folder.")
        self.export_button = _button("Export…", "exportButton", "Write every sample as a PNG plus samples.csv.")
        self.delete_button = _button("Delete", "deleteButton", "Delete the selected samples (Delete key).")
        self._build_layout()
        self._connect()
        self.refresh()

    def add(self, strokes, image28, label: int) -> Sample:
        """File a drawing under its true digit, show it and emit `changed`."""
        sample = self.store.add(strokes, image28, label)
        self.refresh()
        self.changed.emit()
        return sample

    def refresh(self) -> None:
        """Redraw every row from the store."""
        for digit in range(10):
            self._fill_row(digit, self.store.samples(digit))
        self.summary.setText(_count_text(len(self.store), "sample") + " of your handwriting")
        self._update_buttons()
        if self.store.skipped:
            damaged = _count_text(len(self.store.skipped), "damaged sample file")
            self.status.setText(f"{damaged} skipped in {self.store.folder}.")

    def selected_ids(self) -> list[str]:
        """The ids of the selected thumbnails, across all digits."""
        return [item.data(ID_ROLE) for samples in self.lists for item in samples.selectedItems()]

    @Slot()
    def delete_selected(self) -> int:
        """Delete the selected samples; returns how many."""
        ids = self.selected_ids()
        for sample_id in ids:
            self.store.delete(sample_id)
        if ids:
            self.refresh()
            self.status.setText(f"Deleted {_count_text(len(ids), 'sample')}.")
            self.changed.emit()
        return len(ids)

    def export_to(self, folder: str | os.PathLike) -> Path | None:
        """Export every sample to the folder; the status line says how it went."""
        try:
            csv_path = export_samples(self.store.samples(), folder)
        except OSError as error:
            self.status.setText(f"Could not export to {folder} ({error.strerror or error}); choose a writable folder.")
            return None
        self.status.setText(f"Exported {_count_text(len(self.store), 'sample')} to {Path(folder)}.")
        return csv_path

    def import_from(self, folder: str | os.PathLike) -> list[Sample]:
        """Import an exported folder; the status line reports what was added and what was not."""
        try:
            added, problems = import_samples(self.store, folder)
        except (SampleError, OSError) as error:
            self.status.setText(str(error))
            return []
        self.refresh()
        message = f"Imported {_count_text(len(added), 'new sample')}."
        if problems:
            message += f" Skipped {_count_text(len(problems), 'row')}: " + "; ".join(problems[:3])
        self.status.setText(message)
        if added:
            self.changed.emit()
        return added

    def _build_list(self, digit: int) -> QListWidget:
        row = QListWidget()
        row.setObjectName(f"samplesList{digit}")
        row.setViewMode(QListView.ViewMode.IconMode)
        row.setFlow(QListView.Flow.LeftToRight)
        row.setWrapping(False)
        row.setMovement(QListView.Movement.Static)
        row.setIconSize(QSize(THUMBNAIL_PX, THUMBNAIL_PX))
        row.setGridSize(QSize(CELL_PX, CELL_PX))
        row.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        row.setFixedHeight(ROW_HEIGHT)
        return row

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.import_button, self.export_button, self.delete_button):
            buttons.addWidget(button)
        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        for header, samples in zip(self.headers, self.lists):
            rows_layout.addWidget(header)
            rows_layout.addWidget(samples)
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self._choose_export_folder)
        self.import_button.clicked.connect(self._choose_import_folder)
        for samples in self.lists:
            samples.itemSelectionChanged.connect(self._update_buttons)
            samples.itemDoubleClicked.connect(self._on_double_clicked)
        shortcut = QShortcut(
            QKeySequence.StandardKey.Delete, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        shortcut.activated.connect(self.delete_selected)

    def _fill_row(self, digit: int, samples: list[Sample]) -> None:
        self.headers[digit].setText(f"<b>{digit}</b> · {_count_text(len(samples), 'sample')}")
        row = self.lists[digit]
        row.clear()
        for sample in samples:
            item = QListWidgetItem(digit_icon(sample.pixels), "")
            item.setSizeHint(QSize(CELL_PX, CELL_PX))
            item.setData(ID_ROLE, sample.id)
            when = datetime.datetime.fromtimestamp(sample.created).strftime("%Y-%m-%d %H:%M")
            item.setToolTip(f"A {digit}, drawn {when}. Double-click to redraw it.")
            row.addItem(item)

    @Slot()
    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self.selected_ids()))
        self.export_button.setEnabled(len(self.store) > 0)

    @Slot(QListWidgetItem)
    def _on_double_clicked(self, item: QListWidgetItem) -> None:
        sample = self.store.get(item.data(ID_ROLE))
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


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


def _count_text(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
