"""Pictures of digits as they come, read as `predict` reads them: photos, screenshots, notebook paper.

MNIST test digits painted with a 16 px anti-aliased brush (bench/painted_digits.py), then put
through what happens to a picture on its way to DigitPad: JPEG at quality 20, a small digit
off-centre in a large image, a speck, a 1 px or a thick frame along the edges (a screenshot,
a cropped scan), light falling from one side (a phone photo by a window: 0.6 to 1.0), blue ink
on yellow paper, a transparent PNG, ruled and squared paper, white on black (also with a bold
brush), a sheet photographed on a dark desk (also turned and lit from one side), a shadow over a
corner of the sheet (also one with a soft edge falling across the digit), chalk on a board under
a lamp's glare. Each shipped
model reads each alone (no views). No digit of drawn-dev is read.

    .venv/bin/python bench/paper_conditions.py [--count 1000]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from painted_digits import painted  # noqa: E402
from redrawn_mnist import redrawn_test_set  # noqa: E402

import digitpad  # noqa: E402,F401  (quiet TensorFlow logging)
from digitpad.core.drawing.image_files import read_image_file  # noqa: E402
from digitpad.core.drawing.raster_pipeline import image_to_mnist  # noqa: E402
from digitpad.core.inference.loading import load_predictor  # noqa: E402

folder = tempfile.mkdtemp(prefix="digitpad-paper-")


def through_file(picture: Image.Image, kind: str, **options) -> np.ndarray:
    """The picture saved as `kind` and read back as `predict` opens files."""
    path = Path(folder) / f"picture.{kind.lower()}"
    buffer = io.BytesIO()
    picture.save(buffer, kind, **options)
    path.write_bytes(buffer.getvalue())
    return read_image_file(path)[0]


def base(drawing) -> Image.Image:
    return Image.fromarray(painted(drawing, 16, True))


def jpeg(drawing):
    return through_file(base(drawing).convert("RGB"), "JPEG", quality=20)


def small_offcentre(drawing):
    page = Image.new("L", (800, 600), 255)
    page.paste(base(drawing).resize((70, 70), Image.Resampling.LANCZOS), (40, 30))
    return np.asarray(page)


def speck(drawing):
    picture = np.array(base(drawing))
    picture[250:256, 250:256] = 0
    return picture


def frame(drawing, width=1, shade=0):
    picture = np.array(base(drawing))
    picture[:width], picture[-width:], picture[:, :width], picture[:, -width:] = shade, shade, shade, shade
    return picture


def thick_frame(drawing):
    return frame(drawing, width=6, shade=40)


def gradient(drawing):
    light = np.linspace(0.6, 1.0, 280)[None, :]
    return (np.asarray(base(drawing)) * light).astype(np.uint8)


def colours(drawing):
    ink = np.asarray(base(drawing)).astype(np.float32)[..., None] / 255
    paper, pen = np.array([250, 240, 160]), np.array([30, 60, 200])
    return (ink * paper + (1 - ink) * pen).astype(np.uint8)


def transparent(drawing):
    rgba = np.zeros((280, 280, 4), np.uint8)
    rgba[..., 3] = 255 - np.asarray(base(drawing))
    return through_file(Image.fromarray(rgba, "RGBA"), "PNG")


def ruled(drawing):
    picture = np.array(base(drawing))
    for row in range(20, 280, 40):
        picture[row : row + 2] = np.minimum(picture[row : row + 2], 170)
    return picture


def grid(drawing):
    picture = np.array(base(drawing))
    picture[::28] = np.minimum(picture[::28], 200)
    picture[:, ::28] = np.minimum(picture[:, ::28], 200)
    return picture


def dark_mode(drawing):
    return 255 - np.asarray(base(drawing))


def on_desk(drawing, degrees=0.0):
    """The sheet (slightly grey paper) photographed on a dark, grainy desk that shows on every side."""
    sheet = Image.fromarray((np.asarray(base(drawing)) * 0.92).astype(np.uint8))
    inside = Image.new("L", sheet.size, 255).rotate(degrees, expand=True)  # where the turned sheet lies
    sheet = sheet.rotate(degrees, Image.Resampling.BILINEAR, expand=True)
    desk = np.random.default_rng(0).normal(70, 12, (sheet.height + 90, sheet.width + 120)).clip(0, 255)
    desk = Image.fromarray(desk.astype(np.uint8))
    desk.paste(sheet, (70, 35), inside)
    return np.asarray(desk)


def on_desk_turned(drawing):
    """The same, the sheet turned by 8 degrees and lit from one side."""
    picture = on_desk(drawing, degrees=8.0).astype(np.float32)
    return (picture * np.linspace(0.7, 1.0, picture.shape[1])[None, :]).astype(np.uint8)


def shadow(drawing, reach=120, soft=2.0, depth=0.5):
    """A shadow (a phone's, a hand's) at half the light over the top-left corner, `reach` px along each edge."""
    picture = np.asarray(base(drawing)).astype(np.float32)
    y, x = np.mgrid[: picture.shape[0], : picture.shape[1]]
    lit = np.clip(((x + y) - reach) / (soft * np.sqrt(2)) + 0.5, 0.0, 1.0)
    return (picture * (depth + (1 - depth) * lit)).astype(np.uint8)


def shadow_over(drawing):
    """A larger shadow with a soft edge (20 px of penumbra) that falls across the digit."""
    return shadow(drawing, reach=200, soft=20.0)


def chalk(drawing):
    """Chalk on a dark board, a lamp's glare over one corner (the board 30 -> 100, the chalk 200)."""
    strength = 1.0 - np.asarray(base(drawing)).astype(np.float32) / 255
    y, x = np.mgrid[: strength.shape[0], : strength.shape[1]]
    board = 30 + 70 * np.exp(-((x - 60) ** 2 + (y - 60) ** 2) / (2 * 90.0**2))
    return (board + strength * (200 - board)).astype(np.uint8)


def dark_mode_bold(drawing):
    """White on black with a brush a seventh of the digit's height: a light digit that is no sheet."""
    return 255 - painted(drawing, 40, True)


VARIANTS = [base, jpeg, small_offcentre, speck, frame, thick_frame, gradient, colours, transparent, ruled, grid,
            dark_mode, dark_mode_bold, chalk, on_desk, on_desk_turned, shadow, shadow_over]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="MNIST test digits, drawn at random (seed 1)")
    parser.add_argument("--only", nargs="*", help="these pictures only (by name)")
    arguments = parser.parse_args()
    drawings, labels = redrawn_test_set()
    chosen = np.random.default_rng(1).choice(len(labels), arguments.count, replace=False)
    readers = {name: load_predictor(ROOT / "assets" / f"{name}.keras") for name in ("cnn", "mlp")}
    print(f"{arguments.count} MNIST test digits painted on 280 px, read as predict reads them")
    for variant in [v for v in VARIANTS if not arguments.only or v.__name__ in arguments.only]:
        images = np.stack([_read(variant(drawings[i])) for i in chosen])
        scores = "  ".join(f"{name} {np.mean(reader.probabilities_batch(images).argmax(1) == labels[chosen]):.1%}"
                           for name, reader in readers.items())
        print(f"{variant.__name__:16s} {scores}", flush=True)


def _read(picture) -> np.ndarray:
    digit = image_to_mnist(np.asarray(picture))
    return np.zeros((28, 28), np.float32) if digit is None else digit


if __name__ == "__main__":
    main()
