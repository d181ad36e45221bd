"""Fine-tuning on the person's samples teaches the model their handwriting without forgetting MNIST."""

import hashlib
import json
import threading

import numpy as np
import pytest

from digitpad.core.drawing.preprocess import strokes_to_mnist
from digitpad.core.samples.sample_mix import mixed_training_arrays
from digitpad.core.training import fit as training
from digitpad.core.training.fine_tuning import FineTuneSettings, fine_tune, holdout_split, sample_accuracy
from digitpad.core.training.fit import TrainingListener, TrainingSettings, TrainingStopped
from tests.odd_style import drawings


@pytest.fixture(scope="module")
def odd_samples():
    """200 seven-segment-style drawings (20 per digit) rendered as the canvas would."""
    strokes, labels = drawings(per_digit=20, seed=3)
    return np.stack([strokes_to_mnist(s) for s in strokes]), labels


class Recorder(TrainingListener):
    def __init__(self):
        self.phases, self.epochs = [], []

    def phase_changed(self, phase):
        self.phases.append(phase)

    def epoch_ended(self, epoch, metrics):
        self.epochs.append(epoch)


@pytest.mark.slow
def test_fine_tuning_fixes_an_odd_handwriting_and_keeps_mnist(mnist, mlp_path, odd_samples):
    images, labels = odd_samples
    file_before = hashlib.sha256(mlp_path.read_bytes()).hexdigest()
    recorder = Recorder()

    result = fine_tune(mlp_path, images, labels, mnist, listener=recorder)

    assert (result.samples_trained, result.samples_held_out) == (160, 40)
    assert result.held_out_before <= 0.75, "the style must be one the base model misreads"
    assert result.held_out_after >= 0.9
    assert result.held_out_after - result.held_out_before >= 0.25
    assert result.mnist_before - result.mnist_after <= 0.005
    assert result.seconds < 30
    assert recorder.epochs == [1, 2, 3] and "training" in recorder.phases
    assert hashlib.sha256(mlp_path.read_bytes()).hexdigest() == file_before, "the model file is only read"
    _, held = holdout_split(labels)
    assert sample_accuracy(result.model, images[held], labels[held]) == result.held_out_after
    card = json.loads(json.dumps(result.card()))
    assert card["held_out_accuracy_after"] == result.held_out_after
    assert card["test_accuracy"] == result.mnist_after
    assert card["recipe"]["augment"] is False, "the seed MLP was trained without augmentation"
    assert card["design"]["name"] == "Workshop MLP" and card["parameters"] == 101_770  # the base's network


def test_fine_tuning_honours_the_stop_event(mnist, mlp_path, odd_samples):
    stop = threading.Event()
    stop.set()
    with pytest.raises(TrainingStopped):
        fine_tune(mlp_path, *odd_samples, mnist, FineTuneSettings(epochs=1), stop_event=stop)


def test_fine_tuning_needs_samples(mnist, mlp_path):
    with pytest.raises(ValueError, match="no samples"):
        fine_tune(mlp_path, np.zeros((0, 28, 28)), np.zeros(0), mnist)


def test_the_holdout_is_a_deterministic_fifth_of_each_digit():
    labels = np.repeat(np.arange(10), 10)
    train, held = holdout_split(labels, 0.2, seed=1)

    assert np.bincount(labels[held], minlength=10).tolist() == [2] * 10
    assert sorted(np.concatenate([train, held]).tolist()) == list(range(100))
    again_train, again_held = holdout_split(labels, 0.2, seed=1)
    assert held.tolist() == again_held.tolist() and train.tolist() == again_train.tolist()


def test_a_digit_with_one_sample_keeps_it_for_training():
    train, held = holdout_split(np.array([3, 5, 5, 5, 5, 5]), 0.2)

    assert 0 in train
    assert len(held) == 1


def test_a_full_run_mixes_the_samples_in_at_a_few_percent(mnist, odd_samples):
    images, labels = odd_samples

    x, y = mixed_training_arrays(mnist, images, labels, share=0.03)

    added = len(y) - len(mnist.y_train)
    assert x.dtype == np.uint8 and x.shape == (len(y), 28, 28, 1)
    assert added % len(labels) == 0 and 0.025 <= added / len(y) <= 0.035
    first = np.round(images[0] * 255).astype(np.uint8)
    assert np.sum(np.all(x[..., 0] == first, axis=(1, 2))) == added // len(labels)


@pytest.mark.slow
def test_a_full_run_including_samples_learns_them(mnist, odd_samples):
    images, labels = odd_samples
    train, held = holdout_split(labels)

    result = training.train(TrainingSettings(epochs=2), mnist, samples=(images[train], labels[train]))

    assert result.test_accuracy > 0.95
    held_out = sample_accuracy(result.model, images[held], labels[held])
    assert held_out >= 0.9
