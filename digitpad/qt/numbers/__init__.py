"""Number mode in the window: the wide canvas's grouping boxes, the number read, and filing it.

Qt only; may import the core's numbers folder.
"""
