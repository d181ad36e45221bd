"""A run checks that it can save before it trains: an unwritable models folder fails at once, in one sentence."""

import time

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QPushButton, QSpinBox

from digitpad.qt.training.training_panel import TrainingPanel
from tests.conftest import SHARED_MNIST


def test_train_with_an_unwritable_models_folder_fails_before_loading_data(qtbot, tmp_path):
    QCoreApplication.setOrganizationName("DigitPad")
    QCoreApplication.setApplicationName("DigitPad")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    panel = TrainingPanel(models_dir=blocker / "models")
    qtbot.addWidget(panel)
    panel.findChild(QSpinBox, "epochsSpin").setValue(1)
    panel.set_mnist_dir(SHARED_MNIST)
    phases = []
    panel.phase_changed.connect(phases.append)
    started = time.perf_counter()

    with qtbot.waitSignal(panel.failed, timeout=10_000) as failure:
        qtbot.mouseClick(panel.findChild(QPushButton, "trainButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_running())

    assert failure.args[0].startswith(f"DigitPad cannot save in {blocker / 'models'}")
    assert failure.args[0].endswith("choose a writable folder with free space.")
    assert phases == [] and time.perf_counter() - started < 5
