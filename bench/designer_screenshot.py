"""Save a screenshot of the network designer: LeNet-5 in the training panel, its second convolution selected.

    QT_QPA_PLATFORM=offscreen python bench/designer_screenshot.py [assets/designer.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshot import use_settings_folder, wait_for  # noqa: E402  (it sets QT_QPA_PLATFORM=offscreen)

from digitpad.core.assets import assets_dir  # noqa: E402
from digitpad.core.networks.presets import preset  # noqa: E402
from digitpad.qt.app.app_paths import set_app_identity  # noqa: E402
from digitpad.qt.app.theme import apply_theme  # noqa: E402
from digitpad.qt.main_window import MainWindow  # noqa: E402

SECOND_CONVOLUTION = 3  # table row: the input is row 0


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "assets/designer.png"
    app = QApplication(sys.argv[:1])
    set_app_identity()
    apply_theme(app)
    with tempfile.TemporaryDirectory(prefix="digitpad-screenshot-") as settings_folder:
        use_settings_folder(settings_folder)
        window = MainWindow(model_path=assets_dir() / "cnn.keras")
        window.resize(1400, 900)
        window.show()
        wait_for(window.model_changed, 120_000)
        panel = window.training_panel
        panel.form.preset_combo.setCurrentText("LeNet-5")
        panel.set_design(preset("LeNet-5"))
        panel.form.editor.table.selectRow(SECOND_CONVOLUTION)
        panel.progress.plot.show()  # the live plot, built now rather than after its background import
        for _ in range(20):
            app.processEvents()
        saved = window.training_dock.grab().save(path)
        print(f"{'saved' if saved else 'could not save'} {path}: {panel.design_summary()}")
        window.close()
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())
