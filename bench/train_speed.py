"""Training speed: the CNN recipe per seed next to the seed MLP, and the seed recipe's pipeline.

Part `cnn`: the default CNN recipe (`TrainingSettings.default("cnn")`) for each of 3 seeds,
each next to a seed MLP run in the same process, so the CNN/MLP ratio holds on a noisy machine.
It prints each fit's seconds (training plus the per-epoch validation) and MNIST test accuracy
at the last epoch. Targets: mean accuracy >= 99.4%, each fit <= 90 s.

Part `pipeline`: wall time of the 8-epoch seed recipe, the seed's tfds tutorial pipeline vs
DigitPad's core.

Part `loop`: DigitPad's own training loop (`training_loop`) against Keras' `fit` on the same
network, settings, batches and validation, for the workshop MLP (8 epochs) and the CNN preset
(2 epochs): the first epoch (which traces) and the median of the others, alternating.

Both run in this process, alternating for a few rounds on the same prepared MNIST (this
machine's timings wander by a third from run to run; medians of alternating runs are fair to
both): the reference is `map -> cache -> shuffle -> batch(128) -> prefetch` and `model.fit`
with default settings (the workshop's code); DigitPad's is `digitpad.core.training.fit.train`, which
reads the decoded arrays cached when MNIST was first prepared. Each timing starts from the
prepared data on disk and ends with the fitted model. Target: ratio <= 0.5.

    python bench/train_speed.py [--part cnn|pipeline|loop|all] [--seeds 1,2,3] [--rounds 3]
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
from digitpad.core.mnist.loading import default_mnist_dir, default_tfds_dir, load_mnist  # noqa: E402


def seed_tutorial_run(epochs: int, mnist_dir: str | None, data_dir: str | None) -> tuple[float, float, float]:
    """The workshop's pipeline and fit; returns (seconds, train accuracy, validation accuracy)."""
    import keras
    import tensorflow_datasets as tfds

    from digitpad.core.mnist.pipeline import seed_tutorial_batches
    from digitpad.core.networks.builders import build_model

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
    from digitpad.core.training.fit import TrainingSettings, train

    started = time.perf_counter()
    mnist = load_mnist(mnist_dir, data_dir)
    result = train(TrainingSettings(epochs=epochs), mnist)
    seconds = time.perf_counter() - started
    return seconds, result.history["accuracy"][-1], result.history["val_accuracy"][-1]


def cnn_seeds(seeds: list[int], mnist) -> None:
    """The CNN recipe per seed, each after a seed MLP run: seconds, accuracy, ratio."""
    from digitpad.core.training.fit import TrainingSettings, train

    accuracies = []
    for seed in seeds:
        mlp = train(TrainingSettings(seed=seed), mnist)
        cnn = train(TrainingSettings.default("cnn", seed=seed), mnist)
        accuracies.append(cnn.test_accuracy)
        ratio = cnn.seconds / mlp.seconds
        print(f"seed {seed}: CNN {cnn.seconds:5.1f} s, test accuracy {cnn.test_accuracy:.4f}   "
              f"seed MLP {mlp.seconds:4.1f} s ({mlp.test_accuracy:.4f})   CNN/MLP time {ratio:.1f}x", flush=True)
        gc.collect()
    mean = statistics.mean(accuracies)
    print(f"CNN mean test accuracy over {len(seeds)} seeds: {mean:.4f} (target >= 0.9940: "
          f"{'met' if mean >= 0.994 else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["cnn", "pipeline", "loop", "all"], default="all")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--epochs", type=int, default=8, help="epochs of the seed recipe (pipeline part)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mnist-dir", default=default_mnist_dir())
    parser.add_argument("--data-dir", default=default_tfds_dir())
    arguments = parser.parse_args()
    mnist = load_mnist(arguments.mnist_dir, arguments.data_dir)  # prepare once, outside every timing

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    if arguments.part in ("cnn", "all"):
        cnn_seeds([int(seed) for seed in arguments.seeds.split(",")], mnist)
    if arguments.part in ("pipeline", "all"):
        pipeline_ratio(arguments)
    if arguments.part in ("loop", "all"):
        for kind, epochs in (("mlp", 8), ("cnn", 2)):
            loop_against_keras_fit(kind, epochs, arguments.rounds, mnist)


def pipeline_ratio(arguments) -> None:
    """The seed recipe through the seed's tfds pipeline and through DigitPad's core, alternating."""
    runs = {"seed tutorial pipeline": [], "digitpad.core.training.fit": []}
    for _ in range(arguments.rounds):
        for name, run in (("seed tutorial pipeline", seed_tutorial_run), ("digitpad.core.training.fit", digitpad_run)):
            runs[name].append(run(arguments.epochs, arguments.mnist_dir, arguments.data_dir))
            gc.collect()  # no pipeline threads of one run left to slow the next
    for name, results in runs.items():
        seconds = statistics.median(r[0] for r in results)
        print(f"{name:24s} median {seconds:6.1f} s of {[round(r[0], 1) for r in results]}   "
              f"train accuracy {results[-1][1]:.4f}   validation accuracy {results[-1][2]:.4f}")
    ratio = statistics.median(r[0] for r in runs["digitpad.core.training.fit"]) / statistics.median(
        r[0] for r in runs["seed tutorial pipeline"])
    print(f"ratio digitpad / seed: {ratio:.2f} (target <= 0.50)")


def epoch_seconds(kind: str, epochs: int, mnist, keras_fit: bool) -> list[float]:
    """Each epoch's seconds (training and its validation) of the preset, fitted one way."""
    import threading

    import keras
    import tensorflow as tf

    from digitpad.core.mnist.pipeline import scaled, targets, training_batches
    from digitpad.core.networks.keras_builder import build_network
    from digitpad.core.networks.keras_training import wants_one_hot_labels
    from digitpad.core.training.fit import TrainingListener, TrainingSettings, fit, steps_per_execution

    settings = TrainingSettings.default(kind, epochs=epochs, seed=1)
    keras.utils.set_random_seed(1)
    design = settings.design_used()
    model = build_network(design, -(-60_000 // settings.batch_size) * epochs, steps_per_execution(design))
    ends = [time.perf_counter()]

    class Clock(keras.callbacks.Callback, TrainingListener):
        def on_epoch_end(self, epoch, logs=None):
            ends.append(time.perf_counter())

        def epoch_ended(self, epoch, metrics):
            ends.append(time.perf_counter())

    if keras_fit:
        one_hot = wants_one_hot_labels(model)
        batches = training_batches(mnist.x_train, mnist.y_train, settings.batch_size, settings.augment, 1, one_hot)
        validation = tf.data.Dataset.from_tensor_slices((mnist.x_test, mnist.y_test)).batch(1024).map(
            lambda batch, digits: (scaled(batch), targets(digits, one_hot)))  # as the app validated under fit()
        model.fit(batches, epochs=epochs, validation_data=validation, callbacks=[Clock()], verbose=0, shuffle=False)
    else:
        fit(model, settings, mnist, Clock(), threading.Event())
    return [b - a for a, b in zip(ends, ends[1:])]


def loop_against_keras_fit(kind: str, epochs: int, rounds: int, mnist) -> None:
    """The preset fitted by DigitPad's loop and by Keras' fit, alternating: first epoch, median of the rest."""
    runs = {"Keras fit": [], "DigitPad's loop": []}
    for _ in range(rounds):
        for name in runs:
            runs[name].append(epoch_seconds(kind, epochs, mnist, keras_fit=name == "Keras fit"))
            gc.collect()
    for name, results in runs.items():
        firsts = [r[0] for r in results]
        others = [statistics.median(r[1:]) for r in results]
        print(f"{kind} {epochs} epochs, {name:15s}: first epoch {statistics.median(firsts):.2f} s "
              f"{[round(f, 2) for f in firsts]}, each after {statistics.median(others):.2f} s "
              f"{[round(o, 2) for o in others]}", flush=True)


if __name__ == "__main__":
    main()
