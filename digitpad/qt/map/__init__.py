"""The "Where it lands" dock: the map of the learned space, the nearest examples and the tolerance probe.

Qt only; may import the core's explain, inference and mnist folders, and the app's widgets, workers and app folders.
"""
