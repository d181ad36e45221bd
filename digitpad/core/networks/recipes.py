"""Each model kind's default recipe: the training settings of its preset, light enough for the Qt layer.

The MLP keeps the workshop's recipe: 8 plain epochs, batches of 128, Adam at 0.001. The CNN's
is a speed-run recipe: 4 augmented epochs of batches of 512 under a one-cycle learning rate
that peaks at 0.012 (see `presets`), about 17 s on two cores for 99.4-99.5% on MNIST.
"""

from digitpad.core.networks.presets import KIND_PRESETS, preset_for_kind

MODEL_KINDS = tuple(KIND_PRESETS)
_TRAINING = {kind: preset_for_kind(kind)["training"] for kind in MODEL_KINDS}
DEFAULT_EPOCHS = {kind: training["epochs"] for kind, training in _TRAINING.items()}
DEFAULT_BATCH_SIZE = {kind: training["batch_size"] for kind, training in _TRAINING.items()}
DEFAULT_LEARNING_RATE = {kind: training["learning_rate"] for kind, training in _TRAINING.items()}
DEFAULT_AUGMENT = {kind: training["augment"] for kind, training in _TRAINING.items()}
