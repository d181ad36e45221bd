"""Ink in connected pieces, and specks of dust and the edges of shadows left out of a digit. Pure numpy.

A photo or a scan carries specks away from the digit (dust, a pen's touch); the digit's box
then stretched to take them in, and the digit shrank inside it: a 6 px speck in the corner
of a 280 px picture cost the MLP 3 points (`bench/paper_conditions.py`). A shadow over a
corner of the sheet leaves a faint line along its edge that reaches the picture's border.
"""

from __future__ import annotations

import numpy as np

from digitpad.core.drawing.resampling import block_means

Extent = tuple[int, int, int, int]  # left, top, right, bottom: pixel indices, inclusive

# A speck: a piece with under this share of the ink, lying this far (a share of the largest
# piece's longer side) outside the largest piece's box. A 5's bar or a 4's second stroke is
# heavier, and the pieces of a stroke broken by a light touch lie beside it.
SPECK_SHARE, SPECK_DISTANCE = 0.03, 0.15
# A shadow's remnant: a piece reaching the picture's border whose strongest ink is under this
# share of the heaviest piece's. A pen's stroke is as dark as the rest of the digit.
FAINT_EDGE_PIECE = 0.6
# Pieces are found on blocks of ink, about this many on the picture's longer side.
SPECK_GRID = 128


def without_specks(ink: np.ndarray) -> np.ndarray:
    """`ink` (H, W, 0 = paper) with the specks and shadows' remnants cleared; the same array when there are none.

    The pieces are found on blocks of ink (a speck still fills one) on a grid of about
    SPECK_GRID, so a grainy 1,024 px photo costs milliseconds, not the half second it took
    pixel by pixel.
    """
    factor = max(1, -(-max(ink.shape) // SPECK_GRID))
    blocks = block_means(ink, factor)
    labels, extents = connected_pieces(blocks > 0)
    if len(extents) < 2:
        return ink
    mass = np.bincount(labels.ravel(), weights=blocks.ravel(), minlength=len(extents) + 1)[1:]
    heaviest = int(np.argmax(mass))
    specks = _specks(heaviest, mass, extents) + _faint_edge_pieces(heaviest, labels, blocks, extents)
    if not specks:
        return ink
    cleared = np.kron(np.isin(labels, specks), np.ones((factor, factor), bool))[: ink.shape[0], : ink.shape[1]]
    return np.where(cleared, 0.0, ink).astype(ink.dtype)


def _specks(heaviest: int, mass: np.ndarray, extents: list[Extent]) -> list[int]:
    """The labels of light pieces lying well outside the heaviest piece's box."""
    left, top, right, bottom = extents[heaviest]
    reach = SPECK_DISTANCE * max(right - left + 1, bottom - top + 1)
    return [
        k + 1 for k, (piece_left, piece_top, piece_right, piece_bottom) in enumerate(extents)
        if mass[k] < SPECK_SHARE * mass.sum()
        and (piece_right < left - reach or piece_left > right + reach
             or piece_bottom < top - reach or piece_top > bottom + reach)
    ]


def _faint_edge_pieces(heaviest: int, labels: np.ndarray, blocks: np.ndarray, extents: list[Extent]) -> list[int]:
    """The labels of pieces, other than the heaviest, that reach the border and are much fainter than it."""
    peaks = np.zeros(len(extents) + 1, np.float32)
    np.maximum.at(peaks, labels.ravel(), blocks.ravel())
    last_row, last_col = labels.shape[0] - 1, labels.shape[1] - 1
    return [
        k + 1 for k, (piece_left, piece_top, piece_right, piece_bottom) in enumerate(extents)
        if k != heaviest and peaks[k + 1] < FAINT_EDGE_PIECE * peaks[heaviest + 1]
        and (piece_left == 0 or piece_top == 0 or piece_right == last_col or piece_bottom == last_row)
    ]


def connected_pieces(mask: np.ndarray) -> tuple[np.ndarray, list[Extent]]:
    """Labels (H, W) (0: paper, k + 1: piece k) and each piece's extent, pieces in order of their left edge.

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


def _label(shape, runs, parent) -> tuple[np.ndarray, list[Extent]]:
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
    return labels, [tuple(extents[r]) for r in roots]
