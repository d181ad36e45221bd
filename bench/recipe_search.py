"""CNN recipe experiments, outside the app's builders: hand-written Keras models on the app's own batches.

Each run trains on 59,000 MNIST training digits (every 60th is held out for calibration, as the
app's runs and the shipped models hold it out; `--held-out 5000` trains on the first 55,000, as
before 2026-12-07), with `digitpad.core.mnist.pipeline.training_batches` (augmentation included), and
prints one line: recipe, fit seconds (training only, no per-epoch validation), seconds per epoch,
MNIST test accuracy of the weights the run keeps (EMA swapped in).

    .venv/bin/python bench/recipe_search.py --arch base --epochs 6 --seed 1 [--lr 3e-3 --batch 512 ...]

Runs are meant to be alternated with the current recipe (`--arch base --epochs 6`) in one
shell loop, one training at a time: this machine's timings wander.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))

import digitpad  # noqa: E402,F401  (quiet TensorFlow logging)

HELD_OUT = 1_000  # every 60th training digit, as the app sets them aside (--held-out N: the last N instead)


def block(filters, kernel=3, strides=1, pool=True, bn_momentum=0.9):
    from keras import layers

    from digitpad.core.networks.fused_batch_norm import FusedBatchNormalization  # as the app trains them

    conv = layers.Conv2D(filters, kernel, strides=strides, padding="same", use_bias=False)
    pooling = [layers.MaxPooling2D()] if pool else []
    return [conv, *pooling, FusedBatchNormalization(momentum=bn_momentum), layers.ReLU()]


def architecture(name: str):
    """The networks tried; `base` is today's fast_cnn."""
    import keras
    from keras import layers

    specs = {
        # today's: 16 5x5/2, 32 pool, 64 pool, 128; Dense 128 (2.7 MMAC)
        "base": [(16, 5, 2, False), (32, 3, 1, True), (64, 3, 1, True), (128, 3, 1, False)],
        # the same without the 3x3x128 block (2.0 MMAC)
        "three": [(16, 5, 2, False), (32, 3, 1, True), (64, 3, 1, True)],
        # wider middle, no last block (3.6 MMAC)
        "wide3": [(24, 5, 2, False), (48, 3, 1, True), (96, 3, 1, True)],
        # narrower second block (1.9 MMAC)
        "slim": [(16, 5, 2, False), (24, 3, 1, True), (64, 3, 1, True), (128, 3, 1, False)],
        # wider (5.1 MMAC), for the shipped model
        "wide": [(24, 5, 2, False), (48, 3, 1, True), (96, 3, 1, True), (192, 3, 1, False)],
        # 32 wide at 14 x 14, pooled at once: no convolution at 14 x 14 but the first (1.9 MMAC)
        "pool1": [(32, 5, 2, True), (64, 3, 1, True), (128, 3, 1, False)],
        # the same, narrower after the first block (1.3 MMAC)
        "pool1n": [(32, 5, 2, True), (48, 3, 1, True), (96, 3, 1, False)],
        # the second block strided instead of pooled (2.0 MMAC)
        "s2mid": [(16, 5, 2, False), (32, 3, 2, False), (64, 3, 1, True), (128, 3, 1, False)],
    }
    parts = [keras.Input((28, 28, 1))]
    for filters, kernel, strides, pool in specs[name]:
        parts += block(filters, kernel, strides, pool)
    parts += [layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(10)]
    return keras.Sequential(parts, name=name)


def one_cycle(peak, total_steps, warmup_share=0.25):
    import keras

    warmup = max(1, int(total_steps * warmup_share))
    return keras.optimizers.schedules.CosineDecay(
        peak / 25, total_steps - warmup, alpha=0.002, warmup_target=peak, warmup_steps=warmup
    )


def run(arguments) -> dict:
    import keras

    from digitpad.core.mnist.loading import load_mnist
    from digitpad.core.mnist.pipeline import training_batches
    from digitpad.core.training.training_loop import Evaluator

    mnist = load_mnist(os.environ["DIGITPAD_MNIST_DIR"], str(Path("/work/main/.cache/tfds")))
    if arguments.held_out == HELD_OUT:  # as the app holds them out: every 60th digit
        from digitpad.core.calibration.held_out import set_aside

        kept = set_aside(mnist)[0]
        x, y = kept.x_train, kept.y_train
    else:
        x, y = mnist.x_train[:-arguments.held_out], mnist.y_train[:-arguments.held_out]
    keras.utils.set_random_seed(arguments.seed)
    steps = -(-len(x) // arguments.batch) * arguments.epochs
    model = architecture(arguments.arch)
    optimizer = keras.optimizers.Adam(
        one_cycle(arguments.lr, steps, arguments.warmup), use_ema=arguments.ema > 0, ema_momentum=arguments.ema or 0.99
    )
    model.compile(
        optimizer=optimizer,
        loss=keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=arguments.smoothing),
        metrics=["accuracy"],
        steps_per_execution=arguments.spe,
    )
    batches = training_batches(x, y, arguments.batch, not arguments.no_augment, arguments.seed, one_hot=True)
    epoch_seconds = []

    class Clock(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            epoch_seconds.append(round(time.perf_counter() - self.started, 1))

    started = time.perf_counter()
    model.fit(batches, epochs=arguments.epochs, callbacks=[Clock()], verbose=0, shuffle=False)
    seconds = time.perf_counter() - started
    accuracy = Evaluator(model, one_hot=True)(mnist.x_test, mnist.y_test)["accuracy"]
    if arguments.save:
        model.save(arguments.save)
    return {
        "arch": arguments.arch, "epochs": arguments.epochs, "batch": arguments.batch, "lr": arguments.lr,
        "smoothing": arguments.smoothing, "ema": arguments.ema, "spe": arguments.spe, "warmup": arguments.warmup,
        "augment": not arguments.no_augment, "trained_on": len(x), "seed": arguments.seed, "fit_s": round(seconds, 1),
        "epoch_s": epoch_seconds, "test": round(float(accuracy), 4), "load": round(os.getloadavg()[0], 2),
        "mmac": round(_macs(model) / 1e6, 2),
    }


def _macs(model) -> int:
    from keras import layers

    total = 0
    for layer in model.layers:
        if isinstance(layer, layers.Conv2D):
            h, w, c = layer.output.shape[1:]
            total += h * w * c * layer.kernel.shape[0] * layer.kernel.shape[1] * layer.kernel.shape[2]
        elif isinstance(layer, layers.Dense):
            total += layer.kernel.shape[0] * layer.kernel.shape[1]
    return int(total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", default="base")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--smoothing", type=float, default=0.1)
    parser.add_argument("--ema", type=float, default=0.99)
    parser.add_argument("--spe", type=int, default=4)
    parser.add_argument("--warmup", type=float, default=0.25)
    parser.add_argument("--no-augment", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--held-out", type=int, default=HELD_OUT, help="training digits kept out, from the end")
    parser.add_argument("--save", help="save the trained model here (.keras)")
    arguments = parser.parse_args()
    print(json.dumps(run(arguments)), flush=True)


if __name__ == "__main__":
    main()
