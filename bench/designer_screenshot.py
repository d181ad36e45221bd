"""Save a screenshot of the network designer: LeNet-5 in the training panel, its second convolution selected.

    QT_QPA_PLATFORM=offscreen python bench/designer_screenshot.py [assets/designer.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import screenshot_window  # noqa: E402  (it sets QT_QPA_PLATFORM=offscreen)

from digitpad.core.assets import assets_dir  # noqa: E402
from digitpad.core.networks.presets import preset  # noqa: E402

SECOND_CONVOLUTION = 3  # table row: the input is row 0


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "assets/designer.png"
    with screenshot_window(assets_dir() / "cnn.keras", 1400, 900) as (app, window):
        panel = window.training_panel
        panel.form.preset_combo.setCurrentText("LeNet-5")
        panel.set_design(preset("LeNet-5"))
        panel.form.editor.table.selectRow(SECOND_CONVOLUTION)
        panel.progress.plot.show()  # the live plot, built now rather than after its background import
        for _ in range(20):
            app.processEvents()
        saved = window.training_dock.grab().save(path)
        print(f"{'saved' if saved else 'could not save'} {path}: {panel.design_summary()}")
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())
