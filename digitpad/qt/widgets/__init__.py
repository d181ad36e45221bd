"""Small widgets any part of the window may use: boxes that keep a shape, pictures of pixels,
text and plot styling, thumbnails, a widget imported in the background.

Qt only; imports no Keras or TensorFlow and nothing of the core but plain numbers.
"""
