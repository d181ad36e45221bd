"""What a network design may say: its layer types, their fields, defaults and limits. Data only, pure Python.

A design is a JSON-ready dict:

    {"name": "LeNet-5",
     "note": "(optional) one sentence of what to notice",
     "layers": [{"type": "conv", "filters": 6, "kernel": 5}, {"type": "maxpool"}, {"type": "flatten"},
                {"type": "dense", "units": 120}],
     "training": {"optimizer": "adam", "learning_rate": 0.001, "batch_size": 128, "epochs": 8}}

The input (28x28x1 pixels in 0..1) and the output layer (Dense 10, logits) are implied, never
written. Every field but a layer's "type" may be left out and takes the default below.

Layers, with their defaults:
- dense: units 128, activation "relu".
- conv: filters 32, kernel 3 (square), strides 1, padding "same" ("valid" shrinks the image by
  kernel - 1), activation "relu", bias true (false where a batch norm follows and adds its own).
- maxpool, avgpool: size 2 (a size x size window moved by its size).
- batchnorm: momentum 0.9 (its running statistics settle within a short run; Keras' own default
  is 0.99), activation "linear" (set "relu" for conv -> batchnorm -> ReLU blocks).
- dropout: rate 0.5.
- flatten, globalavgpool: no fields.
Activations: relu, sigmoid, tanh, gelu, elu, linear (none).

Training, with the workshop's defaults:
- optimizer "adam" ("sgd", "rmsprop", "adamw"), learning_rate 0.001 (the peak under one-cycle),
  schedule "constant" ("one-cycle": a warm-up over a quarter of the run, then cosine decay),
  batch_size 128, epochs 8.
- weight_decay: 0 (0.004, Keras' default, for adamw); momentum 0.9 (sgd only);
  label_smoothing 0; ema false (train on, but keep, an average of the last ~100 steps' weights);
  augment false (small random rotations, scalings, shifts and stroke widths);
  seed 42 (the starting weights and the data order; null: different each run).
"""

from __future__ import annotations

from dataclasses import dataclass

INPUT_SHAPE = (28, 28, 1)
CLASSES = 10
ACTIVATIONS = ("relu", "sigmoid", "tanh", "gelu", "elu", "linear")
OPTIMIZERS = ("adam", "sgd", "rmsprop", "adamw")
SCHEDULES = ("constant", "one-cycle")
PADDINGS = ("same", "valid")

MAX_LAYERS = 32
MAX_PARAMETERS = 20_000_000
MAX_NAME_LENGTH = 80
DEFAULT_NAME = "My network"
ADAMW_WEIGHT_DECAY = 0.004  # Keras' AdamW default: adamw with no decay would be adam
EMA_MOMENTUM = 0.99  # "ema": an average over the last ~100 steps
ONE_CYCLE_WARMUP_SHARE = 4  # "one-cycle": the warm-up takes a quarter of the run,
ONE_CYCLE_START_DIVISOR = 25  # starts at the peak / 25,
ONE_CYCLE_END_ALPHA = 0.002  # and the decay ends at the peak x 0.002


@dataclass(frozen=True)
class Field:
    """One field: its default and what it accepts.

    `kind` is int, float or bool, or a tuple of the words allowed. Numbers lie in [low, high];
    `open_low` / `open_high` leave that end out (a learning rate of 0 trains nothing).
    `nullable` also accepts JSON null.
    """

    default: object
    kind: type | tuple
    low: float | None = None
    high: float | None = None
    open_low: bool = False
    open_high: bool = False
    nullable: bool = False


LAYER_FIELDS: dict[str, dict[str, Field]] = {
    "dense": {"units": Field(128, int, 1, 4096), "activation": Field("relu", ACTIVATIONS)},
    "conv": {
        "filters": Field(32, int, 1, 256),
        "kernel": Field(3, int, 1, 9),
        "strides": Field(1, int, 1, 4),
        "padding": Field("same", PADDINGS),
        "activation": Field("relu", ACTIVATIONS),
        "bias": Field(True, bool),
    },
    "maxpool": {"size": Field(2, int, 2, 9)},
    "avgpool": {"size": Field(2, int, 2, 9)},
    "batchnorm": {"momentum": Field(0.9, float, 0.0, 1.0, open_high=True), "activation": Field("linear", ACTIVATIONS)},
    "dropout": {"rate": Field(0.5, float, 0.0, 1.0, open_high=True)},
    "flatten": {},
    "globalavgpool": {},
}
LAYER_TYPES = tuple(LAYER_FIELDS)

TRAINING_FIELDS: dict[str, Field] = {
    "optimizer": Field("adam", OPTIMIZERS),
    "learning_rate": Field(0.001, float, 0.0, 1.0, open_low=True),
    "schedule": Field("constant", SCHEDULES),
    "batch_size": Field(128, int, 1, 4096),
    "epochs": Field(8, int, 1, 100),
    "weight_decay": Field(None, float, 0.0, 1.0, nullable=True),  # None: the optimizer's (see above)
    "momentum": Field(0.9, float, 0.0, 1.0, open_high=True),
    "label_smoothing": Field(0.0, float, 0.0, 0.5),
    "ema": Field(False, bool),
    "augment": Field(False, bool),
    "seed": Field(42, int, 0, 2**31 - 1, nullable=True),
}

DESIGN_FIELDS = ("name", "note", "layers", "training")  # "note": optional, one sentence of what to notice
