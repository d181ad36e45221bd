"""Save a screenshot of "Where it lands" placing a hand-drawn 7 on the t-SNE map (QT_QPA_PLATFORM=offscreen).

The t-SNE map is made first if it is not cached (tens of seconds, in its child process).

    python bench/map_screenshot.py [assets/map.png] [--model mlp|cnn]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from PySide6.QtWidgets import QApplication  # noqa: E402
from replay import draw as replay_draw  # noqa: E402
from screenshot import screenshot_window  # noqa: E402  (it sets QT_QPA_PLATFORM=offscreen)

from digitpad.core.assets import assets_dir  # noqa: E402
from digitpad.core.explain.projections import TSNE  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def seven(side: float) -> list[list[tuple[float, float]]]:
    """A 7 with a slight curve in its stem, as a person draws it."""
    bar = [(side * (0.3 + 0.4 * t / 12), side * (0.26 + 0.01 * t / 12)) for t in range(13)]
    stem = [(side * (0.7 - 0.22 * t / 20 - 0.03 * (t / 20) ** 2), side * (0.27 + 0.5 * t / 20)) for t in range(1, 21)]
    return [bar + stem]


def wait_until(condition, timeout_s: float) -> None:
    started = time.perf_counter()
    while not condition() and time.perf_counter() - started < timeout_s:
        QApplication.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="assets/map.png")
    parser.add_argument("--model", choices=["mlp", "cnn"], default="cnn")
    args = parser.parse_args()
    os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))
    with screenshot_window(assets_dir() / f"{args.model}.keras", 1500, 1250) as (_app, window):
        window.show_map()
        dock = window.map_dock
        wait_until(lambda: any(TSNE in b.space.maps for b in dock._built.values()), 300)
        dock.view.projection_box.setCurrentIndex(1)
        replay_draw(window.canvas, seven(window.canvas.width()))
        wait_until(lambda: dock.landing is not None, 10)
        wait_until(lambda: False, 0.5)  # the probe's turn, and the paint
        saved = window.grab().save(args.path)
        print(f"{'saved' if saved else 'could not save'} {args.path}: {window.model_label.text()}")
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())
