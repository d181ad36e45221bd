"""Small widgets: the canvas, the bars, plots and pictures. No Keras or TensorFlow."""
