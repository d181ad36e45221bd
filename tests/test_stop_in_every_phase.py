"""Stop is honoured in every phase of a run, not only between training batches."""

import threading
import time

import keras
import numpy as np
import pytest

from digitpad.core.networks.builders import build_model, compile_model
from digitpad.core.training.fine_tuning import FineTuneSettings, fine_tune
from digitpad.core.training.fit import (
    STEPS_PER_EXECUTION,
    TrainingListener,
    TrainingSettings,
    TrainingStopped,
    evaluate,
    fit,
)

# A stop lands within one execution of steps, plus tracing the evaluation step the first time it
# runs (about a second on a busy CPU); a CNN's full pass over the test split takes several seconds.
STOP_LATENCY_S = 2.5


class StopWhen(TrainingListener):
    """Sets the stop event at a chosen moment of the run, and records what happened after it."""

    def __init__(self, stop_event, phase=None, at_first_batch=False):
        self.stop_event, self.phase, self.at_first_batch = stop_event, phase, at_first_batch
        self.phases, self.epochs_ended, self.stopped_at = [], [], None

    def _stop(self):
        if self.stopped_at is None:
            self.stopped_at = time.perf_counter()
            self.stop_event.set()

    def phase_changed(self, phase):
        self.phases.append(phase)
        if phase == self.phase:
            self._stop()

    def batch_progress(self, *_):
        if self.at_first_batch:
            self._stop()

    def epoch_ended(self, epoch, metrics):
        self.epochs_ended.append(epoch)


def tiny_fit(mnist, listener, stop_event, averaged=False):
    """One epoch on 256 images (one execution of steps), validated on all 10,000 test images.

    `averaged`: with the CNN's weight averaging (EMA), the one kind of run with a final evaluation pass.
    """
    model = build_model("mlp", 1e-3, total_steps=2, steps_per_execution=STEPS_PER_EXECUTION["mlp"])
    if averaged:
        compile_model(model, keras.optimizers.Adam(1e-3, use_ema=True), STEPS_PER_EXECUTION["mlp"])
    settings = TrainingSettings(epochs=1)
    return fit(model, settings, mnist, listener, stop_event, mnist.x_train[:256], mnist.y_train[:256])


def test_a_stop_during_validation_ends_the_run_before_the_epoch_ends(mnist):
    stop = threading.Event()
    listener = StopWhen(stop, at_first_batch=True)  # after the last batch's check: the next one is validation's

    with pytest.raises(TrainingStopped):
        tiny_fit(mnist, listener, stop)

    assert listener.stopped_at is not None
    assert listener.epochs_ended == [] and "evaluating" not in listener.phases
    assert time.perf_counter() - listener.stopped_at < STOP_LATENCY_S


def test_a_stop_during_the_final_evaluation_ends_the_run_without_a_result(mnist):
    stop = threading.Event()
    listener = StopWhen(stop, phase="evaluating")

    with pytest.raises(TrainingStopped):
        tiny_fit(mnist, listener, stop, averaged=True)

    assert listener.epochs_ended == [1]
    assert time.perf_counter() - listener.stopped_at < STOP_LATENCY_S


def test_evaluating_with_a_stop_already_asked_for_runs_no_step(mnist, cnn_path):
    from digitpad.core.training.fine_tuning import load_for_training

    stop = threading.Event()
    stop.set()
    model = load_for_training(cnn_path, 1e-4)
    started = time.perf_counter()

    with pytest.raises(TrainingStopped):
        evaluate(model, mnist, stop)
    assert time.perf_counter() - started < STOP_LATENCY_S


def samples(mnist, count=40):
    return mnist.x_test[:count].astype(np.float32).squeeze() / 255.0, mnist.y_test[:count]


@pytest.mark.parametrize("phase", ["loading model", "evaluating"])
def test_a_stop_in_the_fine_tuning_preamble_ends_it_before_any_training(mnist, cnn_path, phase):
    stop = threading.Event()
    listener = StopWhen(stop, phase=phase)
    images, labels = samples(mnist)

    with pytest.raises(TrainingStopped):
        fine_tune(cnn_path, images, labels, mnist, FineTuneSettings(epochs=1), listener, stop)

    assert "training" not in listener.phases
    assert listener.phases[-1] == phase  # nothing after the phase it was stopped in
    assert time.perf_counter() - listener.stopped_at < STOP_LATENCY_S
