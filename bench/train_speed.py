"""Wall time of the 8-epoch seed recipe: the seed's tfds tutorial pipeline vs DigitPad's core.

Both run in this process, alternating for a few rounds on the same prepared MNIST (this
machine's timings wander by a third from run to run; medians of alternating runs are fair to
both): the reference is `map -> cache -> shuffle -> batch(128) -> prefetch` and `model.fit`
with default settings (the workshop's code); DigitPad's is `digitpad.core.training.train`, which
reads the decoded arrays cached when MNIST was first prepared. Each timing starts from the
prepared data on disk and ends with the fitted model. Target: ratio <= 0.5.

    python bench/train_speed.py [--epochs 8] [--rounds 3] [--mnist-dir ../shared/mnist]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import digitpad  # noqa: E402,F401  (quiet TensorFlow logging)
from digitpad.core.data import default_mnist_dir, default_tfds_dir, load_mnist  # noqa: E402


def seed_tutorial_run(epochs: int, mnist_dir: str | None, data_dir: str | None) -> tuple[float, float, float]:
    """The workshop's pipeline and fit; returns (seconds, train accuracy, validation accuracy)."""
    import keras
    import tensorflow_datasets as tfds

    from digitpad.core.models import build_model
    from digitpad.core.pipeline import seed_tutorial_batches

    keras.utils.set_random_seed(42)
    started = time.perf_counter()
    config = tfds.download.DownloadConfig(manual_dir=mnist_dir) if mnist_dir else None
    train_split, test_split = tfds.load(
        "mnist", split=["train", "test"], as_supervised=True, data_dir=data_dir,
        download_and_prepare_kwargs={"download_config": config},
    )
    model = build_model("mlp")
    history = model.fit(
        seed_tutorial_batches(train_split),
        epochs=epochs,
        validation_data=seed_tutorial_batches(test_split, training=False),
        verbose=0,
    )
    seconds = time.perf_counter() - started
    return seconds, history.history["accuracy"][-1], history.history["val_accuracy"][-1]


def digitpad_run(epochs: int, mnist_dir: str | None, data_dir: str | None) -> tuple[float, float, float]:
    """DigitPad's training core on the same data; returns (seconds, train acc, validation acc)."""
    from digitpad.core.training import TrainingSettings, train

    started = time.perf_counter()
    mnist = load_mnist(mnist_dir, data_dir)
    result = train(TrainingSettings(epochs=epochs), mnist)
    seconds = time.perf_counter() - started
    return seconds, result.history["accuracy"][-1], result.history["val_accuracy"][-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mnist-dir", default=default_mnist_dir())
    parser.add_argument("--data-dir", default=default_tfds_dir())
    arguments = parser.parse_args()
    load_mnist(arguments.mnist_dir, arguments.data_dir)  # prepare once, outside both timings

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    runs = {"seed tutorial pipeline": [], "digitpad.core.training": []}
    for _ in range(arguments.rounds):
        for name, run in (("seed tutorial pipeline", seed_tutorial_run), ("digitpad.core.training", digitpad_run)):
            runs[name].append(run(arguments.epochs, arguments.mnist_dir, arguments.data_dir))
            gc.collect()  # no pipeline threads of one run left to slow the next
    for name, results in runs.items():
        seconds = statistics.median(r[0] for r in results)
        print(f"{name:24s} median {seconds:6.1f} s of {[round(r[0], 1) for r in results]}   "
              f"train accuracy {results[-1][1]:.4f}   validation accuracy {results[-1][2]:.4f}")
    ratio = statistics.median(r[0] for r in runs["digitpad.core.training"]) / statistics.median(
        r[0] for r in runs["seed tutorial pipeline"])
    print(f"ratio digitpad / seed: {ratio:.2f} (target <= 0.50)")


if __name__ == "__main__":
    main()
