"""How fast training goes: how long a design will take on this machine, and what a finished run sustained.

Before a run, the panel's "about N s": a step costs a fixed overhead (the batch, the optimizer's
update) plus its arithmetic: about three times the forward pass's multiply-adds (the backward pass
costs about twice the forward), for every example of the batch. The two constants fit the shipped
models' runs on this project's 2-core machine (2026-12-07, DigitPad's own training loop: the
workshop MLP, 8 epochs in 3.1 s; the CNN, 12 in 53 s); the runs in the models folder then scale
them to the machine at hand. Pure Python: the panel asks on every edit.

After a run, its examples a second and GFLOP/s, from the network's multiply-adds: the rate it
sustained over its whole fit, validation included (a validation example costs one forward pass),
not a peak. A learner sees what a bigger network costs, and how far the machine is from its limit.
"""

from __future__ import annotations

import math
import statistics

from digitpad.core.networks.card_designs import design_of_card
from digitpad.core.networks.layer_shapes import summarize

TRAIN_EXAMPLES, TEST_EXAMPLES = 60_000, 10_000
STEP_OVERHEAD_S = 3.1e-4
SECONDS_PER_MAC = 1.24e-11  # one forward multiply-add of one example; training costs three
FACTOR_LIMITS = (0.25, 4.0)  # a machine this much slower or faster than ours is still believed


def estimate_seconds(macs: int, training: dict) -> float:
    """Seconds of training for a network of `macs` forward multiply-adds with these training settings."""
    batch, epochs = max(1, int(training.get("batch_size", 128))), max(1, int(training.get("epochs", 1)))
    steps = math.ceil(TRAIN_EXAMPLES / batch)
    per_epoch = steps * STEP_OVERHEAD_S + (3 * TRAIN_EXAMPLES + TEST_EXAMPLES) * macs * SECONDS_PER_MAC
    return epochs * per_epoch


def speed_factor(cards: list[dict]) -> float:
    """How much longer than estimated the runs on these cards took (their median), 1.0 with none."""
    ratios = []
    for card in cards:
        seconds, design = card.get("training_seconds"), design_of_card(card)
        if not isinstance(seconds, int | float) or seconds <= 0 or design is None:
            continue
        summary = summarize(design)
        if summary.error is None:
            ratios.append(seconds / estimate_seconds(summary.macs, design["training"]))
    low, high = FACTOR_LIMITS
    return min(high, max(low, statistics.median(ratios))) if ratios else 1.0


def duration_text(seconds: float) -> str:
    """"about 40 s", "about 3 min": an estimate is no more precise than that."""
    if seconds < 90:
        return f"about {max(5, round(seconds / 5) * 5):.0f} s"
    return f"about {round(seconds / 60):.0f} min"


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
