"""The shipped CNN reads the world's ways of writing each digit, written as strokes by random writers.

The allographs are bench/allographs.py's: the common forms of every digit and issue 28's styles
(the slashed 0, the long-flagged 1, the crossed 7, the open-topped 4, the hooked and open-looped 9),
each drawn from its description, not from MNIST or the training augmentation.
"""

import sys

import numpy as np
import pytest

from digitpad.core.drawing.strokes_pipeline import strokes_to_mnist_views
from digitpad.core.inference.loading import load_predictor
from tests.conftest import ROOT

sys.path.append(str(ROOT / "bench"))  # last: no bench script shadows a module
from allographs import TEMPLATES, allograph_sets, allograph_writers  # noqa: E402

WRITERS = 20


@pytest.fixture(scope="module")
def neat_writers():
    return allograph_sets(WRITERS, seed=1)


def read_through_the_canvas(predictor, drawings) -> np.ndarray:
    views = np.stack([strokes_to_mnist_views(drawing, min_extent=0) for drawing in drawings])
    probabilities = predictor.probabilities_batch(views.reshape(-1, 28, 28)).reshape(len(drawings), -1, 10)
    return probabilities.mean(axis=1).argmax(axis=1)


@pytest.mark.parametrize("digit, name", [(digit, name) for digit, name, _ in TEMPLATES])
def test_the_shipped_cnn_reads_each_way_of_writing_a_digit_by_neat_writers(cnn_path, neat_writers, digit, name):
    read = read_through_the_canvas(load_predictor(cnn_path), neat_writers[digit, name])

    assert np.mean(read == digit) >= 0.95, f"{name} {digit} read as {np.bincount(read, minlength=10)}"


def test_the_workshop_mlp_trained_without_the_styles_reads_the_slashed_zero_as_an_eight(mlp_path, neat_writers):
    read = read_through_the_canvas(load_predictor(mlp_path), neat_writers[0, "slashed*"])

    assert np.mean(read == 8) > 0.5  # the set asks something MNIST alone does not teach


def test_a_made_writer_writes_every_digit_the_same_way_each_time():
    records = allograph_writers(writers=3, per_digit=4, seed=2)
    assert len(records) == 3 * 10 * 4
    for writer in {r["writer"] for r in records}:
        for digit in range(10):
            own = [r["strokes"] for r in records if r["writer"] == writer and r["label"] == digit]
            assert len(own) == 4
            assert len({len(strokes) for strokes in own}) == 1  # one allograph: the same number of strokes
            assert own[0] != own[1]  # but each time a fresh hand
    zeros = allograph_writers(writers=30, per_digit=1, seed=2)
    assert {len(r["strokes"]) for r in zeros if r["label"] == 0} == {1, 2}  # writers differ: the slashed 0 too
