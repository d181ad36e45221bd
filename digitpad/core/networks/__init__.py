"""Network designs (JSON-ready dicts), their presets, and the one builder that makes any of them a Keras model.

Checking a design and counting its shapes, parameters and multiply-adds is pure Python; only
keras_builder, keras_training, fused_batch_norm and builders import Keras (fused_batch_norm,
TensorFlow too, in its training step). Nothing of DigitPad's core but its own modules.
"""
