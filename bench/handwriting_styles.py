"""Reading handwriting styles MNIST's writers rarely used: evaluation sets built from the styles' descriptions.

Each set is every MNIST *test* digit of one class with the style drawn in by
`digitpad.core.mnist.styles` (the slashed 0, the crossed 7, the hooked 9),
`augment.flag_some_ones` (the flagged 1, and with a base) or `open_loops` (the open-looped 9:
the 9s it can open), with a fixed seed, so each set is the same for every model. The test digits
were never trained on; the drawing code is the training augmentation's, so these sets say whether
a model learnt the *style* on digits it has not seen, not whether it reads people's versions of it
(drawn-dev and the unseen writers say that). Each image goes through `predict`'s raster path
(`image_to_mnist`), alone ("single") and with the canvas's turned views averaged ("views",
`temperature.raster_views`). Also printed: plain MNIST test through the same two paths, and what
each style set is misread as.

    .venv/bin/python bench/handwriting_styles.py [MODEL.keras ...]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DIGITPAD_MNIST_DIR", str(ROOT.parent / "shared" / "mnist"))

import digitpad  # noqa: E402,F401

SETS = ("slashed 0", "crossed 7", "hooked 9", "flagged 1", "flag and base 1", "open-looped 9")


def style_sets(mnist) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    from digitpad.core.mnist.style_sets import styled_test_set

    sets = {"MNIST test": (mnist.x_test[..., 0].astype(np.float32) / 255, mnist.y_test)}
    for name in SETS:
        images, labels = styled_test_set(mnist.x_test, mnist.y_test, name, seed=0)
        sets[name] = (images[..., 0], labels)
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", type=Path)
    arguments = parser.parse_args()
    from digitpad.core.calibration.temperature import raster_views
    from digitpad.core.inference.loading import load_predictor
    from digitpad.core.mnist.loading import default_tfds_dir, load_mnist

    mnist = load_mnist(os.environ["DIGITPAD_MNIST_DIR"], default_tfds_dir() or str(ROOT / ".cache" / "tfds"))
    sets = {name: (raster_views(images), labels) for name, (images, labels) in style_sets(mnist).items()}
    for path in arguments.models or [ROOT / "assets" / "cnn.keras"]:
        predictor = load_predictor(path)
        print(f"{path}")
        for name, (views, labels) in sets.items():
            probabilities = predictor.probabilities_batch(views.reshape(-1, 28, 28)).reshape(len(labels), -1, 10)
            single, averaged = probabilities[:, 0].argmax(1), probabilities.mean(1).argmax(1)
            wrong = np.bincount(averaged[averaged != labels], minlength=10)
            as_what = ", ".join(f"{d}: {n}" for d, n in sorted(enumerate(wrong), key=lambda x: -x[1]) if n)[:60]
            print(f"  {name:11s} n={len(labels):5d}  single {np.mean(single == labels):.2%}  "
                  f"views {np.mean(averaged == labels):.2%}   misread as {as_what or '-'}")


if __name__ == "__main__":
    main()
