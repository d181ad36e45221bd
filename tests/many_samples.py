"""A semester's samples, made fast: a hundred odd-style drawings filed again and again, a minute apart."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.samples.store import make_sample
from tests.odd_style import draw


def write_many_samples(folder: Path, count: int) -> Path:
    """`count` sample files in `folder`, labels cycling 0-9, as DigitPad writes them."""
    drawings = [draw(index % 10, np.random.default_rng(index)) for index in range(100)]
    images = [strokes_to_mnist(strokes) for strokes in drawings]
    start = time.time() - count * 60
    for index in range(count):
        strokes, image = drawings[index % 100], images[index % 100]
        sample = make_sample(strokes, image, index % 10, created=start + index * 60)
        (folder / f"sample-{sample.id}.json").write_text(json.dumps(sample.to_json()))
    return folder


def link_samples(source: Path, target: Path) -> Path:
    """Hard links to every file in `source`, in `target` (made): a private copy in no time."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        os.link(path, target / path.name)
    return target
