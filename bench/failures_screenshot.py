"""Save a screenshot of "Where it fails": the confusion matrix, the reliability diagram, and what
"not sure" meant for the model on MNIST's test digits (QT_QPA_PLATFORM=offscreen).

    DIGITPAD_MNIST_DIR=../shared/mnist python bench/failures_screenshot.py [assets/where_it_fails.png]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import screenshot_window  # noqa: E402  (it sets QT_QPA_PLATFORM=offscreen)

from digitpad.core.assets import default_model_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="assets/where_it_fails.png")
    args = parser.parse_args()
    with screenshot_window(default_model_path(), 1400, 900) as (app, window):
        window.show_where_it_fails()
        view = window.confusion_dock.view
        deadline = time.monotonic() + 120
        while not view.not_sure.text() and time.monotonic() < deadline:  # tested in the background
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()
        dock = window.confusion_dock
        saved = bool(view.not_sure.text()) and dock.grab().save(args.path)
        print(f"{'saved' if saved else 'could not save'} {args.path}: {view.summary.text()} {view.not_sure.text()}")
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main())
