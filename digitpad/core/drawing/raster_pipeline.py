"""A raster drawing -> the 28x28 float32 image MNIST would have for it, or None. Pure numpy.

Either polarity, grey or colour, any size: the ink is found against the paper, cropped, scaled so
its longest side is DIGIT_BOX px (area averaging; hairlines widened to MNIST's pen, see `pen_width`),
then placed with its centre of mass on CENTRE.
"""

from __future__ import annotations

import numpy as np

from digitpad.core.drawing.desk import desk_painted_over
from digitpad.core.drawing.ink_pieces import without_specks
from digitpad.core.drawing.mnist_field import CENTRE, MNIST_SIZE, centre_of_mass
from digitpad.core.drawing.paper import local_paper, paper_shade, without_frame, without_ruling
from digitpad.core.drawing.pen_width import box_digit

# Raster input: grey below this share of the ink's contrast is paper texture or noise.
NOISE_LEVEL = 0.15
# Raster input: ink whose longest side is below this share of the image's (or 2 px) is a speck,
# the raster twin of DEFAULT_MIN_EXTENT.
MIN_RASTER_SHARE = 0.03
# Larger rasters are block-averaged to about this side first: the digit ends up 20 px tall, and
# a full-size float copy of a 6000 px photo is 144 MB per channel.
MAX_RASTER_SIDE = 1024


def image_to_mnist(image: np.ndarray, rendered: bool = False) -> np.ndarray | None:
    """The (28, 28) float32 MNIST image of a raster drawing, or None if it holds no ink.

    `image`: (H, W) grey or (H, W, 3|4) colour, uint8 (0..255) or float (0..1, or 0..255 if
    any value exceeds 1). Either polarity: a light border means dark ink on light paper.
    Returns None when nothing stands out from the paper or the ink is a speck smaller than
    MIN_RASTER_SHARE of the image's longest side. `rendered`: DigitPad drew it itself on even
    paper (the canvas, Look inside), so what pictures from elsewhere need (`paper`, `ink_pieces`)
    is skipped: a few milliseconds on every stroke.
    """
    image = np.asarray(image)
    if image.ndim not in (2, 3):
        raise ValueError(f"image_to_mnist takes an (H, W) or (H, W, C) array, not shape {image.shape}")
    image = _reduced(image)
    grey = ink_strength(image, rendered) if image.size else None
    if grey is None:
        return None
    if not rendered:
        grey = without_specks(grey)
    rows, cols = np.flatnonzero(grey.any(axis=1)), np.flatnonzero(grey.any(axis=0))
    crop = grey[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    if max(crop.shape) < max(2.0, MIN_RASTER_SHARE * max(grey.shape)):
        return None
    digit = box_digit(crop)  # hairlines re-inked at MNIST's pen width
    return _place(digit)


def _reduced(image):
    """Block-averaged to about MAX_RASTER_SIDE when larger: a small float copy, never a full-size one."""
    factor = -(-max(image.shape[:2], default=0) // MAX_RASTER_SIDE)
    if factor <= 1:
        return image
    fy, fx = min(factor, image.shape[0]), min(factor, image.shape[1])
    rows, cols = image.shape[0] // fy, image.shape[1] // fx
    blocks = image[: rows * fy, : cols * fx].reshape(rows, fy, cols, fx, *image.shape[2:])
    reduced = blocks.mean(axis=(1, 3), dtype=np.float32)
    return reduced / 255.0 if image.dtype == np.uint8 else reduced


def ink_strength(image: np.ndarray, rendered: bool = False) -> np.ndarray | None:
    """Ink strength in [0, 1] (0 = paper) with faint noise zeroed, or None if there is no ink.

    The paper is read locally (`paper`): light falling unevenly across it is not ink, and a frame
    along the image's edges, ruled lines and a desk around a photographed sheet (`desk`) are left
    out. `rendered`: the paper is even (one shade, the outer band's), as on DigitPad's own renders,
    and nothing is left out.
    """
    ink = _grey(image)  # worked on in place from here: a photo's float copies are 4 MB each
    if not rendered:
        ink = desk_painted_over(ink)
    shade = paper_shade(ink)
    light = shade > 0.5
    if light:
        np.subtract(1.0, ink, out=ink)
    if rendered:
        ink -= 1.0 - shade if light else shade
    else:
        # The ink is the share it takes of what the paper leaves: of the light falling on dark ink
        # and its paper alike, or of the headroom a glare leaves chalk above its board.
        paper = local_paper(ink)
        ink -= paper
        ink /= np.maximum(np.subtract(1.0, paper, out=paper), 0.1, out=paper)
    np.clip(ink, 0.0, 1.0, out=ink)
    if not rendered:
        ink = without_frame(ink)
    contrast = float(ink.max(initial=0.0))
    if contrast < 0.1:
        return None
    ink /= contrast
    ink[ink < NOISE_LEVEL] = 0.0
    return ink if rendered else without_ruling(ink)


def _grey(image):
    """Luminance in [0, 1] as float32 (H, W); transparent pixels take the paper's colour."""
    grey = image.astype(np.float32)
    if image.dtype.kind == "f":
        grey = np.nan_to_num(grey, nan=0.0, posinf=0.0, neginf=0.0)
    if image.dtype == np.uint8 or grey.max(initial=0.0) > 1.0:
        grey /= 255.0
    # Out of range (above 255, or negative) is clipped: an alpha of 1e19 made inf - inf = NaN below.
    np.clip(grey, 0.0, 1.0, out=grey)
    return grey if grey.ndim == 2 else _flatten_colour(grey)


def _flatten_colour(image):
    """(H, W, C) -> (H, W) luminance; alpha composites onto paper opposite to the ink's shade."""
    channels = image.shape[2]
    grey = image[..., :3] @ np.array([0.299, 0.587, 0.114], np.float32) if channels >= 3 else image[..., 0]
    if channels not in (2, 4) or image[..., -1].min() >= 1.0:
        return grey
    alpha = image[..., -1]
    ink_is_dark = (grey * alpha).sum() < 0.5 * max(float(alpha.sum()), 1e-9)
    return alpha * grey + (1.0 - alpha) * (1.0 if ink_is_dark else 0.0)


def _place(digit):
    """Paste into the 28x28 field, bilinearly shifted so the centre of mass lands on CENTRE."""
    top, left = CENTRE - centre_of_mass(digit)
    row, col = int(np.floor(top)), int(np.floor(left))
    fy, fx = top - row, left - col
    field = np.zeros((MNIST_SIZE, MNIST_SIZE))
    for dy, wy in ((0, 1 - fy), (1, fy)):
        for dx, wx in ((0, 1 - fx), (1, fx)):
            _paste(field, digit * (wy * wx), row + dy, col + dx)
    return np.clip(field, 0.0, 1.0).astype(np.float32)


def _paste(field, image, top, left):
    """Add `image` into `field` with its corner at (top, left), clipped to the field."""
    h, w = image.shape
    t0, l0 = max(top, 0), max(left, 0)
    t1, l1 = min(top + h, field.shape[0]), min(left + w, field.shape[1])
    if t1 > t0 and l1 > l0:
        field[t0:t1, l0:l1] += image[t0 - top : t1 - top, l0 - left : l1 - left]
