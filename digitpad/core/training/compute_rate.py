"""The arithmetic a run did and how fast: examples a second and GFLOP/s, from the network's multiply-adds.

A training example costs about three forward passes (the backward pass about two), each
2 FLOP per multiply-add; a validation example one forward pass. The rate is what the run
sustained over its whole fit, validation included, not a peak. A learner sees what a bigger
network costs, and how far the machine is from its limit.
"""

from __future__ import annotations


def run_flops(macs: int, train_examples: int, test_examples: int, epochs: int) -> float:
    """Floating-point operations of `epochs` epochs of training and validation."""
    return 2.0 * macs * (3 * train_examples + test_examples) * epochs


def arithmetic_rate(macs: int, train_examples: int, test_examples: int, epochs: int, seconds: float) -> dict:
    """{"examples_per_second", "gflops"} sustained over a run of `seconds`."""
    if seconds <= 0 or epochs <= 0:
        return {"examples_per_second": None, "gflops": None}
    flops = run_flops(macs, train_examples, test_examples, epochs)
    return {"examples_per_second": round(train_examples * epochs / seconds), "gflops": round(flops / seconds / 1e9, 1)}


def training_gflops(macs: int, examples_per_second: float) -> float:
    """GFLOP/s of training alone at this many examples a second (the progress line's figure)."""
    return 6.0 * macs * examples_per_second / 1e9


def training_device() -> str:
    """Where TensorFlow trains: "GPU (its name)" when it sees one, else "CPU". Imports TensorFlow."""
    import tensorflow as tf

    gpus = tf.config.list_logical_devices("GPU")
    if not gpus:
        return "CPU"
    details = tf.config.experimental.get_device_details(tf.config.list_physical_devices("GPU")[0])
    return f"GPU ({details.get('device_name', gpus[0].name)})"
