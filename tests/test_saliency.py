"""Saliency: occlusion through the inference runtime, judged by the deletion test on real MNIST digits."""

import numpy as np
import pytest

from digitpad.core.explain.dense_network import dense_network
from digitpad.core.explain.saliency import deletion_test, log_probabilities, occlude, saliency
from digitpad.core.inference.loading import load_predictor
from tests.conftest import ROOT

FAITHFUL_SHARE = 0.90


@pytest.mark.parametrize("model", ["mlp", "cnn"])
def test_deleting_the_most_salient_ink_hurts_more_than_random_ink_on_90_percent_of_500_test_images(mnist, model):
    predictor = load_predictor(ROOT / "assets" / f"{model}.keras")
    images = mnist.x_test[:500, :, :, 0] / np.float32(255)

    assert deletion_test(predictor, images, fraction=0.1, seed=0) >= FAITHFUL_SHARE


def test_every_digit_is_explained_from_one_batch_of_occluded_copies(mnist, mlp_path):
    predictor = load_predictor(mlp_path)
    image = mnist.x_test[0, :, :, 0] / np.float32(255)
    occlusion = occlude(predictor, image)

    ink = image >= 0.05
    assert occlusion.patches == ink.sum() and occlusion.occluded.shape == (ink.sum(), 10)
    for digit in (int(mnist.y_test[0]), 8):
        np.testing.assert_allclose(occlusion.saliency(digit), saliency(predictor, image, digit), atol=1e-6)
        assert not occlusion.saliency(digit)[~ink].any()  # only ink can be removed


def test_a_pixel_s_saliency_is_what_removing_it_costs_the_digit(mnist, mlp_path):
    predictor = load_predictor(mlp_path)
    image = mnist.x_test[1, :, :, 0] / np.float32(255)
    digit = int(mnist.y_test[1])
    row, column = np.unravel_index(np.argmax(image), image.shape)
    without = image.copy()
    without[row, column] = 0

    before, after = log_probabilities(predictor.read(np.stack([image, without])).probabilities)[:, digit]
    assert saliency(predictor, image, digit)[row, column] == pytest.approx(before - after, rel=1e-3, abs=1e-6)


def test_log_probabilities_keep_their_precision_near_certainty():
    probabilities = np.array([[1 - 3e-9, 1e-9, 2e-9, 0, 0, 0, 0, 0, 0, 0]], np.float32)
    probabilities[0, 0] = 1.0  # what float32 says
    assert log_probabilities(probabilities)[0, 0] == pytest.approx(-3e-9, rel=1e-3)


class ReportingOtherLayers:
    """The real twin, reporting other Dense layers than its own (None: that it has none)."""

    def __init__(self, predictor, layers):
        self._predictor, self._layers = predictor, layers

    def __getattr__(self, name):
        return getattr(self._predictor, name)

    def dense_layers(self):
        return self._layers


def test_a_dense_network_s_copies_are_computed_in_closed_form_with_the_runtime_s_answers(mnist, mlp_path):
    predictor = load_predictor(mlp_path)
    through_the_runtime = ReportingOtherLayers(predictor, None)
    assert dense_network(predictor) is not None and dense_network(through_the_runtime) is None

    for index in range(5):
        image = mnist.x_test[index, :, :, 0] / np.float32(255)
        closed_form, batch = occlude(predictor, image), occlude(through_the_runtime, image)
        np.testing.assert_allclose(closed_form.base, batch.base, atol=1e-4)
        np.testing.assert_allclose(closed_form.occluded, batch.occluded, atol=1e-4)


def test_layers_that_do_not_reproduce_the_model_are_not_used(mlp_path, cnn_path):
    predictor = load_predictor(mlp_path)
    (kernel, bias), *rest = predictor.dense_layers()
    wrong_bias = ReportingOtherLayers(predictor, [(kernel, bias + 0.5), *rest])

    assert dense_network(wrong_bias) is None
    assert load_predictor(cnn_path).dense_layers() is None  # convolutions: the runtime's batch
