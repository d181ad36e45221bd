"""The training panel: settings form, Train/Stop, progress, the live plot, and the workers and
spare process that run training off the GUI thread.

Qt only; Keras and TensorFlow reach it only through the core, lazily.
"""
