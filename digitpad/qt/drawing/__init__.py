"""The drawing surface: the canvas, its ink and the brush toolbar.

Qt only; may import the core's drawing folder.
"""
