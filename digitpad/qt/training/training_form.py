"""The design of a run, as the panel edits it: a preset, its layers, its training settings, and the data.

The design is remembered in QSettings when a run starts and read back at start-up; a design a
person mangled by hand gives the workshop MLP, and a bad MNIST folder the default one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from digitpad.core.mnist.loading import default_mnist_dir, default_tfds_dir
from digitpad.core.networks.design import DesignError, normalized
from digitpad.core.networks.design_schema import TRAINING_FIELDS
from digitpad.core.networks.layer_shapes import DesignSummary
from digitpad.core.networks.presets import PRESET_NAMES, WORKSHOP_MLP, preset
from digitpad.core.training.panel_run import TrainingRequest
from digitpad.core.training.training_speed import duration_text
from digitpad.qt.app.settings_values import as_bool, as_text
from digitpad.qt.training.design_editor import DesignEditor
from digitpad.qt.training.field_widgets import LABELS, FieldWidget

SETTINGS_GROUP = "training"
EDITED = "(edited)"


class TrainingForm(QWidget):
    """A preset chooser, then the network's layers and the training settings in two tabs."""

    changed = Signal()  # the design changed: its summary (counts, error) is new
    mnist_dir_chosen = Signal()  # the person typed or browsed to another MNIST folder

    def __init__(self, parent=None):
        super().__init__(parent)
        self.preset_combo = QComboBox(objectName="presetCombo")
        self.preset_combo.addItems(PRESET_NAMES)
        self.name_edit = QLineEdit(objectName="designName")
        self.note = QLabel(objectName="designNote", wordWrap=True)
        self.editor = DesignEditor()
        self.fields = {name: FieldWidget(name, field, self) for name, field in TRAINING_FIELDS.items()}
        self.epochs_spin = self.fields["epochs"].widget
        self.batch_spin = self.fields["batch_size"].widget
        self.learning_rate_spin = self.fields["learning_rate"].widget
        self.augment_check = self.fields["augment"].widget
        self.include_samples_check = QCheckBox("include my samples", objectName="includeSamplesCheck")
        self.include_samples_check.setToolTip("Mix your labelled drawings into MNIST, repeated to 3% of it.")
        self._loading = False  # set_design's own changes are not the person's edits
        self._lay_out()
        self._connect()
        self.restore_settings()

    # ----- the design

    def design(self) -> dict:
        """The design as edited: name, layers and training, JSON-ready."""
        training = {name: field.value() for name, field in self.fields.items()}
        return {"name": self.name_edit.text().strip() or "My network", "layers": self.editor.layers(),
                "training": training}

    def set_design(self, design: dict) -> None:
        """Show a design in the editor (any missing field at its default); DesignError if it is not one."""
        design = normalized(design)
        self._loading = True
        self.name_edit.blockSignals(True)
        self.name_edit.setText(design["name"])
        self.name_edit.blockSignals(False)
        self.note.setText(design.get("note") or "")
        self.note.setVisible(bool(design.get("note")))
        for name, field in self.fields.items():
            field.set_value(design["training"][name])
        self.editor.set_layers(design["layers"])
        self._loading = False
        self._check()

    def summary(self) -> DesignSummary:
        return self.editor.summary()

    def show_totals(self, seconds: float | None) -> None:
        """The design's size under its layers, and how long it trains here (None: it cannot be built)."""
        summary = self.summary()
        totals = f"{summary.parameters:,} parameters · {summary.macs:,} multiply-adds per image"
        self.editor.totals.setText(totals if seconds is None else f"{totals} · trains in {duration_text(seconds)}")

    # ----- the run

    def mnist_dir(self) -> str | None:
        """The MNIST folder to use offline, or None to let tensorflow-datasets download."""
        return self.mnist_dir_edit.text().strip() or None

    def set_mnist_dir(self, folder: str | os.PathLike | None) -> None:
        self.mnist_dir_edit.setText(os.fspath(folder) if folder else "")

    def request(self, models_dir: Path, sample_arrays) -> TrainingRequest:
        """The run this design describes; `sample_arrays` is (images, labels) or (None, None)."""
        images, labels = sample_arrays if self.include_samples_check.isChecked() else (None, None)
        return TrainingRequest.for_design(self.design(), models_dir, mnist_dir=self.mnist_dir(),
                                          data_dir=default_tfds_dir(), sample_images=images, sample_labels=labels)

    def set_running(self, running: bool) -> None:
        """The design is fixed while a run goes."""
        for widget in (self.preset_combo, self.name_edit, self.tabs, self.mnist_dir_edit, self.browse_button):
            widget.setEnabled(not running)

    def show_sample_count(self, count: int, running: bool) -> None:
        self.include_samples_check.setText(f"include my {count:,} sample{'' if count == 1 else 's'}")
        self.include_samples_check.setEnabled(count > 0 and not running)

    # ----- building

    def _lay_out(self) -> None:
        network = QWidget()
        column = QVBoxLayout(network)
        column.addWidget(self.note)
        column.addWidget(self.editor, 1)
        training = QWidget()
        form = QFormLayout(training)
        for name, field in self.fields.items():
            form.addRow("" if name in ("ema", "augment") else LABELS.get(name, name), field.widget)
        form.addRow("your samples", self.include_samples_check)
        form.addRow("MNIST folder", self._folder_row())
        self.tabs = QTabWidget(objectName="designTabs")
        self.tabs.addTab(_scrolling(network), "Network")
        self.tabs.addTab(_scrolling(training), "Training")
        top = QFormLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addRow("Preset", self.preset_combo)
        top.addRow("Name", self.name_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def _folder_row(self) -> QHBoxLayout:
        self.mnist_dir_edit = QLineEdit(objectName="mnistDirEdit", placeholderText="empty: download MNIST")
        self.browse_button = QPushButton("Browse...", objectName="browseButton")
        self.browse_button.clicked.connect(self._browse_mnist_dir)
        self.mnist_dir_edit.editingFinished.connect(self._on_mnist_dir_typed)
        row = QHBoxLayout()
        row.addWidget(self.mnist_dir_edit, stretch=1)
        row.addWidget(self.browse_button)
        return row

    def _connect(self) -> None:
        self.preset_combo.activated.connect(self._on_preset_chosen)
        self.editor.changed.connect(self._on_edited)
        self.name_edit.textEdited.connect(self._check)
        for field in self.fields.values():
            field.changed.connect(self._check)
        self.fields["optimizer"].changed.connect(self._show_momentum)

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        self.set_design(preset(self.preset_combo.itemText(index)))

    @Slot()
    def _on_edited(self) -> None:
        """A changed layer makes the network the person's own: the name says so, the preset's note goes.

        Training settings (epochs, rate...) leave the network what it was: the name stays.
        """
        name = self.name_edit.text()
        if not self._loading and name in PRESET_NAMES:
            self.name_edit.setText(f"{name} {EDITED}")
            self.note.hide()
        self._check()

    @Slot()
    def _check(self) -> None:
        self.editor.check(self.design())
        self.changed.emit()

    @Slot()
    def _show_momentum(self) -> None:
        self.fields["momentum"].widget.setEnabled(self.fields["optimizer"].value() == "sgd")

    @Slot()
    def _browse_mnist_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder with the four MNIST .gz files", self.mnist_dir() or "")
        if folder:
            self.set_mnist_dir(folder)
            self.mnist_dir_chosen.emit()

    @Slot()
    def _on_mnist_dir_typed(self) -> None:
        if self.mnist_dir_edit.isModified():  # not a mere change of focus
            self.mnist_dir_edit.setModified(False)
            self.mnist_dir_chosen.emit()

    # ----- remembered between sessions

    def restore_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        try:
            self.set_design(json.loads(as_text(settings.value("design"), "")))
        except (ValueError, TypeError, RecursionError, DesignError):  # none yet, or mangled by hand
            self.set_design(preset(WORKSHOP_MLP))
        index = self.preset_combo.findText(self.name_edit.text().removesuffix(EDITED).strip())
        self.preset_combo.setCurrentIndex(max(index, 0))
        self._show_momentum()
        self.include_samples_check.setChecked(as_bool(settings.value("include_samples", False)))
        self.set_mnist_dir(as_text(settings.value("mnist_dir")) or default_mnist_dir())
        settings.endGroup()

    def save_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("design", json.dumps(self.design()))
        settings.setValue("include_samples", self.include_samples_check.isChecked())
        settings.setValue("mnist_dir", self.mnist_dir() or "")
        settings.endGroup()


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab's page that scrolls when the dock is short, rather than squeezing its widgets over each other."""
    area = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    return area
