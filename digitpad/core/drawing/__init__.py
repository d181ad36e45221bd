"""A drawing or an image file -> the 28x28 float32 image MNIST would have for it: strokes, rasters,
image files, pixels.

Imports numpy and Pillow only; nothing else of DigitPad's core.
"""
