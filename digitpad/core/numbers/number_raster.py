"""A raster of a written number -> one crop of ink per digit, left to right. Pure numpy.

The ink is split into connected pieces (8-connected), and the pieces are grouped into digits by
the same horizontal-extent rules as pen strokes (number_grouping), left to right standing in for
writing order: a 5's detached bar joins its digit, a speck between digits is left out, and two
digits apart by a column gap are two digits. Touching digits stay one piece.
"""

from __future__ import annotations

import numpy as np

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
    labels, boxes = connected_pieces(ink > 0)
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


def connected_pieces(mask: np.ndarray) -> tuple[np.ndarray, list[Box]]:
    """Labels (H, W) (0: paper, k + 1: piece k) and each piece's box, pieces in order of their left edge.

    Runs of ink per row are joined to the touching runs of the row above (8-connected) with a
    union-find, so the cost follows the number of runs, not of pixels.
    """
    runs, parent = [], []
    previous: list[int] = []
    for row, line in enumerate(mask):
        edges = np.flatnonzero(np.diff(np.concatenate([[0], line.astype(np.int8), [0]])))
        current = []
        for start, end in zip(edges[::2], edges[1::2]):
            index = len(runs)
            runs.append((row, int(start), int(end)))
            parent.append(index)
            for other in previous:
                if runs[other][1] <= end and runs[other][2] >= start:  # touching, diagonals included
                    _union(parent, index, other)
            current.append(index)
        previous = current
    return _label(mask.shape, runs, parent)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    parent[_find(parent, a)] = _find(parent, b)


def _label(shape, runs, parent) -> tuple[np.ndarray, list[Box]]:
    extents: dict[int, list[int]] = {}
    for index, (row, start, end) in enumerate(runs):
        root = _find(parent, index)
        e = extents.setdefault(root, [start, row, end - 1, row])
        e[0], e[2], e[3] = min(e[0], start), max(e[2], end - 1), row
    roots = sorted(extents, key=lambda r: extents[r][0])
    number = {root: k + 1 for k, root in enumerate(roots)}
    labels = np.zeros(shape, np.int32)
    for index, (row, start, end) in enumerate(runs):
        labels[row, start:end] = number[_find(parent, index)]
    return labels, [Box(*map(float, extents[r])) for r in roots]
