"""Each model kind's default recipe, in a module light enough for the Qt layer to import.

The MLP keeps the workshop's 8 epochs without augmentation; the CNN needs 10 augmented epochs
to pass 99.3% on MNIST and to read people's drawings well.
"""

MODEL_KINDS = ("mlp", "cnn")
DEFAULT_EPOCHS = {"mlp": 8, "cnn": 10}
DEFAULT_AUGMENT = {"mlp": False, "cnn": True}
