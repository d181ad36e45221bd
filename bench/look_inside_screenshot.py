"""Save a screenshot of the "Look inside" dock explaining a hand-drawn 6 (QT_QPA_PLATFORM=offscreen).

    python bench/look_inside_screenshot.py [assets/look_inside.png] [--model mlp|cnn]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshot import draw, six_strokes, use_settings_folder, wait_for  # noqa: E402  (it sets QT_QPA_PLATFORM=offscreen)

from digitpad.core.assets import assets_dir  # noqa: E402
from digitpad.qt.app.app_paths import set_app_identity  # noqa: E402
from digitpad.qt.app.theme import apply_theme  # noqa: E402
from digitpad.qt.main_window import MainWindow  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="assets/look_inside.png")
    parser.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    set_app_identity()
    apply_theme(app)
    with tempfile.TemporaryDirectory(prefix="digitpad-screenshot-") as settings_folder:
        use_settings_folder(settings_folder)
        window = MainWindow(model_path=assets_dir() / f"{args.model}.keras")
        window.resize(1400, 820)
        window.show()
        wait_for(window.model_changed, 120_000)
        window.show_look_inside()
        draw(window.canvas, six_strokes(window.canvas.width()))
        app.processEvents()
        saved = window.grab().save(args.path)
        print(f"{'saved' if saved else 'could not save'} {args.path}: {window.model_label.text()}")
        window.close()
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())
