"""The widgets of "My samples": buttons, a digit chooser with counts, a date filter and the thumbnail grid."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QWidget,
)

from digitpad.qt.samples.sample_list_model import SampleListModel
from digitpad.qt.widgets.thumbnail import THUMBNAIL_PX

CELL_PX = THUMBNAIL_PX + 6
ALL_DIGITS = "All digits"


class SampleGrid(QWidget):
    """The controls around a QListView of thumbnails; `SamplesView` gives them their behaviour."""

    def __init__(self, model: SampleListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel()
        self.buttons = (
            _button("Import…", "importButton", "Add the samples from an exported folder."),
            _button("Export…", "exportButton", "Write every sample as a PNG plus samples.csv."),
            _button("Delete", "deleteButton", "Delete the selected samples (Delete key)."),
            _button("Undo delete", "undoDeleteSamplesButton", "Bring back the last samples deleted, until you quit."),
        )
        self.digit_choice = QComboBox(objectName="samplesDigit", toolTip="Show one digit's samples.")
        self.digit_choice.addItems([ALL_DIGITS] + [str(digit) for digit in range(10)])
        self.filter = QLineEdit(objectName="samplesFilter", clearButtonEnabled=True)
        self.filter.setPlaceholderText("Filter: a digit, or a date such as 2026-11")
        self.list = thumbnail_grid(model)
        self._build_layout()

    def show_counts(self, counts: list[int], loaded: bool) -> None:
        """Each digit's count in the chooser, and the total in the summary (saying so while still loading)."""
        total = sum(counts)
        self.digit_choice.setItemText(0, f"{ALL_DIGITS} · {count_text(total, 'sample')}")
        for digit, count in enumerate(counts):
            self.digit_choice.setItemText(digit + 1, f"{digit} · {count_text(count, 'sample')}")
        if loaded:
            self.summary.setText(count_text(total, "sample") + " of your handwriting")
        else:
            self.summary.setText(f"Loading your samples… {total:,} so far")

    def _build_layout(self) -> None:
        # The summary above its buttons: side by side the dock asked for 550 px, and with the canvas
        # beside it the window no longer fitted a 1024 px screen (a classroom projector).
        buttons = QHBoxLayout()
        for button in self.buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 0, 0, 1, 2)
        layout.addLayout(buttons, 1, 0, 1, 2)
        layout.addWidget(self.digit_choice, 2, 0)
        layout.addWidget(self.filter, 2, 1)
        layout.addWidget(self.list, 3, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(3, 1)


def thumbnail_grid(model: SampleListModel) -> QListView:
    """A QListView laying out uniform thumbnail cells left to right, wrapping, in batches."""
    grid = QListView(objectName="samplesList")
    grid.setViewMode(QListView.ViewMode.IconMode)
    grid.setMovement(QListView.Movement.Static)
    grid.setResizeMode(QListView.ResizeMode.Adjust)
    grid.setUniformItemSizes(True)  # one size hint for all rows, not one data() call per row
    grid.setLayoutMode(QListView.LayoutMode.Batched)
    grid.setIconSize(QSize(THUMBNAIL_PX, THUMBNAIL_PX))
    grid.setGridSize(QSize(CELL_PX, CELL_PX))
    grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    grid.setModel(model)
    return grid


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


def count_text(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
