"""A design as a standalone Python script: Show code, and `python -m digitpad code`. Pure Python.

`design_script(design)` writes 50 to 80 readable lines that need only tensorflow, keras and
tensorflow-datasets: MNIST loaded as the workshop loads it (`tfds.load`, with `--mnist-dir` as
tfds' manual folder), the same layers, the same optimizer, schedule and loss as
`keras_builder.build_network`, the same epochs, batch size and seed. It prints
`parameters: N` before training and `test accuracy: 0.xxxx` as its last line. Two differences:
its augmentation is Keras' random rotation, zoom and shift with the app's ranges (the app also
varies the stroke width and gives some 1s a flag: digitpad.core.mnist.augment); and it trains with
Keras' `fit`, which a learner knows, where the app takes the same steps in a faster loop of its own
(digitpad.core.training.training_loop).
"""

from __future__ import annotations

import textwrap

from digitpad.core.networks.design import design_stem, network_kind, normalized
from digitpad.core.networks.design_schema import (
    EMA_MOMENTUM,
    ONE_CYCLE_END_ALPHA,
    ONE_CYCLE_START_DIVISOR,
    ONE_CYCLE_WARMUP_SHARE,
)

_SEEDING = "    keras.utils.set_random_seed(SEED)  # the same starting weights every run\n"
_OPTIMIZER_CLASSES = {"adam": "Adam", "sgd": "SGD", "rmsprop": "RMSprop", "adamw": "AdamW"}

_HEAD = '''\
"""{name} on MNIST: a standalone Keras script written by DigitPad from the run's design.
{note}
    python {stem}.py [--epochs {epochs}] [--mnist-dir DIR]
"""

import argparse
{math}
import keras
import tensorflow as tf
import tensorflow_datasets as tfds

EPOCHS, BATCH_SIZE, SEED = {epochs}, {batch_size}, {seed}


def scaled(image, label):
    """Pixels as floats in [0, 1]{label_words}."""
    return tf.cast(image, tf.float32) / 255.0, {label}


def batches(mnist_dir=None):
    """MNIST through tensorflow-datasets as batches (`mnist_dir`: the official .gz files, offline)."""
    config = tfds.download.DownloadConfig(manual_dir=mnist_dir) if mnist_dir else None
    train, test = tfds.load("mnist", split=["train", "test"], as_supervised=True,
                            download_and_prepare_kwargs={{"download_config": config}})
    train = train.map(scaled).cache().shuffle(60_000).batch(BATCH_SIZE)
'''

_AUGMENT = '''\
    augment = keras.Sequential([  # training digits varied: up to 10 degrees, 10% and 2 pixels either way
        keras.layers.RandomRotation(10 / 360, fill_mode="constant"),
        keras.layers.RandomZoom(0.1, fill_mode="constant"),
        keras.layers.RandomTranslation(2 / 28, 2 / 28, fill_mode="constant"),
    ])
    train = train.map(lambda images, labels: (augment(images, training=True), labels))
'''

_TAIL = '''\
    test = test.map(scaled).batch(1024).cache()
    return train.prefetch(tf.data.AUTOTUNE), test.prefetch(tf.data.AUTOTUNE)


def build_model():
    """The network: 28x28x1 pixels in, 10 logits out."""
    return keras.Sequential([
        keras.Input((28, 28, 1)),
{layers}
        keras.layers.Dense(10),  # logits
    ], name="{model_name}")


def compile_model(model, epochs):
    """{optimizer_words}."""
{schedule}
    model.compile(
        optimizer=keras.optimizers.{optimizer},
        loss=keras.losses.{loss},
        metrics=["accuracy"],
    )


def main():
    parser = argparse.ArgumentParser(description="Train {name} on MNIST.")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--mnist-dir", help="a folder with the four official MNIST .gz files (no download)")
    args = parser.parse_args()
{seeding}    train, test = batches(args.mnist_dir)
    model = build_model()
    compile_model(model, args.epochs)
    print(f"parameters: {{model.count_params()}}")
    model.fit(train, epochs=args.epochs, validation_data=test, verbose=2)
    _, accuracy = model.evaluate(test, verbose=0)
    print(f"test accuracy: {{accuracy:.4f}}")


if __name__ == "__main__":
    main()
'''


def design_script(design: dict) -> str:
    """The standalone script that trains `design` as DigitPad does; DesignError if the design is bad."""
    design = normalized(design)
    training = design["training"]
    smoothing = training["label_smoothing"]
    note = "\n" + "\n".join(textwrap.wrap(design["note"], 96)) + "\n" if design.get("note") else ""
    head = _HEAD.format(
        name=design["name"], note=note, stem=design_stem(design).replace("-", "_"), epochs=training["epochs"],
        batch_size=training["batch_size"], seed=training["seed"],
        label_words="; labels one-hot, as label smoothing needs them" if smoothing else "",
        label="tf.one_hot(label, 10)" if smoothing else "label",
        math="import math\n" if training["schedule"] == "one-cycle" else "",
    )
    tail = _TAIL.format(
        name=design["name"], model_name=network_kind(design),
        layers="\n".join(f"        {line}," for layer in design["layers"] for line in layer_lines(layer)),
        optimizer_words=_optimizer_words(training), optimizer=_optimizer(training),
        loss=_loss(training),
        schedule=_schedule(training),
        seeding="" if training["seed"] is None else _SEEDING,
    )
    return head + (_AUGMENT if training["augment"] else "") + tail


def layer_lines(layer: dict) -> list[str]:
    """The Keras layers of one (normalized) design layer as code, as `keras_builder.keras_layers` makes them."""
    kind = layer["type"]
    if kind == "dense":
        return [f"keras.layers.Dense({layer['units']}{_activation(layer)})"]
    if kind == "conv":
        strides = f", strides={layer['strides']}" if layer["strides"] != 1 else ""
        bias = "" if layer["bias"] else ", use_bias=False"
        return [f"keras.layers.Conv2D({layer['filters']}, {layer['kernel']}{strides}, "
                f"padding=\"{layer['padding']}\"{_activation(layer)}{bias})"]
    if kind == "batchnorm":
        activation = {"linear": [], "relu": ["keras.layers.ReLU()"]}.get(
            layer["activation"], [f"keras.layers.Activation(\"{layer['activation']}\")"])
        return [f"keras.layers.BatchNormalization(momentum={layer['momentum']:g})", *activation]
    return [{
        "maxpool": f"keras.layers.MaxPooling2D({layer.get('size')})",
        "avgpool": f"keras.layers.AveragePooling2D({layer.get('size')})",
        "dropout": f"keras.layers.Dropout({layer.get('rate', 0):g})",
        "flatten": "keras.layers.Flatten()",
        "globalavgpool": "keras.layers.GlobalAveragePooling2D()",
    }[kind]]


def _activation(layer: dict) -> str:
    return "" if layer["activation"] == "linear" else f", activation=\"{layer['activation']}\""


def _schedule(training: dict) -> str:
    rate = training["learning_rate"]
    if training["schedule"] == "constant":
        return f"    learning_rate = {rate:g}"
    return (
        "    # One cycle: a linear warm-up to the peak over a quarter of the run, then a cosine decay.\n"
        "    steps = epochs * math.ceil(60_000 / BATCH_SIZE)\n"
        f"    warmup = max(1, steps // {ONE_CYCLE_WARMUP_SHARE})\n"
        "    learning_rate = keras.optimizers.schedules.CosineDecay(\n"
        f"        {rate:g} / {ONE_CYCLE_START_DIVISOR}, steps - warmup, alpha={ONE_CYCLE_END_ALPHA:g}, "
        f"warmup_target={rate:g}, warmup_steps=warmup)"
    )


def _optimizer(training: dict) -> str:
    options = ["learning_rate"]
    if training["optimizer"] == "sgd":
        options.append(f"momentum={training['momentum']!r}")
    if training["weight_decay"] or training["optimizer"] == "adamw":
        options.append(f"weight_decay={training['weight_decay']:g}")
    if training["ema"]:
        options.append(f"use_ema=True, ema_momentum={EMA_MOMENTUM:g}")
    return f"{_OPTIMIZER_CLASSES[training['optimizer']]}({', '.join(options)})"


def _optimizer_words(training: dict) -> str:
    rate = f"{training['learning_rate']:g}"
    schedule = f"under a one-cycle rate peaking at {rate}" if training["schedule"] == "one-cycle" else f"at {rate}"
    ema = ", keeping an average of the weights (EMA)" if training["ema"] else ""
    return f"{_OPTIMIZER_CLASSES[training['optimizer']]} {schedule}{ema}"


def _loss(training: dict) -> str:
    if training["label_smoothing"]:
        return f"CategoricalCrossentropy(from_logits=True, label_smoothing={training['label_smoothing']:g})"
    return "SparseCategoricalCrossentropy(from_logits=True)"
