"""A drawing -> the 28x28 float32 image MNIST would have for it, or None. Pure numpy.

Entry points (both return a (28, 28) float32 array in [0, 1], white ink on black, or None):

- `strokes_to_mnist(strokes, min_extent=DEFAULT_MIN_EXTENT)`: vector strokes, each a sequence of
  points `(x, y)` or `(x, y, pressure)` in any units, y growing downward.
- `image_to_mnist(image)`: a raster (H, W) grey or (H, W, 3|4) colour array, uint8 or float,
  dark ink on light paper or light ink on dark.
- `digit_in_file(path)`: an image file, read as `predict` and the window's Open picture read it
  (None for a blank picture), with what to say about the file once.

`strokes_to_mnist_views(strokes)` returns a (3, 28, 28) stack instead: the drawing as drawn,
then tilted by VIEW_ROTATIONS, for a prediction averaged over them.

What MNIST does, and so what these do: the digit's ink is scaled so its longest side is
DIGIT_BOX (20) px, aspect kept, edges anti-aliased, then placed in the 28x28 field with its
intensity centre of mass at CENTRE (14, 14) in pixel-index coordinates. Both are cheap enough
to run on every stroke update: well under 2 ms for a 300-point drawing or a 280 px raster.

This module is the public face; the two pipelines live in `strokes_pipeline` and
`raster_pipeline`, and the field they share in `mnist_field`.
"""

import os

import numpy as np

from digitpad.core.drawing.image_files import read_image_file
from digitpad.core.drawing.mnist_field import CENTRE, DIGIT_BOX, MNIST_SIZE
from digitpad.core.drawing.raster_pipeline import MIN_RASTER_SHARE, NOISE_LEVEL, image_to_mnist
from digitpad.core.drawing.strokes_pipeline import (
    DEFAULT_MIN_EXTENT,
    PEN_WIDTH,
    PRESSURE_GAIN,
    RESAMPLE_STEP,
    VIEW_ROTATIONS,
    strokes_to_mnist,
    strokes_to_mnist_views,
)

__all__ = [
    "CENTRE",
    "DEFAULT_MIN_EXTENT",
    "DIGIT_BOX",
    "MIN_RASTER_SHARE",
    "MNIST_SIZE",
    "NOISE_LEVEL",
    "PEN_WIDTH",
    "PRESSURE_GAIN",
    "RESAMPLE_STEP",
    "VIEW_ROTATIONS",
    "digit_in_file",
    "image_to_mnist",
    "strokes_to_mnist",
    "strokes_to_mnist_views",
]


def digit_in_file(path: str | os.PathLike) -> tuple[np.ndarray | None, list[str]]:
    """The file's 28x28 model input (None when nothing on it stands out from the paper), and notes to say once.

    ImageFileError says in a few words why the file gives no image.
    """
    pixels, notes = read_image_file(path)
    return image_to_mnist(pixels), notes

