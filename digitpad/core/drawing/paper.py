"""The paper under a raster's ink: its side, its uneven light, a frame around it, ruling. Pure numpy.

A picture from elsewhere is rarely a clean scan. A phone photo of a page is lit unevenly, so one
side of the paper is darker than the other; read against one paper shade, the dark side became
a blob of "ink" and the digit a speck in it. A screenshot or a cropped scan often keeps a line
along its edge, which was taken for the paper's shade: a 1 px frame flipped black and white.
Notebook paper's ruling stretched the ink's box. Painted MNIST digits read right before, by
the CNN and the MLP: lit from one side 34% and 26%, framed 11% and 8%, ruled 96% and 54%
(`bench/paper_conditions.py`; now as on clean paper).

So the paper is found locally: a grey-level opening of the ink-light picture (Gonzalez & Woods,
"Digital Image Processing", 9.6) wipes out every stroke narrower than its window and keeps the
light as it falls. It runs on a reduced copy (the light varies slowly). Lines hugging two or
more of the edges are a frame, and faint lines across the whole picture are ruling: both left out.
"""

from __future__ import annotations

import numpy as np

from digitpad.core.drawing.resampling import block_means, resample_matrix

# The paper's shade is read in this outer share of the image, so a thin frame is outvoted.
EDGE_BAND = 0.15
# The light is fitted on a copy about this many pixels on its longer side.
LIGHT_SIDE = 96
# The opening's window, as a share of that copy's longer side: wider than any pen's stroke
# (MNIST's is about 12% of the digit's height).
WINDOW_SHARE = 1 / 3
# A shadow on the sheet (a phone's, a hand's) smaller than that window: a plateau wider than this
# share of the copy's side (a pen's stroke is narrower, a bold brush's about as wide) that takes
# under this share of the light the darkest ink takes. A bold stroke's plateau is as dark as the ink.
SHADOW_WINDOW_SHARE, SHADOW_DEPTH = 1 / 8, 0.75
# Below this share of the ink's strength, a plateau is the paper's grain, not a shadow.
SHADOW_NOISE = 0.1
# A frame: rows or columns within this share of an edge, covered with ink along this share of it.
FRAME_BAND, FRAME_COVER = 0.04, 0.9
# A ruled or squared paper's line: a row or column inked along this share of it, at under this
# share of the darkest ink's strength (a pen's own bar is as dark as the rest of the digit).
LINE_COVER, FAINT_LINE = 0.8, 0.5


def paper_shade(grey: np.ndarray) -> float:
    """The median shade of the image's outer band (EDGE_BAND of each side): the paper's, on even paper.

    Above 0.5, the paper is lighter than the ink.
    """
    band_rows = max(1, round(EDGE_BAND * grey.shape[0]))
    band_cols = max(1, round(EDGE_BAND * grey.shape[1]))
    edge = np.concatenate([grey[:band_rows].ravel(), grey[-band_rows:].ravel(),
                           grey[:, :band_cols].ravel(), grey[:, -band_cols:].ravel()])
    return float(np.median(edge))


def local_paper(light_ink: np.ndarray) -> np.ndarray:
    """The paper's shade at each pixel of an image whose ink is lighter than its paper (H, W, float32).

    A grey-level opening (the closing of the dark-ink picture): strokes and lines narrower than
    its window disappear, the light that falls across the paper stays. Within half a window of
    an edge the opening runs out of picture and flattens the light, so there it is carried on
    at the slope it has just inside.
    """
    factor = max(1, -(-max(light_ink.shape) // LIGHT_SIDE))
    small = block_means(light_ink, factor, pad="edge")  # the picture's edge repeated, not paper
    window = max(3, round(WINDOW_SHARE * max(small.shape)))
    opened = _edges_extrapolated(_opening(small, window), window // 2)
    return _stretched(np.maximum(opened, _shadows(small)), light_ink.shape, factor)


def _opening(image: np.ndarray, window: int) -> np.ndarray:
    """The grey-level opening: what is lighter than its surroundings and narrower than `window` is wiped out."""
    return running_extreme(running_extreme(image, window, np.minimum), window, np.maximum)


def _shadows(small: np.ndarray) -> np.ndarray:
    """The shade of shadows smaller than the paper's window, elsewhere 0 (on the ink-light copy).

    A shadow is a plateau wider than a stroke and fainter than the ink, and its pixels sit at the
    plateau's own level. A finer opening keeps it; it also keeps a bold stroke at a level between
    the stroke's core and its rims, but there only the thin rims sit at that level.
    """
    window = max(3, round(SHADOW_WINDOW_SHARE * max(small.shape)))
    fine = _opening(small, window)
    floor = float(np.median(small))  # the paper's own level, in the ink-light copy
    strongest = max(float(small.max()) - floor, 1e-6)  # the darkest ink's, above the paper
    depth = (fine - floor) / strongest
    plateau = (depth > SHADOW_NOISE) & (depth < SHADOW_DEPTH)
    at_its_level = plateau & (small - fine < SHADOW_NOISE * strongest)
    broad = _opening(at_its_level.astype(np.float32), window)
    near = running_extreme(broad, window, np.maximum) > 0.5  # the strokes inside it too
    # A block further out: stretched back to full size, a sharp shadow's edge would blur into a line of "ink".
    # Dark ink there still reads at full strength, the ink being the share of the light it takes.
    return running_extreme(np.where(near & plateau, fine, 0.0), 3, np.maximum)


def without_frame(ink: np.ndarray) -> np.ndarray:
    """`ink` with lines hugging two or more edges cleared, with the margin outside them; else as it was.

    One edge alone is never cleared: a tightly cropped 7's bar lies along its top edge.
    """
    strong = ink > 0.5 * float(ink.max(initial=0.0))
    depths = {side: _frame_depth(_side_view(strong, side)) for side in ("top", "bottom", "left", "right")}
    if sum(depth > 0 for depth in depths.values()) < 2:
        return ink
    ink = ink.copy()
    for side, depth in depths.items():
        _side_view(ink, side)[:depth] = 0.0
    return ink


def without_ruling(ink: np.ndarray) -> np.ndarray:
    """`ink` (in [0, 1], the darkest at 1) with the faint lines of ruled or squared paper cleared.

    Only as dark as the line itself is cleared, so a stroke crossing it keeps its ink. In place:
    `ink` is a photo's working copy, and another would cost 4 MB.
    """
    for lines in (ink, ink.T):  # rows, then columns (a view: writes go through)
        inked = lines > 0
        for row in np.flatnonzero(inked.mean(axis=1) >= LINE_COVER):
            # Its lower quartile: a stroke running along the line (a 9's stem) darkens the rest.
            level = float(np.percentile(lines[row][inked[row]], 25))
            if level < FAINT_LINE:
                lines[row][lines[row] <= 1.5 * level] = 0.0
    return ink


def _frame_depth(rows: np.ndarray) -> int:
    """How many rows from the edge (the view's top) to just past the innermost frame line; 0 if none."""
    band = max(1, round(FRAME_BAND * rows.shape[0]))
    covered = np.flatnonzero(rows[:band].mean(axis=1) >= FRAME_COVER)
    return int(covered[-1]) + 1 if covered.size else 0


def _side_view(image: np.ndarray, side: str) -> np.ndarray:
    """A view of `image` turned so that `side` is its top (writes go through to `image`)."""
    return {"top": image, "bottom": image[::-1], "left": image.T, "right": image.T[::-1]}[side]


def running_extreme(image: np.ndarray, window: int, extreme) -> np.ndarray:
    """`extreme` (np.minimum or np.maximum) over a square window, the edges repeated outward."""
    before, after = window // 2, window - 1 - window // 2
    for axis in (0, 1):
        padding = [(0, 0), (0, 0)]
        padding[axis] = (before, after)
        padded = np.moveaxis(np.pad(image, padding, mode="edge"), axis, 0)
        image = np.moveaxis(_running_along_rows(padded, window, extreme), 0, axis)
    return image


def _running_along_rows(image: np.ndarray, window: int, extreme) -> np.ndarray:
    """Over `window` rows at a time: extremes of 1, 2, 4... rows by doubling, then two that overlap."""
    span, spans = 1, image
    while 2 * span <= window:
        spans = extreme(spans[:-span], spans[span:])
        span *= 2
    count = image.shape[0] - window + 1
    return extreme(spans[:count], spans[window - span : window - span + count])


def _edges_extrapolated(opened: np.ndarray, margin: int) -> np.ndarray:
    """`opened` with its outer `margin` rows and columns continued linearly from the `margin` inside them."""
    for axis in (0, 1):
        if margin < 1 or opened.shape[axis] < 3 * margin:
            continue
        lines = np.moveaxis(opened, axis, 0).copy()
        for start, inward in ((margin, 1), (len(lines) - 1 - margin, -1)):  # the first and the last edge
            slope = (lines[start] - lines[start + inward * margin]) / margin
            for step in range(1, margin + 1):
                lines[start - inward * step] = lines[start] + step * slope
        opened = np.moveaxis(lines, 0, axis)
    return np.clip(opened, 0.0, 1.0)


def _stretched(small: np.ndarray, shape: tuple[int, int], factor: int) -> np.ndarray:
    """The reduced copy back at full size, bilinearly between the blocks' centres."""
    if factor == 1:
        return small
    rows, cols = (resample_matrix(count, factor)[:full].astype(np.float32) for count, full in zip(small.shape, shape))
    return rows @ small @ cols.T
