"""The MNIST data set: tensorflow-datasets loading (online or a manual folder), the official test
files read with numpy, the in-memory pipeline, augmentation and preparation progress.

May import drawing; never networks, training, runs or Qt.
"""
