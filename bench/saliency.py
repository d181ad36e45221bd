"""Saliency faithfulness: the deletion test on 500 MNIST test images, for each shipped model.

For each image, its 10% most salient ink pixels are deleted (set to 0), and as many ink pixels
at random; the saliency is faithful on that image when the first deletion lowers the top
digit's probability more. Target: faithful on >= 90% of the images. Also prints the time one
saliency map takes (one batched occlusion call through the model's LiteRT twin).

    python bench/saliency.py [--images 500]     (DIGITPAD_MNIST_DIR: the official MNIST files)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from digitpad.core.assets import shipped_models  # noqa: E402
from digitpad.core.explain.saliency import deletion_test, patch_size, saliency  # noqa: E402
from digitpad.core.inference.loading import load_predictor  # noqa: E402
from digitpad.core.mnist.loading import MnistUnavailable, default_mnist_dir  # noqa: E402
from digitpad.core.mnist.test_files import read_test_set  # noqa: E402

TARGET = 0.90


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=500)
    arguments = parser.parse_args()
    try:
        images, _ = read_test_set(default_mnist_dir())
    except MnistUnavailable as error:
        parser.exit(3, f"{error} Set DIGITPAD_MNIST_DIR, e.g. to ../shared/mnist.\n")
    images = images[: arguments.images]
    print(f"deletion test on {len(images)} MNIST test images, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
    for path in shipped_models():
        predictor = load_predictor(path)
        share = deletion_test(predictor, images, fraction=0.1, seed=0)
        timings = []
        for image in images[:100]:
            started = time.perf_counter()
            saliency(predictor, image, int(np.argmax(predictor.probabilities(image))))
            timings.append((time.perf_counter() - started) * 1000)
        verdict = "met" if share >= TARGET else "NOT met"
        print(
            f"{path.stem:4s} ({predictor.runtime}, {patch_size(predictor)}x{patch_size(predictor)} occlusion): "
            f"faithful on {share:.1%} (target >= {TARGET:.0%}: {verdict}); "
            f"one map p50 {np.median(timings):.2f} ms, p95 {np.percentile(timings, 95):.2f} ms"
        )


if __name__ == "__main__":
    main()
