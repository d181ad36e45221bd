"""A designed network trains as fast as the same network written by hand in Keras (issue 26: within 10%).

For the workshop MLP and LeNet-5: the preset built from its design (`keras_builder.build_network`)
against the same layers typed out here as a Keras Sequential, compiled with the same optimizer,
loss and steps per execution, each fitted by the core's `fit` on the same in-memory MNIST with
the same seed. Only the fit is timed (training plus the per-epoch validation pass), in this
process, alternating which goes first each round (this machine's timings wander by a third
from run to run; ratios of neighbouring runs are fair to both). Prints each round's seconds and
the designed/hand-written ratio, then the median ratio and its spread. Target: median <= 1.10.

    python bench/design_speed.py [--networks mlp,lenet] [--epochs 1] [--rounds 3]
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import digitpad  # noqa: E402,F401  (quiet TensorFlow logging)
from digitpad.core.mnist.loading import default_mnist_dir, default_tfds_dir, load_mnist  # noqa: E402

PRESETS = {"mlp": "Workshop MLP", "lenet": "LeNet-5"}


def hand_written(network: str):
    """The preset's network as a person would type it into Keras."""
    import keras
    from keras import layers

    if network == "mlp":
        stack = [layers.Flatten(), layers.Dense(128, activation="relu")]
    else:
        stack = [
            layers.Conv2D(6, 5, padding="same", activation="relu"), layers.MaxPooling2D(),
            layers.Conv2D(16, 5, padding="valid", activation="relu"), layers.MaxPooling2D(),
            layers.Flatten(), layers.Dense(120, activation="relu"), layers.Dense(84, activation="relu"),
        ]
    return keras.Sequential([keras.Input((28, 28, 1)), *stack, layers.Dense(10)])


def timed_fit(network: str, designed: bool, epochs: int, mnist) -> tuple[float, float]:
    """Build one way, fit with the core's `fit`; returns (seconds of the fit, test accuracy)."""
    import keras

    from digitpad.core.networks.keras_builder import build_network
    from digitpad.core.networks.keras_training import compile_model
    from digitpad.core.networks.presets import preset
    from digitpad.core.training.fit import TrainingListener, TrainingSettings, fit, steps_per_execution

    settings = TrainingSettings.from_design(preset(PRESETS[network]), epochs=epochs)
    design = settings.design_used()
    per_execution = steps_per_execution(design)
    keras.utils.set_random_seed(settings.seed)
    if designed:
        total_steps = epochs * math.ceil(len(mnist.y_train) / settings.batch_size)
        model = build_network(design, total_steps, per_execution)
    else:
        model = hand_written(network)
        compile_model(model, keras.optimizers.Adam(settings.learning_rate), per_execution)
    started = time.perf_counter()
    result = fit(model, settings, mnist, TrainingListener(), threading.Event())
    return time.perf_counter() - started, result.test_accuracy


def compare(network: str, epochs: int, rounds: int, mnist) -> list[float]:
    """Alternating rounds of both builds; prints each round, returns the designed/hand-written ratios."""
    ratios = []
    for index in range(rounds):
        order = (True, False) if index % 2 == 0 else (False, True)
        timings = {designed: timed_fit(network, designed, epochs, mnist) for designed in order}
        (designed_s, designed_acc), (hand_s, hand_acc) = timings[True], timings[False]
        ratios.append(designed_s / hand_s)
        print(f"{PRESETS[network]:>13}  round {index + 1}  designed {designed_s:6.2f} s ({designed_acc:.4f})  "
              f"hand-written {hand_s:6.2f} s ({hand_acc:.4f})  ratio {ratios[-1]:.3f}", flush=True)
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--networks", default="mlp,lenet", help="comma-separated: mlp, lenet")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    mnist = load_mnist(default_mnist_dir(), default_tfds_dir())
    print(f"{platform.processor() or platform.machine()}, python {platform.python_version()}, "
          f"{args.epochs} epoch(s) per fit, {args.rounds} alternating rounds")
    for network in args.networks.split(","):
        ratios = compare(network, args.epochs, args.rounds, mnist)
        print(f"{PRESETS[network]:>13}  median ratio {statistics.median(ratios):.3f}  "
              f"(spread {min(ratios):.3f} to {max(ratios):.3f})  target <= 1.10", flush=True)


if __name__ == "__main__":
    main()
