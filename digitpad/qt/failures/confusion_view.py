"""The confusion matrix as a clickable 10x10 table, with a gallery of each cell's test images.

Qt only, no Keras: the caller computes the results (`confusion.compute_confusion`, off the GUI
thread) and passes the arrays to `set_results`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digitpad.core.drawing.pixels import to_float
from digitpad.qt.failures.reliability_diagram import ReliabilityDiagram
from digitpad.qt.widgets.outlined_selection import OutlinedSelection
from digitpad.qt.widgets.thumbnail import THUMBNAIL_PX, digit_icon

# A diagonal cell holds ~1,000 test images; thumbnails past this many would only cost time.
MAX_GALLERY = 200
RIGHT = QColor("#4fc3a1")
WRONG = QColor("#e0605a")
INDEX_ROLE = Qt.ItemDataRole.UserRole
# A diagonal cell counts ~1,000 images: four digits, which must fit a column of a dock ~380 px
# wide. Cells drop the thousands comma (the tooltip keeps it) and use a slightly smaller font.
WIDEST_COUNT = "8888"
CELL_FONT_SCALE = 0.85
CELL_PADDING = 8


class ConfusionView(QWidget):
    """Rows are true digits, columns predicted; click a cell for its images, an image to use it."""

    cell_chosen = Signal(int, int)  # true digit, predicted digit
    example_chosen = Signal(object)  # the (28, 28) float32 image in [0, 1], for the canvas

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("confusionView")
        self._images = np.zeros((0, 28, 28), np.uint8)
        self._labels = self._predictions = np.zeros(0, np.int64)
        self.summary = QLabel("No results yet.", wordWrap=True)
        self.table = self._build_table()
        self.caption = QLabel("Click a cell to see its test images.", wordWrap=True)
        self.gallery = self._build_gallery()
        self.reliability = ReliabilityDiagram()
        self.not_sure = QLabel(wordWrap=True, objectName="notSureLabel")  # what "not sure" meant, measured
        self._build_layout()

    def set_results(self, matrix, images, labels, predictions, model_name: str = "") -> None:
        """Show a (10, 10) count matrix; images, labels and predictions are the N test images behind it."""
        self._images = np.asarray(images)
        self._labels, self._predictions = np.asarray(labels), np.asarray(predictions)
        matrix = np.asarray(matrix, np.int64)
        total = int(matrix.sum())
        accuracy = np.trace(matrix) / max(total, 1)
        who = f"{model_name}: " if model_name else ""
        self.summary.setText(
            f"{who}{accuracy:.2%} right on {total:,} test images, {total - int(np.trace(matrix)):,} wrong. "
            "Rows: true digit; columns: what the model read."
        )
        self._fill_table(matrix)
        self.gallery.clear()
        self.caption.setText("Click a cell to see its test images.")

    def show_calibration(self, bins, not_sure_text: str) -> None:
        """The reliability diagram's bins, and what the "not sure" line meant for this model."""
        self.reliability.set_bins(bins)
        self.not_sure.setText(not_sure_text)

    def show_message(self, text: str) -> None:
        """No results to show (being computed, or failed): say why, in place of the old ones."""
        self._images = np.zeros((0, 28, 28), np.uint8)
        self._labels = self._predictions = np.zeros(0, np.int64)
        self.summary.setText(text)
        self.table.clearContents()
        self.gallery.clear()
        self.caption.setText("")
        self.not_sure.setText("")

    @Slot(int, int)
    def show_cell(self, true: int, predicted: int) -> None:
        """Fill the gallery with the images whose label is `true` and prediction `predicted`."""
        indices = np.flatnonzero((self._labels == true) & (self._predictions == predicted))
        shown = indices[:MAX_GALLERY]
        self.gallery.clear()
        for index in shown:
            self.gallery.addItem(self._gallery_item(int(index), true, predicted))
        self.caption.setText(self._caption(true, predicted, len(indices), len(shown)))
        self.cell_chosen.emit(true, predicted)

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(10, 10)
        table.setObjectName("confusionTable")
        table.setHorizontalHeaderLabels([f"{d}" for d in range(10)])
        table.setVerticalHeaderLabels([f"{d}" for d in range(10)])
        table.horizontalHeader().setToolTip("predicted digit")
        table.verticalHeader().setToolTip("true digit")
        self._cell_font = _scaled_font(table.font(), CELL_FONT_SCALE)
        column = QFontMetrics(self._cell_font).horizontalAdvance(WIDEST_COUNT) + CELL_PADDING
        for header, size in ((table.horizontalHeader(), column), (table.verticalHeader(), 24)):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(size)
        # All ten rows and columns always fit: a scrolled or elided matrix hides the very cells it is about.
        table.setMinimumHeight(10 * 24 + table.horizontalHeader().sizeHint().height() + 4)
        table.setMinimumWidth(10 * column + table.verticalHeader().sizeHint().width() + 4)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setItemDelegate(OutlinedSelection(table))
        table.cellClicked.connect(self.show_cell)
        return table

    def _build_gallery(self) -> QListWidget:
        gallery = QListWidget()
        gallery.setObjectName("confusionGallery")
        gallery.setViewMode(QListView.ViewMode.IconMode)
        gallery.setResizeMode(QListView.ResizeMode.Adjust)
        gallery.setMovement(QListView.Movement.Static)
        gallery.setIconSize(QSize(THUMBNAIL_PX, THUMBNAIL_PX))
        gallery.setGridSize(QSize(THUMBNAIL_PX + 90, THUMBNAIL_PX + 28))
        gallery.setToolTip("Click an image to load it into the canvas.")
        gallery.itemClicked.connect(self._on_item_clicked)
        return gallery

    def _build_layout(self) -> None:
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.caption)
        lower_layout.addWidget(self.gallery)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        calibration = QWidget()
        calibration_layout = QVBoxLayout(calibration)
        calibration_layout.setContentsMargins(0, 0, 0, 0)
        calibration_layout.addWidget(self.reliability, 1)
        calibration_layout.addWidget(self.not_sure)
        splitter.addWidget(calibration)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter)

    def _fill_table(self, matrix: np.ndarray) -> None:
        diagonal = np.diag(matrix)
        off_diagonal = matrix - np.diag(diagonal)
        scale = {True: max(int(diagonal.max()), 1), False: max(int(off_diagonal.max()), 1)}
        for true in range(10):
            for predicted in range(10):
                item = _count_item(true, predicted, int(matrix[true, predicted]), scale[true == predicted])
                item.setFont(self._cell_font)
                self.table.setItem(true, predicted, item)

    def _gallery_item(self, index: int, true: int, predicted: int) -> QListWidgetItem:
        item = QListWidgetItem(digit_icon(self._images[index]), f"true {true}, predicted {predicted}")
        item.setData(INDEX_ROLE, index)
        item.setToolTip(f"Test image #{index}: click to load it into the canvas.")
        return item

    @Slot(QListWidgetItem)
    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.example_chosen.emit(_as_float(self._images[int(item.data(INDEX_ROLE))]))

    @staticmethod
    def _caption(true: int, predicted: int, count: int, shown: int) -> str:
        what = "read correctly" if true == predicted else f"read as {predicted}"
        more = f" (showing the first {shown})" if shown < count else ""
        return f"{count:,} test images of {true} {what}{more}. Click one to load it into the canvas."


def _count_item(true: int, predicted: int, count: int, scale: int) -> QTableWidgetItem:
    """A read-only count cell, tinted by its share of the largest count of its kind."""
    item = QTableWidgetItem(f"{count}" if count else "")
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if count:
        colour = QColor(RIGHT if true == predicted else WRONG)
        # Square root, so a cell of 3 mistakes is still visible next to one of 40.
        colour.setAlphaF(0.15 + 0.75 * (count / scale) ** 0.5)
        item.setBackground(colour)
    item.setToolTip(f"{count:,} test images of {true} predicted as {predicted}")
    return item


def _scaled_font(font: QFont, scale: float) -> QFont:
    font = QFont(font)
    if font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    else:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


def _as_float(image: np.ndarray) -> np.ndarray:
    return to_float(image).reshape(28, 28)
