"""Numbers to pictures for Look inside: a diverging colour map centred on 0, and grids of tiles.

Plain numpy, so a whole grid of tiles is coloured in one array operation and shown as one
picture (lit per unit by digitpad.qt.look_inside.lit_tiles).
"""

from __future__ import annotations

import numpy as np

# Dark at 0 (the canvas's background), blue below, orange above: the ends stay apart for the
# common red-green colour blindness.
NEGATIVE = np.array([70, 150, 255], np.float32)
ZERO = np.array([24, 26, 31], np.float32)
POSITIVE = np.array([255, 140, 50], np.float32)
GAP = 1  # pixels between tiles
LEVELS = 511  # colours from -limit to +limit; an odd count puts 0 on one of them


def _table() -> np.ndarray:
    t = np.linspace(-1.0, 1.0, LEVELS, dtype=np.float32)[:, np.newaxis]
    return ZERO + np.maximum(t, 0) * (POSITIVE - ZERO) + np.maximum(-t, 0) * (NEGATIVE - ZERO)


_TABLE = _table()  # one lookup per pixel instead of arithmetic on three channels
_BYTES = np.clip(_TABLE, 0, 255).astype(np.uint8)  # R, G, B
# The same colours as bytes, each packed in one 32-bit word: gathering one word per pixel is
# about 5x faster than gathering rows of a (LEVELS, 3) table.
_WORDS = np.concatenate([_BYTES, np.zeros((LEVELS, 1), np.uint8)], axis=1).view(np.uint32).ravel()
# And as 0xffRRGGBB words, the pixels of a Qt RGB32 image: a picture in one lookup and one copy.
_RGB32 = 0xFF000000 | (_BYTES.astype(np.uint32) << np.array([16, 8, 0], np.uint32)).sum(axis=1, dtype=np.uint32)


def diverging(values: np.ndarray, limit: float | None = None) -> np.ndarray:
    """RGB float (..., 3) in 0..255 for values, 0 dark, +-limit (default: the largest |value|) brightest."""
    return _TABLE[_levels(values, limit)]


def diverging8(values: np.ndarray, limit: float | None = None) -> np.ndarray:
    """`as_rgb8(diverging(values, limit))` in one lookup: no float colours made and clipped per update."""
    levels = _levels(values, limit)
    return _WORDS[levels].view(np.uint8).reshape(*levels.shape, 4)[..., :3]


def diverging_rgb32(values: np.ndarray, limit: float | None = None) -> np.ndarray:
    """The colours of `diverging8(values, limit)` as 0xffRRGGBB words (..., ), for ImagePanel.set_rgb32."""
    return _RGB32[_levels(values, limit)]


def _levels(values: np.ndarray, limit: float | None) -> np.ndarray:
    values = np.asarray(values, np.float32)
    limit = float(limit if limit is not None else np.max(np.abs(values), initial=0.0)) or 1.0
    levels = np.clip(values * np.float32((LEVELS - 1) / (2 * limit)) + (LEVELS - 1) / 2, 0, LEVELS - 1)
    return np.rint(levels).astype(np.intp)


def robust_limit(values: np.ndarray, percentile: float = 99.5) -> float:
    """A colour scale's end that a few extreme weights cannot wash out."""
    return float(np.percentile(np.abs(values), percentile)) or 1.0  # once per model: numpy's partition beats a sort


def percentile_of(values: np.ndarray, percentile: float) -> float:
    """`np.percentile(values, percentile)` (its default, linear method) for any array of values.

    The same number in a sort and two lookups: on the hundred-odd ink pixels of a drawing,
    np.percentile's general set-up took 90 microseconds of every Look inside update.
    """
    ordered = np.sort(np.asarray(values).ravel())
    position = percentile / 100 * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def mosaic(tiles: np.ndarray, columns: int, gap: int = GAP) -> np.ndarray:
    """(K, h, w, ...) tiles laid out row by row in `columns` columns, `gap` pixels apart, as one array."""
    tiles = np.asarray(tiles)
    count, height, width = tiles.shape[:3]
    rows, rest = -(-count // columns), tiles.shape[3:]
    # Each tile padded with its gap, then the grid is one reshape: no Python loop over 128 tiles.
    padded = np.zeros((rows * columns, height + gap, width + gap, *rest), tiles.dtype)
    padded[:count, :height, :width] = tiles
    tall, wide = rows * (height + gap), columns * (width + gap)
    grid = padded.reshape(rows, columns, height + gap, width + gap, *rest).swapaxes(1, 2).reshape(tall, wide, *rest)
    return grid[: tall - gap, : wide - gap]


def tile_at(row: int, column: int, tile_shape: tuple[int, int], columns: int, count: int, gap: int = GAP) -> int | None:
    """The index of the tile under a mosaic pixel, or None over a gap or outside."""
    height, width = tile_shape
    grid_row, inside_row = divmod(int(row), height + gap)
    grid_column, inside_column = divmod(int(column), width + gap)
    if row < 0 or column < 0 or inside_row >= height or inside_column >= width or grid_column >= columns:
        return None
    index = grid_row * columns + grid_column
    return index if index < count else None


def as_rgb8(rgb: np.ndarray) -> np.ndarray:
    return np.clip(rgb, 0, 255).astype(np.uint8)
