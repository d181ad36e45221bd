"""A sheet of paper photographed lying on a darker desk: the desk painted over in the sheet's shades. Pure numpy.

A phone photo of a written digit usually shows some of the desk around the sheet. Its edges are
then dark, so the picture was read as light ink on dark paper, and the whole sheet became the
"ink": such photos read 13% right, 4% with the sheet turned and lit from one side
(`bench/paper_conditions.py`). Here the sheet is found
as the one large, solid, light piece of a picture with a dark surround, and everything outside
it takes the sheet's shade, so the steps after it see a page. A light digit on a dark ground
(MNIST itself) is no sheet: its strokes cover too little of the picture and of their own box,
and what they enclose (a bold 0's hole, the corner inside a bold 7) is wider than a pen's stroke.
Left as before: a digit filling its whole sheet with strokes over a tenth of the sheet's width.
"""

from __future__ import annotations

import numpy as np

from digitpad.core.drawing.ink_pieces import connected_pieces
from digitpad.core.drawing.paper import LIGHT_SIDE, paper_shade, running_extreme
from digitpad.core.drawing.resampling import block_means

# The sheet must be this much lighter than the desk (on a 0..1 scale), ...
SHEET_CONTRAST = 0.25
# ... cover this share of the picture, and span this share of its width and of its height.
SHEET_AREA, SHEET_SPAN = 0.3, 0.5
# Of its own box, a sheet turned by up to about 20 degrees still covers this share; strokes do not.
SHEET_SOLIDITY = 0.6
# The ink on a sheet (the dark holes in it) covers at most this share of it, in strokes narrower
# than this share of its longer side but where a few cross (WIDE_INK of the sheet); a bold 0's
# hole is wider, over far more of it.
INK_ON_SHEET, INK_WIDTH, WIDE_INK = 0.35, 0.16, 0.03
# The sheet's outer margin, in reduced pixels, is left out too: its edge and its shadow.
EDGE_MARGIN = 2


def desk_painted_over(grey: np.ndarray) -> np.ndarray:
    """`grey` (H, W in [0, 1]) with the desk around a photographed sheet painted in the sheet's shades.

    Each row of desk takes the shade of the sheet's nearest edge in that row (rows above and below
    the sheet, its first and last row's), so light falling across the sheet carries on over the
    desk and leaves no step. A picture that is no sheet on a darker desk comes back as it was. In
    place: `grey` is a photo's working copy.
    """
    factor = max(1, -(-max(grey.shape) // LIGHT_SIDE))
    small = block_means(grey, factor, pad="edge")
    sheet = _sheet(small)
    if sheet is None or not sheet.any():
        return grey
    inside = np.repeat(np.repeat(sheet, factor, axis=0), factor, axis=1)[: grey.shape[0], : grey.shape[1]]
    shades = np.repeat(np.repeat(_carried_out(small, sheet), factor, axis=0), factor, axis=1)
    grey[~inside] = shades[: grey.shape[0], : grey.shape[1]][~inside]
    return grey


def _sheet(small: np.ndarray) -> np.ndarray | None:
    """The sheet's pixels in the reduced picture, its ink included and its margin left out; None if there is none."""
    desk, light = paper_shade(small), float(np.percentile(small, 90))
    if desk > 0.5 or light - desk < SHEET_CONTRAST:
        return None
    lit = small > (desk + light) / 2
    labels, extents = connected_pieces(lit)
    sizes = np.bincount(labels.ravel())[1:]
    largest = int(np.argmax(sizes))
    left, top, right, bottom = extents[largest]
    height, width = bottom - top + 1, right - left + 1
    if (sizes[largest] < SHEET_AREA * small.size or height < SHEET_SPAN * small.shape[0]
            or width < SHEET_SPAN * small.shape[1] or sizes[largest] < SHEET_SOLIDITY * height * width):
        return None
    piece = labels == largest + 1
    sheet = _spans(piece) & _spans(piece.T).T  # the ink's holes filled in
    ink = sheet & ~lit  # not the paper inside a written 0's loop: a piece of its own, but light
    wide = _shrunk(ink, round(INK_WIDTH / 2 * max(height, width)))
    if ink.sum() > INK_ON_SHEET * sheet.sum() or wide.sum() > WIDE_INK * sheet.sum():
        return None
    return _shrunk(sheet, EDGE_MARGIN)


def _carried_out(small: np.ndarray, sheet: np.ndarray) -> np.ndarray:
    """`small` with each row's pixels outside `sheet` set to the sheet's edge pixel beside them."""
    rows = np.flatnonzero(sheet.any(axis=1))
    columns = np.arange(small.shape[1])
    first, last = sheet[rows].argmax(axis=1), small.shape[1] - 1 - sheet[rows, ::-1].argmax(axis=1)
    nearest = np.clip(columns, first[:, None], last[:, None])  # (len(rows), W): the column each pixel copies
    carried = np.take_along_axis(small[rows], nearest, axis=1)
    # Rows above and below the sheet copy its first and last row.
    return carried[np.clip(np.searchsorted(rows, np.arange(small.shape[0])), 0, len(rows) - 1)]


def _spans(mask: np.ndarray) -> np.ndarray:
    """Each row of `mask` filled from its first set pixel to its last."""
    columns = np.arange(mask.shape[1])
    first = np.where(mask.any(axis=1), mask.argmax(axis=1), mask.shape[1])
    last = mask.shape[1] - 1 - mask[:, ::-1].argmax(axis=1)
    return (columns >= first[:, None]) & (columns <= last[:, None])


def _shrunk(mask: np.ndarray, steps: int) -> np.ndarray:
    """`mask` eroded by `steps` pixels on every side (a square window; the picture's edge does not erode)."""
    return running_extreme(mask, 2 * steps + 1, np.minimum) if steps > 0 else mask
