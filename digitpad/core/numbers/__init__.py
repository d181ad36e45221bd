"""Number mode: grouping strokes into digits, the person's fixes, reading a number, and rasters
of numbers.

May import drawing; never a model runtime of its own (the predictor is handed in).
"""
