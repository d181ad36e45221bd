"""An image file from elsewhere -> pixels `image_to_mnist` can read, or one short reason why not. Pure: no Qt.

`predict` and sample import both open files people exchange, so everything Pillow might meet is
handled here once: decompression bombs and MemoryError, 16-bit and float images (scaled by
their range, never clipped to 8 bits), palette and grey+alpha images, EXIF-rotated photos,
animations (the first frame), empty images. Large images are reduced while still 8 or 16 bits
per pixel, before any float copy is made.
"""

from __future__ import annotations

import os
import warnings

import numpy as np

# Far more than a photo of a digit needs; a 40-megapixel RGBA image is 160 MB already.
MAX_PIXELS = 40_000_000
# Larger images are reduced to about this side first: the digit ends up 20 px tall anyway.
WORKING_SIDE = 1024
_SIXTEEN_BIT = ("I;16", "I;16L", "I;16B", "I;16N")


class ImageFileError(ValueError):
    """The file gives no image; the message says why in a few words ("cannot read it as an image")."""


def read_image_file(path: str | os.PathLike) -> tuple[np.ndarray, list[str]]:
    """The file's pixels, (H, W) grey or (H, W, 4) RGBA, uint8 or float32 in [0, 1], and notes to say once.

    ImageFileError for anything that is not a usable image; never another exception.
    """
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return _pixels(image)
    except ImageFileError:
        raise
    except FileNotFoundError as error:
        raise ImageFileError("there is no such file") from error
    except IsADirectoryError as error:
        raise ImageFileError("it is a folder, not an image file") from error
    except PermissionError as error:
        raise ImageFileError("it cannot be opened: permission denied") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageFileError("it is too large to open safely (a decompression bomb?)") from error
    except MemoryError as error:
        raise ImageFileError("there is not enough memory to open it") from error
    except Exception as error:  # noqa: BLE001 - Pillow's decoders raise many kinds on a damaged file
        raise ImageFileError(f"cannot read it as an image ({type(error).__name__})") from error


def _pixels(image) -> tuple[np.ndarray, list[str]]:
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageFileError(f"it is empty ({width}x{height} pixels)")
    if width * height > MAX_PIXELS:
        raise ImageFileError(f"it is {width}x{height} pixels, too large to open safely")
    notes = []
    frames = getattr(image, "n_frames", 1)
    if frames > 1:
        notes.append(f"it has {frames} frames; the first was read")
    image.draft(image.mode, (WORKING_SIDE, WORKING_SIDE))  # a JPEG decodes at a fraction of its size
    image = _upright(image)
    image = _reduced(_working_mode(image))
    return _as_array(image), notes


def _upright(image):
    """Turned as the camera's EXIF orientation says, so a photo of a 7 is not read on its side."""
    from PIL import ImageOps

    return ImageOps.exif_transpose(image) or image


def _working_mode(image):
    """RGBA when it has transparency, its own mode when 16-bit or float, else 8-bit grey."""
    if image.mode in _SIXTEEN_BIT:
        return image.convert("I")  # exactly: reduce() does not take the 16-bit modes
    if image.mode in ("I", "F"):
        return image
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "L")


def _reduced(image):
    """Reduced by a whole factor (box averaging) so its longer side is about WORKING_SIDE."""
    factor = -(-max(image.size) // WORKING_SIDE)
    if factor <= 1:
        return image
    return image.reduce(factor)


def _as_array(image) -> np.ndarray:
    if image.mode not in ("I", "F"):
        return np.asarray(image)
    values = np.asarray(image, dtype=np.float32)
    values = np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)
    low, high = float(values.min()), float(values.max())
    if image.mode == "I" and low >= 0 and high <= 65535:
        return values / 65535.0  # 16-bit data: its full range is 0..65535
    if image.mode == "F" and low >= 0 and high <= 1:
        return values
    if high <= low:
        return np.zeros_like(values)
    return (values - low) / (high - low)  # any other range: its own extremes
