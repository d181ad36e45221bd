"""Save a screenshot of the "Look inside" dock explaining a hand-drawn 6 (QT_QPA_PLATFORM=offscreen).

    python bench/look_inside_screenshot.py [assets/look_inside.png] [--model mlp|cnn]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import draw, screenshot_window, six_strokes  # noqa: E402  (it sets QT_QPA_PLATFORM=offscreen)

from digitpad.core.assets import assets_dir  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="assets/look_inside.png")
    parser.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    args = parser.parse_args()
    with screenshot_window(assets_dir() / f"{args.model}.keras", 1400, 820) as (app, window):
        window.show_look_inside()
        draw(window.canvas, six_strokes(window.canvas.width()))
        app.processEvents()
        saved = window.grab().save(args.path)
        print(f"{'saved' if saved else 'could not save'} {args.path}: {window.model_label.text()}")
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())
