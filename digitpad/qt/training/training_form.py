"""The settings of a training run: recipe, epochs, batch size, learning rate, augmentation, samples, MNIST folder.

They are remembered in QSettings when a run starts and read back, value by value, at start-up;
a value a person mangled by hand gives that setting's default.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from digitpad.core.mnist.loading import default_mnist_dir, default_tfds_dir
from digitpad.core.networks.recipes import DEFAULT_AUGMENT, DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE
from digitpad.core.training.panel_run import TrainingRequest
from digitpad.qt.app.settings_values import as_bool, as_int, as_number, as_text

SETTINGS_GROUP = "training"


class TrainingForm(QWidget):
    """The run's settings as widgets, restored from QSettings when built."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model_combo = QComboBox(objectName="modelCombo")
        self.model_combo.addItem("MLP", "mlp")
        self.model_combo.addItem("CNN", "cnn")
        self.model_combo.currentIndexChanged.connect(self._on_model_changed)
        self.epochs_spin = QSpinBox(objectName="epochsSpin", minimum=1, maximum=100, value=8)
        self.batch_spin = QSpinBox(objectName="batchSizeSpin", minimum=1, maximum=4096, value=128)
        self.learning_rate_spin = QDoubleSpinBox(
            objectName="learningRateSpin", decimals=5, minimum=0.00001, maximum=1.0, singleStep=0.0005, value=0.001
        )
        self.augment_check = QCheckBox("vary the digits as people write", objectName="augmentCheck")
        self.augment_check.setToolTip(
            "Rotate, scale and shift each digit a little, make some strokes thinner or bolder, "
            "and give some 1s the upstroke many people draw."
        )
        self.include_samples_check = QCheckBox("include my samples", objectName="includeSamplesCheck")
        self.include_samples_check.setToolTip("Mix your labelled drawings into MNIST, repeated to 3% of it.")
        self._lay_out()
        self.restore_settings()

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Model", self.model_combo)
        form.addRow("Epochs", self.epochs_spin)
        form.addRow("Batch size", self.batch_spin)
        form.addRow("Learning rate", self.learning_rate_spin)
        form.addRow("Augmentation", self.augment_check)
        form.addRow("Your samples", self.include_samples_check)
        form.addRow("MNIST folder", self._folder_row())

    def _folder_row(self) -> QHBoxLayout:
        self.mnist_dir_edit = QLineEdit(objectName="mnistDirEdit")
        self.mnist_dir_edit.setPlaceholderText("empty: download MNIST")
        self.browse_button = QPushButton("Browse...", objectName="browseButton")
        self.browse_button.clicked.connect(self._browse_mnist_dir)
        row = QHBoxLayout()
        row.addWidget(self.mnist_dir_edit, stretch=1)
        row.addWidget(self.browse_button)
        return row

    def mnist_dir(self) -> str | None:
        """The MNIST folder to use offline, or None to let tensorflow-datasets download."""
        return self.mnist_dir_edit.text().strip() or None

    def set_mnist_dir(self, folder: str | os.PathLike | None) -> None:
        """Set the offline MNIST folder (None or "": download)."""
        self.mnist_dir_edit.setText(os.fspath(folder) if folder else "")

    def request(self, models_dir: Path, sample_arrays) -> TrainingRequest:
        """The run these settings describe; `sample_arrays` is (images, labels) or (None, None)."""
        images, labels = sample_arrays if self.include_samples_check.isChecked() else (None, None)
        return TrainingRequest(
            model_kind=self.model_combo.currentData(),
            epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            learning_rate=self.learning_rate_spin.value(),
            augment=self.augment_check.isChecked(),
            models_dir=models_dir,
            mnist_dir=self.mnist_dir(),
            data_dir=default_tfds_dir(),
            sample_images=images,
            sample_labels=labels,
        )

    def set_running(self, running: bool) -> None:
        """Settings are fixed while a run goes."""
        for widget in (self.model_combo, self.epochs_spin, self.batch_spin, self.learning_rate_spin,
                       self.augment_check, self.mnist_dir_edit, self.browse_button):
            widget.setEnabled(not running)

    def show_sample_count(self, count: int, running: bool) -> None:
        self.include_samples_check.setText(f"include my {count} sample{'' if count == 1 else 's'}")
        self.include_samples_check.setEnabled(count > 0 and not running)

    @Slot(int)
    def _on_model_changed(self, _index: int) -> None:
        """Switch to the chosen kind's recipe: the seed MLP's, or the CNN's fast augmented one."""
        kind = self.model_combo.currentData()
        self.epochs_spin.setValue(DEFAULT_EPOCHS[kind])
        self.batch_spin.setValue(DEFAULT_BATCH_SIZE[kind])
        self.learning_rate_spin.setValue(DEFAULT_LEARNING_RATE[kind])
        self.augment_check.setChecked(DEFAULT_AUGMENT[kind])

    @Slot()
    def _browse_mnist_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder with the four MNIST .gz files", self.mnist_dir() or "")
        if folder:
            self.set_mnist_dir(folder)

    def restore_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        index = self.model_combo.findData(as_text(settings.value("model"), "mlp"))
        self.model_combo.setCurrentIndex(max(index, 0))
        self._on_model_changed(self.model_combo.currentIndex())
        self.epochs_spin.setValue(_spin_value(self.epochs_spin, settings.value("epochs")))
        self.batch_spin.setValue(_spin_value(self.batch_spin, settings.value("batch_size")))
        rate = self.learning_rate_spin
        rate.setValue(as_number(settings.value("learning_rate"), rate.value(), rate.minimum(), rate.maximum()))
        if settings.contains("augment"):
            self.augment_check.setChecked(as_bool(settings.value("augment"), self.augment_check.isChecked()))
        self.include_samples_check.setChecked(as_bool(settings.value("include_samples", False)))
        self.set_mnist_dir(as_text(settings.value("mnist_dir")) or default_mnist_dir())
        settings.endGroup()

    def save_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("model", self.model_combo.currentData())
        settings.setValue("epochs", self.epochs_spin.value())
        settings.setValue("batch_size", self.batch_spin.value())
        settings.setValue("learning_rate", self.learning_rate_spin.value())
        settings.setValue("augment", self.augment_check.isChecked())
        settings.setValue("include_samples", self.include_samples_check.isChecked())
        settings.setValue("mnist_dir", self.mnist_dir() or "")
        settings.endGroup()


def _spin_value(spin: QSpinBox, stored) -> int:
    """The stored value when it is a whole number the spin box allows, else the box's current one."""
    return as_int(stored, spin.value(), spin.minimum(), spin.maximum())
