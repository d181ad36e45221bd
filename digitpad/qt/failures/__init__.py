"""Where it fails: the confusion matrix on MNIST's test set, its gallery and its worker.

Qt only; may import the core's explain folder.
"""
