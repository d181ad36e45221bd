"""The designs DigitPad ships: the workshop MLP, today's CNN, and teaching presets. Pure Python.

Each preset is a design (see `design_schema`) with a "note": one sentence of what to notice
when it trains. `preset(name)` and `preset_for_kind("mlp" | "cnn")` return fresh copies; the
two kinds are the names `train_model.py --model` and the card's recipe have always used.
"""

from __future__ import annotations

from digitpad.core.networks.design import normalized

WORKSHOP_MLP, CNN = "Workshop MLP", "CNN"


def conv_block(filters: int, kernel: int = 3, strides: int = 1, pool: bool = True) -> list[dict]:
    """Today's CNN block: a convolution without bias, pooled *before* its batch norm and ReLU.

    A ReLU commutes with max pooling, so the norm and ReLU then touch a quarter of the values:
    half an epoch's time saved against conv-BN-ReLU-pool. The norm's momentum is 0.9 (the default).
    """
    convolution = {"type": "conv", "filters": filters, "kernel": kernel, "strides": strides, "padding": "same",
                   "activation": "linear", "bias": False}
    pooling = [{"type": "maxpool"}] if pool else []
    return [convolution, *pooling, {"type": "batchnorm", "activation": "relu"}]


_PRESETS = [
    {
        "name": WORKSHOP_MLP,
        "note": "The TensorFlow workshop's network: one hidden layer of 128 ReLU units reads about 97.7% of "
                "the test digits after 8 epochs.",
        "layers": [{"type": "flatten"}, {"type": "dense", "units": 128, "activation": "relu"}],
        "training": {"optimizer": "adam", "learning_rate": 0.001, "batch_size": 128, "epochs": 8},
    },
    {
        "name": CNN,
        "note": "Three small convolution blocks find strokes wherever they are: about 99.5% after 4 augmented "
                "epochs, and the best reader of people's drawings here.",
        # The first block turns 28 x 28 into 7 x 7 (a 5x5 stride 2, then pooling), so the costly 3x3s work on
        # 7 x 7 and 3 x 3 only: ~1.9 MMAC per image, where four blocks with a 3x3 at 14 x 14 took 2.7 for less.
        "layers": [*conv_block(32, kernel=5, strides=2), *conv_block(64), *conv_block(128, pool=False),
                   {"type": "flatten"}, {"type": "dense", "units": 128, "activation": "relu"}],
        # A speed-run recipe: batches of 512 under a one-cycle rate peaking at 0.012; the saved weights
        # are an average of the last ~100 steps (EMA), and smoothed targets keep the logits bounded.
        "training": {"optimizer": "adam", "learning_rate": 0.012, "schedule": "one-cycle", "batch_size": 512,
                     "epochs": 4, "label_smoothing": 0.1, "ema": True, "augment": True},
    },
    {
        "name": "No hidden layer",
        "note": "Each digit's score is a weighted sum of the pixels (logistic regression): about 92%, the mark "
                "every hidden layer has to beat.",  # 92.6% measured after 8 epochs
        "layers": [{"type": "flatten"}],
        "training": {"optimizer": "adam", "learning_rate": 0.001, "batch_size": 128, "epochs": 8},
    },
    {
        "name": "Wide MLP",
        "note": "Two layers of 1,024 units and 1.9 million parameters: watch training accuracy run on towards "
                "100% while validation accuracy stalls, as the network memorises.",
        # Measured here: training 99.7% and validation 98.3% after 12 epochs (validation at 98% since epoch 4), 147 s.
        "layers": [{"type": "flatten"}, {"type": "dense", "units": 1024}, {"type": "dense", "units": 1024}],
        "training": {"optimizer": "adam", "learning_rate": 0.001, "batch_size": 128, "epochs": 12},
    },
    {
        "name": "Deep sigmoid MLP",
        "note": "Five sigmoid layers pass back a vanishing share of the gradient: accuracy sits at chance for "
                "about six epochs before it starts to climb; with relu it learns from the first epoch.",
        # Measured here: 10-11% for six epochs, 40% and 66% in the last two; six relu layers: 94% after one.
        "layers": [{"type": "flatten"}, *({"type": "dense", "units": 64, "activation": "sigmoid"} for _ in range(5))],
        "training": {"optimizer": "sgd", "learning_rate": 0.1, "momentum": 0.9, "batch_size": 128, "epochs": 8},
    },
    {
        "name": "LeNet-5",
        "note": "LeCun's 1998 convnet, with ReLU and max pooling: two convolutions see strokes anywhere in "
                "the image, with 40% fewer parameters than the workshop MLP.",
        "layers": [
            {"type": "conv", "filters": 6, "kernel": 5, "padding": "same", "activation": "relu"},
            {"type": "maxpool"},
            {"type": "conv", "filters": 16, "kernel": 5, "padding": "valid", "activation": "relu"},
            {"type": "maxpool"},
            {"type": "flatten"},
            {"type": "dense", "units": 120, "activation": "relu"},
            {"type": "dense", "units": 84, "activation": "relu"},
        ],
        "training": {"optimizer": "adam", "learning_rate": 0.001, "batch_size": 128, "epochs": 8},
    },
    {
        "name": "MLP with dropout",
        "note": "Dropout silences half the hidden units at random at every step: training accuracy, measured "
                "with them silenced, trails validation accuracy for most of the run.",
        # Measured here: 98.3% on the test split after 12 epochs; training passes validation only in epoch 9.
        "layers": [{"type": "flatten"}, {"type": "dense", "units": 512}, {"type": "dropout", "rate": 0.5}],
        "training": {"optimizer": "adam", "learning_rate": 0.001, "batch_size": 128, "epochs": 12},
    },
]

PRESET_NAMES = tuple(p["name"] for p in _PRESETS)
KIND_PRESETS = {"mlp": WORKSHOP_MLP, "cnn": CNN}


def preset(name: str) -> dict:
    """The preset called `name`, complete (every default filled in), with its "note"; KeyError if there is none."""
    for design in _PRESETS:
        if design["name"] == name:
            return normalized(design)
    raise KeyError(f"There is no preset {name!r}; the presets are {', '.join(PRESET_NAMES)}.")


def presets() -> list[dict]:
    """Every preset, in the order a chooser lists them."""
    return [preset(name) for name in PRESET_NAMES]


def preset_for_kind(kind: str) -> dict:
    """The design behind a model kind of old: "mlp" the workshop MLP, "cnn" the CNN."""
    if kind not in KIND_PRESETS:
        raise ValueError(f"Unknown model kind {kind!r}; choose one of {', '.join(KIND_PRESETS)}.")
    return preset(KIND_PRESETS[kind])
