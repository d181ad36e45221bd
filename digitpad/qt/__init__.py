"""The desktop app: the main window, which only composes, and a folder per dock or part.

Qt and the core; never Keras or TensorFlow directly.
"""
