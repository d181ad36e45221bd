"""Make a shipped model with a settled recipe, calibrated, outside assets/: model, LiteRT twin, card, curve.

Trains on the first 59,000 MNIST training digits; the last 1,000 are held out and used only to
fit the temperature (`digitpad.core.calibration.temperature.calibrate`, over the canvas's views),
which is folded into the output layer before the model and its twin are written. The card gets
the recipe, the history, the test accuracy (before calibration and after: the same), the
temperature and the ECE on the held-out digits before and after.

    .venv/bin/python bench/ship_models.py --kind cnn --epochs 12 --batch 256 --seed 42 --out .cache/shipped/cnn.keras
    .venv/bin/python bench/ship_models.py --kind mlp --out .cache/shipped/mlp.keras   # the workshop recipe exactly

The CNN is `recipe_search.architecture("base")` (today's fast_cnn) under the recipe search's
optimizer and schedule, the stand-in for the design code path that will make it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))

import digitpad  # noqa: E402,F401


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("cnn", "mlp"), required=True)
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--batch", type=int)
    parser.add_argument("--lr", type=float)
    parser.add_argument("--warmup", type=float, default=0.25)
    parser.add_argument("--spe", type=int, default=16)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, required=True)
    a = parser.parse_args()
    import keras
    from recipe_search import architecture, one_cycle

    from digitpad.core.calibration.temperature import HELD_OUT, calibrate
    from digitpad.core.mnist.loading import default_tfds_dir, load_mnist
    from digitpad.core.mnist.pipeline import evaluation_batches, training_batches
    from digitpad.core.networks.builders import build_model
    from digitpad.core.runs.model_files import save_model
    from digitpad.core.training.learning_curve import learning_curve_png

    mnist = load_mnist(os.environ["DIGITPAD_MNIST_DIR"], default_tfds_dir() or str(ROOT / ".cache" / "tfds"))
    x, y = mnist.x_train[:-HELD_OUT], mnist.y_train[:-HELD_OUT]
    held_x, held_y = mnist.x_train[-HELD_OUT:], mnist.y_train[-HELD_OUT:]
    keras.utils.set_random_seed(a.seed)
    if a.kind == "mlp":  # the workshop's recipe, unchanged: 8 epochs of 128, Adam 0.001, no augmentation
        epochs, batch, lr, augment, one_hot = a.epochs or 8, a.batch or 128, a.lr or 1e-3, False, False
        model = build_model("mlp", lr, steps_per_execution=64)
        recipe = {"model_kind": "mlp", "epochs": epochs, "batch_size": batch, "learning_rate": lr, "augment": False}
    else:
        epochs, batch, lr, augment, one_hot = a.epochs or 12, a.batch or 256, a.lr or 3e-3, True, True
        steps = -(-len(x) // batch) * epochs
        model = architecture("base")
        model.compile(
            optimizer=keras.optimizers.Adam(one_cycle(lr, steps, a.warmup), use_ema=True, ema_momentum=0.99),
            loss=keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1),
            metrics=["accuracy"],
            steps_per_execution=a.spe,
        )
        recipe = {
            "model_kind": "cnn", "epochs": epochs, "batch_size": batch, "learning_rate": lr, "augment": True,
            "schedule": f"one-cycle: linear warm-up from lr/25 over {a.warmup:.0%} of the steps, cosine to lr*0.002",
            "optimizer": "adam, EMA 0.99", "label_smoothing": 0.1, "steps_per_execution": a.spe,
            "augmentation": "rotation 10 deg, scale 0.9-1.1, shift 2 px, stroke width, flagged 1s, "
                            "slashed 0s, crossed 7s, hooked 9s",
        }
    recipe["seed"] = a.seed
    recipe["trained_on"] = f"MNIST training digits 0-{len(x) - 1} ({len(x)}); the last {HELD_OUT} held out"
    started = time.perf_counter()
    history = model.fit(
        training_batches(x, y, batch, augment, a.seed, one_hot),
        epochs=epochs,
        validation_data=evaluation_batches(mnist.x_test, mnist.y_test, one_hot=one_hot),
        verbose=2,
        shuffle=False,
    ).history
    seconds = time.perf_counter() - started
    test = evaluation_batches(mnist.x_test, mnist.y_test, one_hot=one_hot)
    accuracy = float(model.evaluate(test, verbose=0)[1])
    started_calibration = time.perf_counter()
    calibration = calibrate(model, held_x, held_y, views=True)
    calibration_seconds = time.perf_counter() - started_calibration
    after = float(model.evaluate(test, verbose=0)[1])
    history = {k: [float(v) for v in values] for k, values in history.items()}
    card = {
        "recipe": recipe,
        "history": history,
        "test_accuracy": accuracy,
        "test_accuracy_after_calibration": after,
        "training_seconds": round(seconds, 2),
        "epochs_completed": epochs,
        "calibration": {**calibration.card(), "seconds": round(calibration_seconds, 2)},
        "load_average": round(os.getloadavg()[0], 2),
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    save_model(model, a.out, card, learning_curve_png(history, f"{a.kind} on MNIST"))
    print(f"{a.kind}: test {accuracy:.4f} (after calibration {after:.4f}) in {seconds:.1f} s; "
          f"T {calibration.temperature:.3f}, held-out ECE {calibration.ece_before:.2%} -> {calibration.ece_after:.2%} "
          f"({calibration_seconds:.1f} s); wrote {a.out}")


if __name__ == "__main__":
    main()
