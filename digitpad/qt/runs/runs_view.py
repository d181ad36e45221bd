"""The runs saved in the models folder as a sortable, filterable table; select several to overlay their curves.

A column for each setting the runs differ in, then size, time and accuracy; every column sorts.
Rename a run by editing its name (double-click, F2 or Rename); Delete moves the selected runs
into the trash, from which Undo delete brings them back until the app closes. A folder of
hundreds of runs is read off the GUI thread, and only the cards that changed are read again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QItemSelection, QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QSplitter, QTableView, QVBoxLayout, QWidget

from digitpad.core.runs.run_catalog import RunCatalog
from digitpad.core.runs.run_files import RunTrash
from digitpad.core.runs.run_history import Run
from digitpad.core.runs.run_table import RunTable, build_table
from digitpad.qt.runs.digit_comparison import DigitComparison
from digitpad.qt.runs.run_actions import RunActions
from digitpad.qt.runs.runs_model import RunsFilter, RunsModel
from digitpad.qt.widgets.deferred_widget import DeferredWidget
from digitpad.qt.widgets.empty_note import EmptyNote, no_match_text
from digitpad.qt.workers.request_thread import RequestThread

PLOT_MIN_HEIGHT = 180
# Up to this many model files the folder is read on the GUI thread (a few ms); beyond, in the background
# (100 read here stalled the window 48-57 ms on first opening).
READ_HERE_AT_MOST = 30
WATCH_DELAY_MS = 300  # another window's save touches the folder several times: list it once
EMPTY_TEXT = "No runs yet: train a model in the training panel, or with train_model.py --out into {folder}."


class RunsView(QWidget):
    """Every run in `folder`, newest first, with rename, delete and undo; the selection's curves below."""

    status_message = Signal(str, int)  # text, milliseconds to show it (for the status bar)
    active_model_renamed = Signal(str)  # the new path of the model in use, after its run was renamed
    design_requested = Signal(object, bool)  # a run's card, and whether to train it again at once
    code_requested = Signal(str)  # a run's model path: show the script that trains it

    def __init__(self, folder: Path, trash: RunTrash, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("runsView")
        self.folder = Path(folder)
        self.catalog = RunCatalog(self.folder)
        self.model = RunsModel(self)
        self.proxy = RunsFilter(self.model, self)
        self.summary, self.filter, self.table = self._build_widgets()
        self.empty_note = EmptyNote(self.table, lambda: no_match_text("run", self.filter.text(), self.model.rowCount()))
        self.filter.textChanged.connect(self.empty_note.update_note)
        self.actions = RunActions(self, trash)
        a = self.actions
        self.rename_button, self.delete_button, self.undo_button = a.rename_button, a.delete_button, a.undo_button
        self._plot = DeferredWidget("digitpad.qt.runs.run_curves_plot", _run_curves_plot)
        self.digits = DigitComparison()
        self._reader = RequestThread(_read_table, "runs-reader", self)
        self._reader.done.connect(self._on_read)
        self._reading = self._read_again = False
        self._select_next: list[str] | None = None  # names to select once the next listing shows
        self._overlaid: list[Run] = []  # the runs whose curves the plot shows, or will once built
        self._overlay_waits = False
        self._watch()
        self._build_layout()

    def showEvent(self, event) -> None:
        """Listed each time it is shown (the folder may have changed while hidden), never at start-up."""
        self.refresh()
        super().showEvent(event)

    # ----- public API

    @property
    def plot(self):
        """The overlaid learning curves of the selected runs (a RunCurvesPlot)."""
        return self._plot.widget()

    def runs(self) -> list[Run]:
        """Every run listed, in table order (the filter aside)."""
        return [row.run for row in self.model.rows()]

    def selected_runs(self) -> list[Run]:
        """The selected runs, in table order.

        Read from the selection's row ranges: `selectedRows()` asks the model about every cell, and
        even a call into Qt per row came to 10 ms for a Ctrl+A over a thousand runs.
        """
        spans = self.table.selectionModel().selection()
        rows = sorted({row for span in spans for row in range(span.top(), span.bottom() + 1)})
        return [row.run for row in self.proxy.listed_rows(rows)]

    def select_runs(self, names: list[str]) -> None:
        """Select the runs with these names (the others are deselected)."""
        selection = QItemSelection()
        for row in self.model.rows_named(names):
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)

    def set_active_model(self, path: str | Path | None) -> None:
        """The model the window predicts with: it cannot be deleted, and follows its run when renamed."""
        self.actions.active = Path(path).resolve() if path else None

    @Slot()
    def refresh(self, select: list[str] | None = None) -> None:
        """List the folder again, keeping the selection (or selecting `select`); a large one in the background."""
        if select is not None:
            self._select_next = select
        if self._reading:
            self._read_again = True
        elif self.catalog.size() <= READ_HERE_AT_MOST:
            self._show(_read_table("runs", self.catalog))
        else:
            self._reading = True
            self.summary.setText(f"Reading the runs in {self.folder}…")
            self._reader.request("runs", self.catalog)

    def rename(self, run: Run, new_name: str) -> Path | None:
        """Rename the run's files; None (and a message) when that cannot be done."""
        return self.actions.rename(run, new_name)

    @Slot()
    def delete_selected(self) -> None:
        """Move the selected runs into the trash; the model in use is refused."""
        self.actions.delete(self.selected_runs())

    @Slot()
    def undo_delete(self) -> None:
        """Bring back the runs of the last deletion."""
        self.actions.undo()

    def shutdown(self) -> None:
        self._reader.shutdown()

    # ----- building

    def _build_widgets(self) -> tuple:
        summary = QLabel(wordWrap=True, objectName="runsSummary")
        line = QLineEdit(objectName="runsFilter", placeholderText="Filter: a name or a setting (cnn, relu, 0.01…)")
        line.setClearButtonEnabled(True)
        line.textChanged.connect(self.proxy.set_text)
        table = QTableView(objectName="runsTable")
        table.setModel(self.proxy)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        edit = QAbstractItemView.EditTrigger
        table.setEditTriggers(edit.DoubleClicked | edit.EditKeyPressed)
        table.setSortingEnabled(True)
        table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # newest first
        header = table.horizontalHeader()
        header.setResizeContentsPrecision(40)  # widths from the first rows, not from a thousand
        header.setStretchLastSection(True)
        # The header paints each section asking whether its whole column is selected: every cell's
        # flags, 8,000 calls into Python at each change of a Ctrl+A over a thousand runs. Rows are
        # what is selected here, so the header watches a selection of its own, always empty.
        header.setHighlightSections(False)
        header.setSelectionModel(QItemSelectionModel(self.proxy, header))
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.rename_requested.connect(self._on_rename_requested)
        return summary, line, table

    def _build_layout(self) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        splitter.addWidget(self.table)
        splitter.addWidget(self._plot)
        splitter.addWidget(self.digits)
        # The curves are what the view is for: the table scrolls; the plot keeps two thirds.
        self._plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        # Built when the first run is selected: pyqtgraph's plot costs 30-50 ms in one piece, and
        # opening the dock is not the moment to pay it.
        self._plot.hide()
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1000, 2000, 0])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.filter)
        layout.addLayout(self.actions.buttons)
        layout.addWidget(splitter, 1)

    def _watch(self) -> None:
        """Another window (or train_model.py) saving into the folder shows up here by itself."""
        self._watcher = QFileSystemWatcher(self)
        self._watch_timer = QTimer(self, singleShot=True, interval=WATCH_DELAY_MS)
        self._watcher.directoryChanged.connect(self._watch_timer.start)
        self._watch_timer.timeout.connect(self._on_folder_changed)

    # ----- reacting

    @Slot(str, object)
    def _on_read(self, _key: str, table: RunTable) -> None:
        self._reading = False
        self._show(table)
        if self._read_again:
            self._read_again = False
            self.refresh()

    def _show(self, table: RunTable) -> None:
        selected = [run.name for run in self.selected_runs()] if self._select_next is None else self._select_next
        self._select_next = None
        self.model.set_table(table)
        self.table.resizeColumnsToContents()
        self.select_runs(selected)
        self._on_selection_changed()  # a new listing resets the selection without a signal: curves follow it
        count = len(table.rows)
        self.summary.setText(EMPTY_TEXT.format(folder=self.folder) if not count else (
            f"{count:,} run{'s' if count != 1 else ''} in {self.folder}. Select several to compare their "
            "learning curves, two to compare them digit by digit; double-click a name to rename."))
        if self.folder.is_dir() and str(self.folder) not in self._watcher.directories():
            self._watcher.addPath(str(self.folder))

    @Slot()
    def _on_folder_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    @Slot()
    def _on_selection_changed(self) -> None:
        runs = self.selected_runs()
        self._plot.setVisible(self._plot.isVisible() or bool(runs))
        self._overlaid = runs
        if not self._overlay_waits:  # one call waits for the plot to be built, and it shows the latest selection
            self._overlay_waits = not self._plot.is_built()
            self._plot.when_built(self._overlay)
        self.digits.show_runs(runs)
        self.actions.update_buttons(len(runs))

    def _overlay(self, plot) -> None:
        self._overlay_waits = False
        plot.show_runs(self._overlaid)

    @Slot(object, str)
    def _on_rename_requested(self, run: Run, name: str) -> None:
        self.rename(run, name)


def _read_table(_key: str, catalog: RunCatalog) -> RunTable:
    return build_table(catalog.refresh())


def _run_curves_plot() -> QWidget:
    from digitpad.qt.runs.run_curves_plot import RunCurvesPlot  # imported in the background by then

    return RunCurvesPlot()
