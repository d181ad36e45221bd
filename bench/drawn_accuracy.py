"""Accuracy on real drawings: the 1,200 drawn-dev digits replayed through the real window.

Each digit's pen strokes are scaled to a random 35% to 85% of the canvas height at a random
position and drawn on the canvas of a real `MainWindow` as mouse events, with the default
brush; the window's own prediction is scored. The same placements are used for every model.
drawn-dev is an evaluation set: nothing is trained or tuned on it.

    QT_QPA_PLATFORM=offscreen python bench/drawn_accuracy.py [--seed S] [MODEL.keras ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from replay import bars_of_drawings, load_drawn_digits, use_throwaway_settings  # noqa: E402

TARGETS = {"cnn": 0.99, "mlp": 0.93}  # issue 12: the default model >= 99.0%


def score(model_path: Path, digits: list[dict], seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(labels, predictions) for every digit, drawn in the window with `model_path` active (-1: no reading)."""
    bars = bars_of_drawings(model_path, digits, seed)
    predictions = [int(np.argmax(row)) if row is not None else -1 for row in bars]
    return np.array([d["label"] for d in digits]), np.array(predictions)


def report(name: str, labels: np.ndarray, predictions: np.ndarray) -> None:
    per_digit = "  ".join(f"{d}:{np.mean(predictions[labels == d] == d):.1%}" for d in range(10))
    overall = np.mean(predictions == labels)
    target = TARGETS.get(name)
    verdict = "" if target is None else f"   (target >= {target:.1%}: {'met' if overall >= target else 'NOT met'})"
    right = f"{np.sum(predictions == labels)} of {len(labels)}"
    print(f"{name:6s} overall {overall:.1%} ({right}){verdict}\n       {per_digit}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", type=Path, help="default: the shipped CNN and MLP")
    parser.add_argument("--seed", type=int, default=0, help="of the sizes and places the digits are drawn at")
    args = parser.parse_args()
    use_throwaway_settings()
    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841
    models = args.models or [p for p in (ROOT / "assets" / "cnn.keras", ROOT / "assets" / "mlp.keras") if p.exists()]
    digits = load_drawn_digits()
    print(
        f"{len(digits)} drawn digits, {time.strftime('%Y-%m-%d')}, replayed through the canvas as mouse events"
        f" (placement seed {args.seed})"
    )
    for path in models:
        labels, predictions = score(path, digits, args.seed)
        report(path.stem, labels, predictions)


if __name__ == "__main__":
    main()
