"""Look inside: activations, occlusion saliency and its deletion test, the dense closed form,
and the confusion on MNIST's test set.

May import inference, mnist and drawing; never training or Qt.
"""
