"""Fine-tuning on one writer's own drawings: how much of that writer's other digits does it fix?

drawn-dev holds two drawings of each digit per writer, so each writer files the first of each
(10 samples, as a person would by pressing digit keys) and is read on the second (10 more),
through the canvas's views, before and after fine-tuning the model on those 10. An evaluation:
nothing is chosen by it. A writer is one fine-tuning run (seconds with the MLP).

    python bench/writer_fine_tune.py [--writers 12] [--model assets/mlp.keras]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))
DRAWN_DEV = ROOT.parent / "shared" / "drawn-dev" / "strokes.jsonl"


def writers(count: int) -> list[tuple[list, list]]:
    """Per writer: (samples, tests), each a list of (strokes, label), one of each digit."""
    by_writer = collections.defaultdict(lambda: collections.defaultdict(list))
    for line in DRAWN_DEV.read_text().splitlines():
        digit = json.loads(line)
        by_writer[digit["writer"]][digit["label"]].append(digit["strokes"])
    chosen = []
    for name in sorted(by_writer)[:count]:
        drawings = by_writer[name]
        if all(len(drawings[d]) >= 2 for d in range(10)):
            chosen.append(([(drawings[d][0], d) for d in range(10)], [(drawings[d][1], d) for d in range(10)]))
    return chosen


def read(model, drawings) -> np.ndarray:
    """The digit read for each drawing: probabilities averaged over the canvas's views."""
    from digitpad.core.drawing.preprocess import strokes_to_mnist_views

    views = np.stack([strokes_to_mnist_views(strokes) for strokes, _ in drawings])  # (N, V, 28, 28)
    n, v = views.shape[:2]
    logits = model.predict(views.reshape(n * v, 28, 28, 1), verbose=0)
    probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return probabilities.reshape(n, v, 10).mean(axis=1).argmax(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=12)
    parser.add_argument("--model", default=str(ROOT / "assets" / "mlp.keras"))
    args = parser.parse_args()
    import keras

    from digitpad.core.drawing.preprocess import strokes_to_mnist
    from digitpad.core.mnist.loading import load_mnist
    from digitpad.core.training.fine_tuning import FineTuneSettings, fine_tune

    mnist = load_mnist(os.environ["DIGITPAD_MNIST_DIR"], str(ROOT / ".cache" / "tfds"))
    base = keras.models.load_model(args.model)
    fixed = broken = wrong_before = total = 0
    for index, (samples, tests) in enumerate(writers(args.writers)):
        images = np.stack([strokes_to_mnist(strokes) for strokes, _ in samples])
        labels = np.array([label for _, label in samples])
        truth = np.array([label for _, label in tests])
        before = read(base, tests) == truth
        result = fine_tune(args.model, images, labels, mnist, FineTuneSettings(seed=index))
        after = read(result.model, tests) == truth
        fixed += int(np.sum(~before & after))
        broken += int(np.sum(before & ~after))
        wrong_before += int(np.sum(~before))
        total += len(truth)
        print(f"writer {index + 1:2d}: {before.sum():2d}/10 -> {after.sum():2d}/10", flush=True)
    print(f"{Path(args.model).name}, {total // 10} writers: their other drawings read {total - wrong_before}/{total} "
          f"before, {total - wrong_before + fixed - broken}/{total} after; fine-tuning on 10 of a writer's "
          f"drawings fixed {fixed} of the {wrong_before} it read wrong and broke {broken}")


if __name__ == "__main__":
    main()
