"""The runs as a Qt table model, and the proxy that filters them; sorting happens in Python.

A proxy's own sort asks `data()` from C++ for every comparison: tens of thousands of calls into
Python for a thousand runs, a stall of a tenth of a second. The model instead sorts its rows by
keys computed off the GUI thread (core/runs/run_table.py), and the proxy only filters.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal

from digitpad.core.runs.run_history import Run
from digitpad.core.runs.run_table import LEADING, TRAILING, RunRow, RunTable

ROW_ROLE = Qt.ItemDataRole.UserRole  # the RunRow behind any cell
EMPTY = RunTable([*LEADING, *TRAILING], [], [], [], [])
# A table cell's flags, made once: Ctrl+A over a thousand runs asks for them 8,000 times, and
# combining Qt's flags in Python at each call was a third of that selection's cost.
CELL_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
NAME_FLAGS = CELL_FLAGS | Qt.ItemFlag.ItemIsEditable


class RunsModel(QAbstractTableModel):
    """One row per run, a column per title of the RunTable it shows; the Name column is editable."""

    rename_requested = Signal(object, str)  # the Run, the name typed for it

    def __init__(self, parent=None):
        super().__init__(parent)
        self._table = EMPTY
        self._sort: tuple[str, Qt.SortOrder] = ("Date", Qt.SortOrder.DescendingOrder)

    def set_table(self, table: RunTable) -> None:
        """Show a new listing, sorted as the last one was."""
        self.beginResetModel()
        self._table = _sorted(table, *self._sort)
        self.endResetModel()

    def rows(self) -> list[RunRow]:
        return list(self._table.rows)

    def rows_named(self, names: list[str]) -> list[int]:
        wanted = set(names)
        return [i for i, row in enumerate(self._table.rows) if row.name in wanted]

    def search_text(self, row: int) -> str:
        return self._table.search[row]

    def remove_runs(self, names: set[str]) -> None:
        """Take rows out at once (their files are gone); the next listing confirms it."""
        keep = [i for i, row in enumerate(self._table.rows) if row.name not in names]
        self.set_table(_subset(self._table, keep))

    # ----- QAbstractTableModel

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._table.rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._table.titles)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._table.titles[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._table.texts[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(self._table.rows[row].run.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._table.titles[column] in TRAILING:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return self._table.rows[row]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return NAME_FLAGS if index.column() == 0 else CELL_FLAGS

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        run: Run = self._table.rows[index.row()].run
        if role == Qt.ItemDataRole.EditRole and index.column() == 0 and str(value) != run.name:
            self.rename_requested.emit(run, str(value))
        return False  # the rename itself lists the run again under its new name

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._table.titles):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (self._table.titles[column], order)
        new_order = _order(self._table, *self._sort)
        moved_to = [0] * len(new_order)  # old row -> new row
        for new_row, old_row in enumerate(new_order):
            moved_to[old_row] = new_row
        self._table = _subset(self._table, new_order)
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [self.index(moved_to[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()


class RunsFilter(QSortFilterProxyModel):
    """Rows whose name or settings contain every word typed; sorting is passed to the model."""

    def __init__(self, model: RunsModel, parent=None):
        super().__init__(parent)
        self.setSourceModel(model)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self._words = text.lower().split()
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        text = self.sourceModel().search_text(source_row)
        return all(word in text for word in self._words)

    def listed_rows(self, rows: list[int]) -> list[RunRow]:
        """The model's rows behind these rows of the proxy, in Python: no call into Qt per row.

        The proxy only filters, so its rows are the accepted ones in the model's order.
        """
        every = self.sourceModel().rows()
        accepted = every if not self._words else [
            row for number, row in enumerate(every) if self.filterAcceptsRow(number, QModelIndex())]
        return [accepted[row] for row in rows]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def _sorted(table: RunTable, title: str, order: Qt.SortOrder) -> RunTable:
    return _subset(table, _order(table, title, order))


def _order(table: RunTable, title: str, order: Qt.SortOrder) -> list[int]:
    """The rows' indices in the order of the column titled `title` (as they are, for a title not shown)."""
    if title not in table.titles:
        return list(range(len(table.rows)))
    column = table.titles.index(title)
    descending = order == Qt.SortOrder.DescendingOrder
    return sorted(range(len(table.rows)), key=lambda i: table.keys[i][column], reverse=descending)


def _subset(table: RunTable, rows: list[int]) -> RunTable:
    return RunTable(table.titles, [table.rows[i] for i in rows], [table.texts[i] for i in rows],
                    [table.keys[i] for i in rows], [table.search[i] for i in rows])
