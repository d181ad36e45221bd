"""Are the percentages probabilities? ECE (15 bins), accuracy and the "not sure" line, per model.

On MNIST test (10,000 digits, never used to fit anything) through both of the app's raster
paths: one image as `predict` reads it ("single"), and the canvas's turned views averaged
("views", reproduced on rasters by `temperature.raster_views`). With `--uncalibrated-too`, each
model is also read with its folded temperature undone (T from its card), for the before/after.
With `--drawn`, drawn-dev is replayed through the real window's canvas (bench/drawn_accuracy.py's
placements) and its probabilities scored the same way: an evaluation set, asked once.

    .venv/bin/python bench/calibration.py [--uncalibrated-too] [--drawn] [MODEL.keras ...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))

import digitpad  # noqa: E402,F401
from digitpad.core.explain.calibration import expected_calibration_error, not_sure  # noqa: E402


def line(name: str, probabilities: np.ndarray, labels: np.ndarray) -> str:
    sure = not_sure(probabilities, labels)
    return (f"  {name:28s} accuracy {np.mean(probabilities.argmax(1) == labels):.2%}  "
            f"ECE {expected_calibration_error(probabilities, labels):.2%}  "
            f"mean confidence {probabilities.max(1).mean():.2%}  "
            f"not sure (<60%) {sure.share_below:.2%} of digits, right {_pct(sure.accuracy_below)} below, "
            f"{_pct(sure.accuracy_above)} above")


def _pct(value) -> str:
    return "-" if value != value else f"{value:.1%}"


def untempered(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    """Per-view probabilities with the folded temperature undone: softmax(log p * T)."""
    from digitpad.core.calibration.temperature import softmax

    return softmax(np.log(np.maximum(probabilities, 1e-30)) * temperature)


def drawn_probabilities(path: Path, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """drawn-dev through the window's canvas: (labels, the bars' probabilities; uniform where none came)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from replay import bars_of_drawings, load_drawn_digits, use_throwaway_settings

    use_throwaway_settings()
    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841
    digits = load_drawn_digits()
    rows = [row if row is not None else np.full(10, 0.1) for row in bars_of_drawings(path, digits, seed)]
    return np.array([d["label"] for d in digits]), np.array(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", type=Path)
    parser.add_argument("--uncalibrated-too", action="store_true")
    parser.add_argument("--drawn", action="store_true", help="also drawn-dev through the canvas (ask once)")
    arguments = parser.parse_args()
    from digitpad.core.calibration.temperature import raster_views
    from digitpad.core.inference.loading import load_predictor
    from digitpad.core.mnist.loading import default_tfds_dir, load_mnist

    mnist = load_mnist(os.environ["DIGITPAD_MNIST_DIR"], default_tfds_dir() or str(ROOT / ".cache" / "tfds"))
    labels = mnist.y_test
    views = raster_views(mnist.x_test[..., 0].astype(np.float32) / 255)
    for path in arguments.models or [ROOT / "assets" / "cnn.keras", ROOT / "assets" / "mlp.keras"]:
        card = json.loads(path.with_suffix(".json").read_text()) if path.with_suffix(".json").exists() else {}
        temperature = (card.get("calibration") or {}).get("temperature")
        print(f"{path} (temperature {temperature or 'none'})")
        per_view = load_predictor(path).probabilities_batch(views.reshape(-1, 28, 28)).reshape(len(labels), -1, 10)
        print(line("MNIST test, single", per_view[:, 0], labels))
        print(line("MNIST test, views", per_view.mean(1), labels))
        if arguments.uncalibrated_too and temperature:
            raw = untempered(per_view, temperature)
            print(line("  uncalibrated, single", raw[:, 0], labels))
            print(line("  uncalibrated, views", raw.mean(1), labels))
        if arguments.drawn:
            drawn_labels, drawn = drawn_probabilities(path)
            print(line("drawn-dev, canvas", drawn, drawn_labels))
            if arguments.uncalibrated_too and temperature:
                # The bars average per-view probabilities, so undoing T on the average is approximate.
                print(line("  uncalibrated (approx.)", untempered(drawn, temperature), drawn_labels))


if __name__ == "__main__":
    main()
