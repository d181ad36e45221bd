"""Each model kind's default recipe, in a module light enough for the Qt layer to import.

The MLP keeps the workshop's recipe: 8 plain epochs, batches of 128, Adam at 0.001. The CNN's
is a speed-run recipe: 6 augmented epochs of batches of 512 under a one-cycle learning rate
that peaks at 0.003 (see `models.fast_cnn`), about 80 s on two cores for 99.4% on MNIST.
"""

MODEL_KINDS = ("mlp", "cnn")
DEFAULT_EPOCHS = {"mlp": 8, "cnn": 6}
DEFAULT_BATCH_SIZE = {"mlp": 128, "cnn": 512}
DEFAULT_LEARNING_RATE = {"mlp": 1e-3, "cnn": 3e-3}
DEFAULT_AUGMENT = {"mlp": False, "cnn": True}
