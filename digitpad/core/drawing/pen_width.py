"""Hairlines in a raster drawing, re-inked at MNIST's pen width before the model sees them. Pure numpy.

A digit drawn in a paint program with a 1 px pencil on a 280 px canvas keeps a tenth of a pixel
of width once shrunk to MNIST's 20 px box: a faint trace, nothing like the 1.7-3.2 px strokes
MNIST's writers left. MNIST test digits painted as lines that thin read at 48% (the shipped CNN)
and 77% (the MLP); at a 2 px pen, 95% and 85% (bench/painted_digits.py). The canvas never has
this problem: it renders every stroke at PEN_WIDTH. So a raster whose strokes would come out
thinner than HAIRLINE is traced at SUPERSAMPLE times the box's resolution, widened
there by a disk to PEN_WIDTH, and averaged back down: its strokes then look as if the canvas had
drawn them. Any other raster is left as it is.
"""

from __future__ import annotations

import math

import numpy as np

from digitpad.core.drawing.mnist_field import DIGIT_BOX, PEN_WIDTH
from digitpad.core.drawing.resampling import block_means, resize

# Strokes thinner than this once in the box (px) are hairlines. 0.4% of MNIST's test digits are
# that thin, and re-inking them changes no reading (at 1.7 px, MNIST's thinnest tenth, re-inking
# cost the CNN 0.02 and the MLP 0.05 points on MNIST test through this pipeline).
HAIRLINE = 1.2
SUPERSAMPLE = 4
# A trace at SUPERSAMPLE x is the supersampled ink above this share of its strongest pixel: a
# hairline split between two pixels is under half as dark in each, and must not break.
TRACE_LEVEL = 0.25


def stroke_width(ink: np.ndarray) -> float:
    """The strokes' width in pixels: twice their ink over their outline's length, as for a ribbon.

    The outline is counted as the ink's edges along the rows and the columns: an edge crossed at
    a random angle is counted 4/pi times its length on average, hence the pi / 4.
    """
    solid = np.pad(ink >= 0.5, 1)
    crossings = np.count_nonzero(solid[1:] != solid[:-1]) + np.count_nonzero(solid[:, 1:] != solid[:, :-1])
    return 2.0 * float(ink.sum()) / max(crossings * math.pi / 4, 1.0)


def box_digit(crop: np.ndarray) -> np.ndarray:
    """The cropped ink scaled so its longest side is DIGIT_BOX px; re-inked at PEN_WIDTH if it is drawn in hairlines."""
    width = stroke_width(crop)
    if width * DIGIT_BOX / max(crop.shape) >= HAIRLINE:
        return resize(crop, DIGIT_BOX / max(crop.shape))
    # As the canvas does: the strokes' centres span DIGIT_BOX less a pen, the pen reaches the box's edge.
    scale = SUPERSAMPLE * (DIGIT_BOX - PEN_WIDTH) / max(max(crop.shape) - width, 1.0)
    fine = resize(crop, scale)
    trace = fine > TRACE_LEVEL * fine.max()
    traced_width = max(width * scale, 1.0)  # a trace is at least a pixel wide
    margin = math.ceil(SUPERSAMPLE * PEN_WIDTH / 2)
    widened = _dilated(np.pad(trace, margin), (SUPERSAMPLE * PEN_WIDTH - traced_width) / 2)
    return block_means(widened, SUPERSAMPLE)  # padded with paper to whole blocks


def _dilated(mask: np.ndarray, radius: float) -> np.ndarray:
    """`mask` widened by a disk of `radius` pixels: the maximum over the disk's offsets (a few dozen at 4x)."""
    reach = math.floor(radius)
    out = mask.copy()
    height, width = mask.shape
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            if (dy or dx) and dy * dy + dx * dx <= radius * radius:
                out[max(dy, 0) : height + min(dy, 0), max(dx, 0) : width + min(dx, 0)] |= \
                    mask[max(-dy, 0) : height + min(-dy, 0), max(-dx, 0) : width + min(-dx, 0)]
    return out

