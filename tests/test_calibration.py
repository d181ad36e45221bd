"""Calibration: the ECE of known cases, a temperature recovered from synthetic logits, and folding that is exact."""

from dataclasses import replace

import numpy as np
import pytest

from digitpad.core.calibration.temperature import (
    calibrated_probabilities,
    fit_temperature,
    raster_views,
    softmax,
)
from digitpad.core.explain.calibration import expected_calibration_error, not_sure, reliability_bins


def _confident(confidence: float, count: int, label: int = 0) -> np.ndarray:
    rest = (1.0 - confidence) / 9
    probabilities = np.full((count, 10), rest)
    probabilities[:, label] = confidence
    return probabilities


def test_ece_of_a_known_case():
    # 100 readings at 0.9 confidence, 80 of them right: one bin, gap 0.1.
    probabilities = _confident(0.9, 100)
    labels = np.array([0] * 80 + [1] * 20)
    assert expected_calibration_error(probabilities, labels) == pytest.approx(0.10)

    # Two bins: 50 at 0.95 all right (gap 0.05), 50 at 0.55 with 30 right (gap 0.05): ECE 0.05.
    probabilities = np.concatenate([_confident(0.95, 50), _confident(0.55, 50)])
    labels = np.array([0] * 50 + [0] * 30 + [2] * 20)
    bins = reliability_bins(probabilities, labels)
    assert bins.counts.sum() == 100 and (bins.counts > 0).sum() == 2
    assert bins.ece == pytest.approx(0.05)
    assert np.nanmax(bins.accuracy) == 1.0


def test_a_perfectly_calibrated_model_has_an_ece_near_zero():
    rng = np.random.default_rng(0)
    confidence = rng.uniform(0.2, 1.0, 200_000)
    right = rng.uniform(size=confidence.size) < confidence
    probabilities = np.zeros((confidence.size, 10))
    probabilities[:, 0] = confidence
    probabilities[:, 1] = 1 - confidence  # never the largest above 0.5; below it the argmax is 1
    labels = np.where(right, np.argmax(probabilities, 1), 9)
    high = confidence >= 0.5
    assert expected_calibration_error(probabilities[high], labels[high]) < 0.005


def test_not_sure_counts_each_side_of_the_line():
    probabilities = np.concatenate([_confident(0.5, 10), _confident(0.9, 30)])
    labels = np.array([0] * 4 + [1] * 6 + [0] * 27 + [1] * 3)
    measured = not_sure(probabilities, labels, 0.6)
    assert measured.share_below == pytest.approx(0.25)
    assert measured.accuracy_below == pytest.approx(0.4)
    assert measured.accuracy_above == pytest.approx(0.9)


def _synthetic(temperature: float, count: int = 20_000, views: int = 0, seed: int = 0):
    """Logits whose labels are drawn from softmax(logits / temperature): that T is the true one."""
    rng = np.random.default_rng(seed)
    shape = (count, views, 10) if views else (count, 10)
    logits = rng.normal(0, 4, shape)
    truth = calibrated_probabilities(logits, temperature)
    labels = (rng.uniform(size=(count, 1)) > np.cumsum(truth, axis=1)).sum(axis=1)
    return logits, np.minimum(labels, 9)


@pytest.mark.parametrize("true_temperature", [0.5, 1.0, 2.5])
def test_the_fit_recovers_a_known_temperature(true_temperature):
    logits, labels = _synthetic(true_temperature)
    assert fit_temperature(logits, labels) == pytest.approx(true_temperature, rel=0.05)


def test_the_fit_recovers_it_through_averaged_views_too():
    logits, labels = _synthetic(2.0, count=8_000, views=3, seed=1)
    assert fit_temperature(logits, labels) == pytest.approx(2.0, rel=0.07)
    assert fit_temperature([logits, logits], labels) == pytest.approx(fit_temperature(logits, labels), rel=1e-3)


def test_calibrating_lowers_the_ece_of_an_under_confident_model():
    logits, labels = _synthetic(1.0, seed=2)
    under = logits / 3  # what label smoothing does, roughly
    t = fit_temperature(under, labels)
    assert t == pytest.approx(1 / 3, rel=0.05)
    before = expected_calibration_error(softmax(under), labels)
    after = expected_calibration_error(calibrated_probabilities(under, t), labels)
    assert after < 0.01 < before


def test_raster_views_keep_view_zero_close_to_the_image_and_turn_the_others(mnist):
    images = mnist.x_test[:20, ..., 0].astype(np.float32) / 255
    views = raster_views(images)
    assert views.shape == (20, 3, 28, 28) and views.dtype == np.float32
    assert np.abs(views[:, 0] - images).mean() < 0.05  # MNIST is already scaled and centred (predict re-crops it)
    assert np.abs(views[:, 1] - images).mean() > 0.03
    assert 0.0 <= views.min() and views.max() <= 1.0


def test_the_held_out_views_rendered_while_a_network_trains_are_those_rendered_at_the_end(mnist):
    from digitpad.core.calibration.held_out import HeldOut, calibrate_model, set_aside

    meanwhile = HeldOut(mnist.x_train[:40], mnist.y_train[:40])
    meanwhile.render_views_meanwhile()
    at_the_end = HeldOut(mnist.x_train[:40], mnist.y_train[:40])
    np.testing.assert_array_equal(meanwhile.views(), at_the_end.views())
    assert meanwhile.views().shape == (40, 3, 28, 28)
    kept, held_out = set_aside(mnist)
    assert len(kept.x_train) == 59_000 and len(held_out) == 1_000
    small = replace(mnist, x_train=mnist.x_train[:500], y_train=mnist.y_train[:500])
    kept, none = set_aside(small)  # too few to split: trained on whole, left uncalibrated
    assert kept is small and len(none) == 0 and calibrate_model(None, none) is None


def test_the_held_out_digits_are_spread_through_the_whole_training_file(mnist):
    """A block at one end of the file is a few writers' digits, not a sample of MNIST's."""
    from digitpad.core.calibration.held_out import set_aside

    numbered = replace(mnist, x_train=np.arange(60_000), y_train=np.arange(60_000))  # each digit's place
    kept, held_out = set_aside(numbered)
    places = held_out.labels
    assert len(places) == 1_000 and set(np.diff(places)) == {60}
    assert places[0] < 60 and places[-1] >= 59_940  # from the first tenth of the file to its end
    assert not set(places) & set(kept.y_train) and len(kept.y_train) + len(places) == 60_000


def test_folding_the_temperature_is_exact_and_keeps_every_argmax(mnist):
    keras = pytest.importorskip("keras")
    from digitpad.core.calibration.temperature import calibrate, fold_temperature, model_logits

    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(16, "relu"),
                              keras.layers.Dense(10)])
    model.layers[-1].bias.assign(np.linspace(-1, 1, 10).astype(np.float32))
    images = mnist.x_test[:300].astype(np.float32) / 255
    before = model_logits(model, images)
    fold_temperature(model, 0.4)
    after = model_logits(model, images)
    np.testing.assert_allclose(after, before / 0.4, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(softmax(after), calibrated_probabilities(before, 0.4), atol=1e-5)
    assert (after.argmax(1) == before.argmax(1)).all()

    result = calibrate(model, mnist.x_test[:300], mnist.y_test[:300], views=False)
    assert result.temperature > 0 and result.held_out == 300 and result.path == "single"
    assert (model_logits(model, images).argmax(1) == before.argmax(1)).all()
    assert set(result.card()) >= {"temperature", "ece_before", "ece_after"}


def test_a_model_without_logits_out_is_refused():
    keras = pytest.importorskip("keras")
    from digitpad.core.calibration.temperature import fold_temperature

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(10, activation="softmax")])
    with pytest.raises(ValueError, match="logits"):
        fold_temperature(model, 2.0)
