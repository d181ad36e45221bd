"""The pure core: drawings, MNIST, models, training and inference. Never imports Qt."""
