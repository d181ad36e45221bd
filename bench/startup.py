"""Start-up, timed from the moment the process starts: window, first prediction, predict, memory.

Each figure is the median of N cold starts (a fresh Python process each time, so every import
is counted; the disk cache is warm):
- window visible: the app's own start-up path (`create_app`, `MainWindow`, show) until Qt
  reports the window exposed;
- first prediction: a digit drawn with mouse events as soon as the window is visible, until
  its probabilities are emitted (the model loads meanwhile);
- predict: `python -m digitpad predict` on 10 MNIST test PNGs, the whole process;
- memory: resident set of the idle window after that first prediction, before any training.
The CPU seconds the app process had used by then are printed too: on a busy machine they say
what the wall time would be on an idle one (start-up runs mostly on one thread).

    QT_QPA_PLATFORM=offscreen python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"window visible": 0.8, "first prediction": 1.2, "predict, 10 files": 1.0}
SEVEN = [[(110, 80), (250, 80), (150, 300)]]  # a 7 in canvas pixels: top bar, then the diagonal


def child(launched_at: float) -> None:
    """In the fresh process: the app's start-up, a drawing as soon as the window shows; print JSON."""
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from digitpad.__main__ import create_app

    app = create_app([])
    from PySide6.QtWidgets import QWidget
    from replay import draw

    from digitpad.qt.main_window import MainWindow

    window = MainWindow()
    window.show()
    while window.windowHandle() is None or not window.windowHandle().isExposed():
        app.processEvents()
    visible, visible_cpu = time.monotonic() - launched_at, time.process_time()
    predictions = []
    window.prediction_changed.connect(predictions.append)
    draw(window.findChild(QWidget, "canvas"), SEVEN)
    while not any(p is not None for p in predictions):
        app.processEvents()
        time.sleep(0.001)
    first_prediction, first_prediction_cpu = time.monotonic() - launched_at, time.process_time()
    settle_until = time.monotonic() + 1.0  # idle: let the loader and the first paints finish
    while time.monotonic() < settle_until:
        app.processEvents()
        time.sleep(0.01)
    digit = max(range(10), key=[p for p in predictions if p is not None][-1].__getitem__)
    print(json.dumps({"visible": visible, "first_prediction": first_prediction, "digit": digit,
                      "visible_cpu": visible_cpu, "first_prediction_cpu": first_prediction_cpu,
                      "rss_mib": resident_mib(), "tensorflow": "tensorflow" in sys.modules}))
    sys.stdout.flush()
    os._exit(0)  # as the app ends (digitpad/__main__.py): no seconds of interpreter teardown


def resident_mib() -> float:
    """This process's resident memory now (Linux), else its peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_window(environment: dict) -> dict:
    launched_at = time.monotonic()
    done = subprocess.run([sys.executable, __file__, "--child", repr(launched_at)], env=environment, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"the app's start-up failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def time_predict(environment: dict, files: list[Path]) -> float:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "digitpad", "predict", *map(str, files)], env=environment,
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    if done.returncode != 0 or len(done.stdout.splitlines()) != len(files):
        raise SystemExit(f"predict failed:\n{done.stderr[-3000:]}")
    return seconds


def throwaway_environment(folder: str) -> dict:
    """Offscreen unless told otherwise, with settings and data in `folder` (the app remembers its model)."""
    environment = dict(os.environ, XDG_CONFIG_HOME=f"{folder}/config", XDG_DATA_HOME=f"{folder}/data")
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    return environment


def mnist_files(folder: Path, count: int = 10) -> list[Path]:
    """The first MNIST test digits as PNGs, alternating white-on-black and black-on-white."""
    from PIL import Image

    mnist_dir = Path(os.environ.get("DIGITPAD_MNIST_DIR", ROOT.parent / "shared" / "mnist"))
    images_file = mnist_dir / "t10k-images-idx3-ubyte.gz"
    if not images_file.is_file():
        raise SystemExit(f"No MNIST test images at {images_file}: set DIGITPAD_MNIST_DIR to their folder.")
    with gzip.open(images_file) as file:
        images = np.frombuffer(file.read(), np.uint8, offset=16).reshape(-1, 28, 28)[:count]
    folder.mkdir(parents=True, exist_ok=True)
    for index, pixels in enumerate(images):
        Image.fromarray(pixels if index % 2 == 0 else 255 - pixels).resize((112, 112)).save(folder / f"{index}.png")
    return sorted(folder.glob("*.png"))


def report(name: str, values: list[float], unit: str = "s") -> None:
    target = f"   target <= {TARGETS[name]} s" if name in TARGETS else ""
    spread = f"{min(values):.2f}-{max(values):.2f}"
    print(f"{name:19} {statistics.median(values):6.2f} {unit}  ({spread}){target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child is not None:
        return child(arguments.child)
    folder = tempfile.mkdtemp(prefix="digitpad-startup-")
    environment = throwaway_environment(folder)
    files = mnist_files(Path(folder) / "pngs")
    print(f"{arguments.runs} cold starts, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"QT_QPA_PLATFORM={environment['QT_QPA_PLATFORM']}")
    windows, predicts = [], []
    for run in range(1, arguments.runs + 1):
        windows.append(time_window(environment))
        predicts.append(time_predict(environment, files))
        w = windows[-1]
        print(f"run {run}: window {w['visible']:.2f} s (CPU {w['visible_cpu']:.2f} s), "
              f"first prediction {w['first_prediction']:.2f} s (CPU {w['first_prediction_cpu']:.2f} s) "
              f"(read {w['digit']}), predict {predicts[-1]:.2f} s, {w['rss_mib']:.0f} MiB, "
              f"TensorFlow {'loaded' if w['tensorflow'] else 'not loaded'}")
    report("window visible", [w["visible"] for w in windows])
    report("first prediction", [w["first_prediction"] for w in windows])
    report("predict, 10 files", predicts)
    report("window, CPU time", [w["visible_cpu"] for w in windows])
    report("prediction, CPU", [w["first_prediction_cpu"] for w in windows])
    report("idle window memory", [w["rss_mib"] for w in windows], "MiB")


if __name__ == "__main__":
    main()
