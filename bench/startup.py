"""Start-up: time to a visible window, and time to the first prediction of a drawn digit.

Runs the app in a fresh Python process (so TensorFlow's import is counted) and prints both
times measured from the process start. The window must appear long before TensorFlow loads.

    QT_QPA_PLATFORM=offscreen python bench/startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child() -> None:
    """In the fresh process: build and show the window, then draw once the model is ready."""
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from PySide6.QtWidgets import QApplication
    from replay import draw, use_throwaway_settings

    from digitpad.qt.main_window import MainWindow

    use_throwaway_settings()

    app = QApplication(sys.argv)
    window = MainWindow()
    window.show()
    app.processEvents()
    shown = time.perf_counter() - started
    while window.predictor() is None:
        app.processEvents()
        time.sleep(0.005)
    results = []
    window.prediction_changed.connect(results.append)
    draw(window.canvas, [[(100, 60), (100, 200)], [(80, 200), (120, 200)]])
    while not any(r is not None for r in results):
        app.processEvents()
        time.sleep(0.001)
    print(f"{shown:.3f} {time.perf_counter() - started:.3f}")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        return child()
    environment = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    print(f"{arguments.runs} cold starts, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
    for run in range(1, arguments.runs + 1):
        launched = time.perf_counter()
        output = subprocess.run(
            [sys.executable, __file__, "--child"], env=environment, capture_output=True, text=True, check=True
        )
        window_s, prediction_s = map(float, output.stdout.split()[-2:])
        interpreter_s = time.perf_counter() - launched  # includes interpreter start and exit
        print(
            f"run {run}: window visible {window_s:.2f} s, first prediction {prediction_s:.2f} s "
            f"(process {interpreter_s:.1f} s)"
        )


if __name__ == "__main__":
    main()
