"""The runs saved in the models folder as a table; select several to overlay their learning curves.

Rename a run by editing its name (double-click, F2 or Rename); Delete moves the selected runs
into the trash, from which Undo delete brings them back until the app closes. The files are
handled by the pure core (`run_history`, `run_files`); this view only shows and asks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from digitpad.core.runs.run_files import RunFileError, RunTrash, rename_run
from digitpad.core.runs.run_history import Run, list_runs, recipe_text
from digitpad.qt.widgets.deferred_widget import DeferredWidget

COLUMNS = ("Name", "Kind", "Recipe", "Date", "Duration", "Training", "Validation")
PATH_ROLE = Qt.ItemDataRole.UserRole
MESSAGE_MS = 8000
PLOT_MIN_HEIGHT = 180
EMPTY_TEXT = "No runs yet: train a model in the training panel, or with train_model.py --out into {folder}."


class RunsView(QWidget):
    """Every run in `folder`, newest first, with rename, delete and undo; the selection's curves below."""

    status_message = Signal(str, int)  # text, milliseconds to show it (for the status bar)
    active_model_renamed = Signal(str)  # the new path of the model in use, after its run was renamed

    def __init__(self, folder: Path, trash: RunTrash, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("runsView")
        self.folder, self.trash = Path(folder), trash
        self._runs: list[Run] = []
        self._active: Path | None = None
        self.summary = QLabel(wordWrap=True, objectName="runsSummary")
        self.table = self._build_table()
        self._plot = DeferredWidget("digitpad.qt.runs.run_curves_plot", _run_curves_plot)
        self._build_layout()
        self.refresh()

    # ----- public API

    @property
    def plot(self):
        """The overlaid learning curves of the selected runs (a RunCurvesPlot)."""
        return self._plot.widget()

    def runs(self) -> list[Run]:
        """The runs listed, in table order."""
        return list(self._runs)

    def selected_runs(self) -> list[Run]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self._runs[row] for row in rows]

    def select_runs(self, names: list[str]) -> None:
        """Select the runs with these names (the others are deselected)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, run in enumerate(self._runs):
            if run.name in names:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def set_active_model(self, path: str | Path | None) -> None:
        """The model the window predicts with: it cannot be deleted, and follows its run when renamed."""
        self._active = Path(path).resolve() if path else None

    @Slot()
    def refresh(self) -> None:
        """Read the folder again, keeping the selection."""
        selected = [run.name for run in self.selected_runs()]
        self._runs = list_runs(self.folder)
        self._fill_table()
        self.select_runs(selected)
        self.summary.setText(self._summary_text())
        self._update_buttons()

    def rename(self, run: Run, new_name: str) -> Path | None:
        """Rename the run's files; None (and a message) when that cannot be done."""
        try:
            new_path = rename_run(run.path, new_name)
        except RunFileError as error:
            self.status_message.emit(str(error), MESSAGE_MS)
            self.refresh()
            return None
        if new_path != run.path:
            self.status_message.emit(f"Renamed {run.name} to {new_path.stem}.", MESSAGE_MS)
        self.refresh()
        self.select_runs([new_path.stem])
        if self._active == run.path.resolve():
            self._active = new_path.resolve()
            self.active_model_renamed.emit(str(new_path))
        return new_path

    @Slot()
    def delete_selected(self) -> None:
        """Move the selected runs into the trash; the model in use is refused."""
        runs = self.selected_runs()
        if not runs:
            return
        in_use = [run for run in runs if run.path.resolve() == self._active]
        if in_use:
            self.status_message.emit(
                f"{in_use[0].name} is the model in use; choose another in the Model menu before deleting it.",
                MESSAGE_MS,
            )
            return
        try:
            self.trash.delete([run.path for run in runs])
        except RunFileError as error:
            self.status_message.emit(str(error), MESSAGE_MS)
        else:
            what, it = (runs[0].name, "it") if len(runs) == 1 else (f"{len(runs)} runs", "them")
            self.status_message.emit(f"Deleted {what}; Undo delete brings {it} back until DigitPad closes.", MESSAGE_MS)
        self.refresh()

    @Slot()
    def undo_delete(self) -> None:
        """Bring back the runs of the last deletion."""
        restored = self._try(self.trash.undo)
        self.refresh()
        if restored:
            self.select_runs([path.stem for path in restored])
            self.status_message.emit(f"Restored {', '.join(path.stem for path in restored)}.", MESSAGE_MS)

    # ----- building

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS), objectName="runsTable")
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        edit = QAbstractItemView.EditTrigger
        table.setEditTriggers(edit.DoubleClicked | edit.EditKeyPressed)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.itemSelectionChanged.connect(self._on_selection_changed)
        table.itemChanged.connect(self._on_item_changed)
        return table

    def _build_layout(self) -> None:
        self.rename_button = QPushButton("Rename", objectName="renameRunButton")
        self.delete_button = QPushButton("Delete", objectName="deleteRunButton")
        self.undo_button = QPushButton("Undo delete", objectName="undoDeleteButton")
        self.rename_button.clicked.connect(self._edit_selected_name)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_delete)
        buttons = QHBoxLayout()
        for button in (self.rename_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        splitter.addWidget(self.table)
        splitter.addWidget(self._plot)
        # The curves are what the view is for: in the default window the table took all but a
        # 30 px strip of plot. It scrolls; the plot keeps two thirds and room to read.
        self._plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1000, 2000])  # shares, scaled to the height it gets
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    def _fill_table(self) -> None:
        self.table.blockSignals(True)  # neither a rename nor a selection change while rebuilding
        self.table.setRowCount(len(self._runs))
        for row, run in enumerate(self._runs):
            for column, text in enumerate(_row_texts(run)):
                item = QTableWidgetItem(text)
                if column:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setTextAlignment(_alignment(column))
                item.setData(PATH_ROLE, str(run.path))
                item.setToolTip(str(run.path))
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)

    # ----- reacting

    @Slot()
    def _on_selection_changed(self) -> None:
        runs = self.selected_runs()
        self._plot.when_built(lambda plot: plot.show_runs(runs))
        self._update_buttons()

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        run = self._runs[item.row()] if item.column() == 0 and item.row() < len(self._runs) else None
        if run is not None and item.text() != run.name:
            self.rename(run, item.text())

    @Slot()
    def _edit_selected_name(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if rows:
            self.table.editItem(self.table.item(rows[0], 0))

    def _update_buttons(self) -> None:
        count = len(self.selected_runs())
        self.rename_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)
        self.undo_button.setEnabled(self.trash.can_undo())

    def _summary_text(self) -> str:
        if not self._runs:
            return EMPTY_TEXT.format(folder=self.folder)
        return (f"{len(self._runs)} run{'s' if len(self._runs) != 1 else ''} in {self.folder}. "
                "Select several to compare their learning curves; double-click a name to rename.")

    def _try(self, action):
        """Run a trash action; its one-sentence complaint goes to the status bar."""
        try:
            return action()
        except RunFileError as error:
            self.status_message.emit(str(error), MESSAGE_MS)
            return None


def _row_texts(run: Run) -> list[str]:
    return [run.name, run.kind, recipe_text(run), f"{run.saved:%Y-%m-%d %H:%M}", _duration(run.seconds),
            _percent(run.training_accuracy), _percent(run.validation_accuracy)]


def _alignment(column: int) -> Qt.AlignmentFlag:
    numeric = COLUMNS[column] in ("Duration", "Training", "Validation")
    horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    return f"{seconds:.1f} s" if seconds < 60 else f"{minutes} min {rest:02d} s"


def _percent(fraction: float | None) -> str:
    return "" if fraction is None else f"{fraction:.1%}"


def _run_curves_plot() -> QWidget:
    from digitpad.qt.runs.run_curves_plot import RunCurvesPlot  # imported in the background by then

    return RunCurvesPlot()
