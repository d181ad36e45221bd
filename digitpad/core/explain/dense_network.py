"""A network of Dense layers, computed in numpy: occlusion saliency in closed form. Pure.

Occluding one pixel of a Dense network's input changes its first layer's input by exactly that
pixel's value times its row of the kernel, so every one-pixel copy's hidden layer is the image's
minus one row: a (copies, units) subtraction instead of a (copies, 784) x (784, units) product
through the runtime. On the seed MLP that is about 60x less arithmetic than the batch of copies
it replaces, and the same numbers to float precision.

It is used only for a model whose answers it reproduces: the layers' numbers come from the
model (`Predictor.dense_layers`), and the activation between them (ReLU) is checked against the
model's own probabilities on a few probe images when a predictor is first seen.
"""

from __future__ import annotations

import weakref

import numpy as np

# What "reproduces" means: float32 arithmetic in another order moves probabilities by ~1e-7.
AGREEMENT = 1e-5
_PROBE_SEED = 0

_checked: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # predictor -> DenseNetwork | None


class DenseNetwork:
    """Flattened 28x28 input -> Dense + ReLU ... -> Dense logits, from the kernels and biases."""

    def __init__(self, layers: list[tuple[np.ndarray, np.ndarray]]):
        self.layers = [(np.asarray(k, np.float32), np.asarray(b, np.float32)) for k, b in layers]

    def logits(self, images: np.ndarray) -> np.ndarray:
        """(N, 10) logits for (N, 28, 28) images."""
        first, bias = self.layers[0]
        return self._after_first(np.asarray(images, np.float32).reshape(len(images), -1) @ first + bias)

    def occluded_logits(self, image: np.ndarray, pixels: np.ndarray) -> np.ndarray:
        """(1 + len(pixels), 10): the image's logits, then those of each copy without one of `pixels`.

        `pixels` are flat indices into the 28x28 image; copy k has pixel `pixels[k]` set to 0.
        """
        first, bias = self.layers[0]
        flat = np.asarray(image, np.float32).ravel()
        own = flat @ first + bias
        inputs = np.empty((1 + len(pixels), own.size), np.float32)
        inputs[0] = own
        np.multiply(flat[pixels, np.newaxis], first[pixels], out=inputs[1:])
        np.subtract(own, inputs[1:], out=inputs[1:])
        return self._after_first(inputs)

    def _after_first(self, inputs: np.ndarray) -> np.ndarray:
        """The first layer's ReLU and every later layer, the last without an activation."""
        values = inputs
        for kernel, bias in self.layers[1:]:
            values = np.maximum(values, 0) @ kernel + bias
        return values


def dense_network(predictor) -> DenseNetwork | None:
    """The predictor's model as a DenseNetwork, if it is one and reproduces the model; checked once."""
    if predictor in _checked:
        return _checked[predictor]
    layers = predictor.dense_layers()
    network = DenseNetwork(layers) if _shapes_chain(layers) else None
    if network is not None and not _reproduces(network, predictor):
        network = None  # another activation, or layers the op list does not tell: the runtime's batch then
    _checked[predictor] = network
    return network


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """log p for (N, 10) logits in float64, exact near p = 1 (log1p of the others' share)."""
    logits = np.asarray(logits, np.float64)
    shifted = logits - logits.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted)
    top = shifted == 0
    others = np.where(top, 0.0, exponentials).sum(axis=1, keepdims=True)  # the top's own 1 kept out
    return shifted - np.log1p(others + np.maximum(top.sum(axis=1, keepdims=True) - 1, 0))


def _shapes_chain(layers) -> bool:
    if not layers or layers[0][0].shape[0] != 784 or layers[-1][0].shape[1] != 10:
        return False
    return all(a[0].shape[1] == b[0].shape[0] for a, b in zip(layers, layers[1:]))


def _reproduces(network: DenseNetwork, predictor) -> bool:
    """Whether the network's softmax equals the model's probabilities on probe images (blank, ink, noise)."""
    rng = np.random.default_rng(_PROBE_SEED)
    probes = np.stack([np.zeros((28, 28)), np.full((28, 28), 0.5), *rng.uniform(0, 1, (2, 28, 28))]).astype(np.float32)
    ours = np.exp(log_softmax(network.logits(probes)))
    return bool(np.allclose(ours, predictor.read(probes).probabilities, atol=AGREEMENT, rtol=0))
