"""My samples: the person's drawings beside the canvas, and the side dock they share.

Qt only; may import the core's samples folder.
"""
