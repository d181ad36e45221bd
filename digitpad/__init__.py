"""DigitPad: draw a digit, watch a neural network read it, and train it yourself."""

import os

# TensorFlow's C++ start-up chatter (CUDA probing, oneDNN notes) means nothing to a user.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

__version__ = "0.1.0"
