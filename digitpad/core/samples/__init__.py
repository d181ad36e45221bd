"""The person's own labelled drawings: the store, files in and out, labelling, and mixing them
into MNIST for training.

May import drawing and mnist; never training, runs or Qt.
"""
