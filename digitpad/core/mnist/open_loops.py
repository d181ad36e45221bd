"""The nine with an open loop, made from MNIST's own 9s once, before training.

Many people write a 9 whose loop does not close: the pen goes round from the top, and the loop's
lower arc stops short of the stem, like a "q" left open. It is common in handwriting across Europe
and elsewhere; MNIST's writers nearly always closed it, and a model trained on MNIST alone reads
the open form as a 4, a 7 or a 3.

On one digit this cannot be drawn by a few strokes, as the other styles are (`styles.py`): where the
loop meets the stem has to be found. So each training 9 is looked at once, on the CPU: the loop's
hole is the background that cannot reach the picture's edge; the lower arc is cut at the hole's
lower right, next to the stem, along the shortest way from the hole down or down-left to the
outside (never right, into the stem). A cut that does not open the loop, or takes more than a
tenth of the ink, is not kept: that 9 has no open variant. The training pipeline then puts a
digit's open variant in place of a share of those 9s, before every other change.
"""

from __future__ import annotations

import numpy as np

INK_LEVEL = 64  # of 255: faint edge pixels count as ink, so only a real gap opens a loop
SMALLEST_HOLE_PX = 3
LONGEST_CUT_PX = 5
MOST_INK_CUT = 0.10
BLOCK = 256  # small blocks: their work space fits in what the heap already has (+8 MB at most, 1,024: +22 MB)
CUT_DIRECTIONS_DEGREES = tuple(range(90, 141, 10))  # 90 is straight down, 180 left: away from the stem


def open_loop_variants(images: np.ndarray, labels: np.ndarray, digit: int = 9) -> tuple[np.ndarray, np.ndarray]:
    """(rows, variants): for each image the row of its open variant in `variants`, or -1 if it has none.

    `images` are uint8 (N, 28, 28, 1); only the digits labelled `digit` are looked at, a block of
    BLOCK at a time (0.55-0.64 s for MNIST's 6,000 9s here).
    """
    chosen = np.flatnonzero(np.asarray(labels) == digit)
    blocks = [_opened_block(images[chosen[start:start + BLOCK], ..., 0]) for start in range(0, len(chosen), BLOCK)]
    kept = np.concatenate([block_kept for block_kept, _ in blocks]) if blocks else np.zeros(0, bool)
    rows = np.full(len(images), -1, np.int32)
    rows[chosen[kept]] = np.arange(int(kept.sum()), dtype=np.int32)
    variants = [opened for _, opened in blocks]
    return rows, (np.concatenate(variants) if variants else np.zeros((0, *images.shape[1:3]), np.uint8))[..., None]


def _opened_block(pictures: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(kept, opened): which pictures a clean cut opened, and those opened pictures."""
    holes = loop_holes(pictures)
    opened, cut = opened_loops(pictures, holes)
    ink = pictures >= INK_LEVEL
    ink_cut = (ink & (opened < INK_LEVEL)).sum(axis=(1, 2))
    still_closed = (loop_holes(opened) & holes).any(axis=(1, 2))
    kept = cut & ~still_closed & (ink_cut <= MOST_INK_CUT * ink.sum(axis=(1, 2)))
    return kept, opened[kept]


def loop_holes(pictures: np.ndarray) -> np.ndarray:
    """(N, H, W) booleans: the background each picture's ink encloses, found for all of them at once.

    The outside is grown from the picture's border through the background, along whole rows and
    then whole columns at a time, until it stops: as many rounds as the outside's way in turns
    corners (numpy alone: SciPy's labelling would cost a training process 0.37 s to import, and
    `drawing.ink_pieces.connected_pieces` labels one picture at a time, 8-connected, 2 s for these).
    """
    background = np.pad(pictures < INK_LEVEL, ((0, 0), (1, 1), (1, 1)), constant_values=True)
    outside = np.zeros_like(background)
    outside[:, [0, -1], :] = outside[:, :, [0, -1]] = True
    growing = np.arange(len(pictures))  # the pictures whose outside still grew last round
    while len(growing):
        before, inside = outside[growing], background[growing]
        grown = _along_runs(_along_runs(before, inside, 2), inside, 1)
        outside[growing] = grown
        growing = growing[(grown != before).any(axis=(1, 2))]
    return (background & ~outside)[:, 1:-1, 1:-1]


def _along_runs(reached: np.ndarray, background: np.ndarray, axis: int) -> np.ndarray:
    """`reached` spread along `axis` over every unbroken run of background it touches."""
    reached, background = np.moveaxis(reached, axis, -1), np.moveaxis(background, axis, -1)
    starts = background.copy()
    starts[..., 1:] &= ~background[..., :-1]
    runs = np.cumsum(starts.ravel(), dtype=np.int32).reshape(starts.shape)  # each run its own number, ink 0 or a run's
    touched = np.zeros(runs.size + 1, bool)
    touched[runs[reached & background]] = True
    return np.moveaxis(touched[runs] & background, -1, axis)


def opened_loops(pictures: np.ndarray, holes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(opened, cut): each picture with its loop's lower arc cut next to the stem, and whether a cut was found.

    From the hole's lower right (where a 9's loop meets its stem), each direction in
    CUT_DIRECTIONS_DEGREES is walked until it leaves the ink for the outside; the one that crosses
    the fewest ink pixels (at most LONGEST_CUT_PX) is cut.
    """
    count, height, width = pictures.shape
    flat_holes = holes.reshape(count, -1)
    lower_right = np.add.outer(np.arange(height) * 1.01, np.arange(width)).ravel()  # ties go to the lower pixel
    corner = np.argmax(np.where(flat_holes, lower_right, -1.0), axis=1)
    rows = corner[:, None, None] // width + _STEP_ROWS[None]  # (N, directions, distances)
    columns = corner[:, None, None] % width + _STEP_COLUMNS[None]
    inside = (rows >= 0) & (rows < height) & (columns >= 0) & (columns < width)
    rows, columns = np.clip(rows, 0, height - 1), np.clip(columns, 0, width - 1)
    which = np.arange(count)[:, None, None]
    ink = inside & (pictures[which, rows, columns] >= INK_LEVEL)
    crossed = np.cumsum(ink, axis=2)
    outside = ~ink & ~(inside & holes[which, rows, columns]) & (crossed > 0)
    exits = outside.any(axis=2)
    first_exit = np.argmax(outside, axis=2)
    length = np.where(exits, np.take_along_axis(crossed, first_exit[..., None], 2)[..., 0], 1 << 20)
    best = np.argmin(length, axis=1)
    cut = (length[np.arange(count), best] <= LONGEST_CUT_PX) & (flat_holes.sum(axis=1) >= SMALLEST_HOLE_PX)
    every = np.arange(count)
    on_the_way = np.arange(_STEP_ROWS.shape[1]) < first_exit[every, best][:, None]
    picture, step = np.nonzero(ink[every, best] & on_the_way & cut[:, None])
    row, column = rows[picture, best[picture], step], columns[picture, best[picture], step]
    opened = pictures.copy()
    opened[picture, row, column] = 0
    opened[picture, row, np.maximum(column - 1, 0)] = 0  # two pixels wide: the gap a pen leaves
    return opened, cut


def _steps() -> tuple[np.ndarray, np.ndarray]:
    distances = np.arange(1, 2 * LONGEST_CUT_PX + 2)
    radians = np.radians(CUT_DIRECTIONS_DEGREES)[:, None]
    return np.rint(distances * np.sin(radians)).astype(int), np.rint(distances * np.cos(radians)).astype(int)


_STEP_ROWS, _STEP_COLUMNS = _steps()
