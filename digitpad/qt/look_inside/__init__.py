"""The Look inside dock: saliency, hidden layers and the first layer's weights during a run.

Qt only; may import the core's explain and inference folders.
"""
