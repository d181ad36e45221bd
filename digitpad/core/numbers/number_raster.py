"""A raster of a written number -> one crop of ink per digit, left to right. Pure numpy.

The ink is split into connected pieces (8-connected, `ink_pieces`), and the pieces are grouped
into digits by the same horizontal-extent rules as pen strokes (number_grouping), left to right
standing in for writing order: a 5's detached bar joins its digit, a speck between digits is
left out, and two digits apart by a column gap are two digits. Touching digits stay one piece.
"""

from __future__ import annotations

import numpy as np

from digitpad.core.drawing.ink_pieces import connected_pieces
from digitpad.core.drawing.raster_pipeline import ink_strength as raster_ink_strength
from digitpad.core.numbers.number_grouping import group_boxes
from digitpad.core.numbers.stroke_boxes import Box, group_box

MARGIN = 2  # px of paper around each crop, so the crop's border reads as paper


def split_number_image(image: np.ndarray) -> list[tuple[np.ndarray, Box]]:
    """Per digit, left to right: its ink (float32, light on black, other digits removed) and box.

    `image`: (H, W) grey or (H, W, C) colour, uint8 or float, either polarity; [] without ink.
    """
    ink = ink_strength(np.asarray(image))
    if ink is None:
        return []
    labels, extents = connected_pieces(ink > 0)
    boxes = [Box(*map(float, extent)) for extent in extents]
    crops = []
    for group in group_boxes(boxes):
        box = group_box(boxes, group)
        top, left, bottom, right = int(box.top), int(box.left), int(box.bottom) + 1, int(box.right) + 1
        piece = np.where(np.isin(labels[top:bottom, left:right], np.array(group) + 1), ink[top:bottom, left:right], 0)
        crops.append((np.pad(piece, MARGIN).astype(np.float32), box))
    return crops


def ink_strength(image: np.ndarray) -> np.ndarray | None:
    """Ink in [0, 1] (0 = paper), faint grey zeroed, as a single digit's raster reads it; None if blank."""
    if image.ndim not in (2, 3) or not image.size:
        raise ValueError(f"a number image is an (H, W) or (H, W, C) array, not shape {image.shape}")
    return raster_ink_strength(image)
