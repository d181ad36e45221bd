"""Image files from elsewhere, for `predict` and sample import: each odd kind gives a digit or one short reason."""

import io
import os
import resource
import struct
import subprocess
import sys
import tracemalloc
import zlib

import numpy as np
import pytest
from PIL import Image

from digitpad.cli.predict import ImageError, read_digit, read_digit_and_notes
from digitpad.core.drawing.image_files import ImageFileError, read_image_file
from digitpad.core.drawing.preprocess import image_to_mnist
from tests.conftest import ROOT


def seven(side=120, ink=0.0, paper=1.0) -> np.ndarray:
    """A 7 as floats: `ink` on `paper`, a bar along the top and a stroke down to the bottom left."""
    image = np.full((side, side), paper, np.float64)
    bar, stroke = slice(side // 5, side // 5 + side // 12), side // 12
    image[bar, side // 4 : 3 * side // 4] = ink
    for row in range(side // 5, 4 * side // 5):
        col = int(3 * side // 4 - (row - side // 5) * 0.45)
        image[row, col - stroke // 2 : col + stroke // 2] = ink
    return image


def as_uint8(image) -> np.ndarray:
    return np.round(image * 255).astype(np.uint8)


def reference() -> np.ndarray:
    """What the plain 8-bit PNG of `seven()` reads as: every other kind should read about the same."""
    return image_to_mnist(as_uint8(seven()))


def close_to_reference(digit) -> bool:
    return digit is not None and float(np.abs(digit - reference()).mean()) < 0.02


def png_claiming(width, height) -> bytes:
    """A PNG whose header says `width` x `height` pixels, whatever its data holds."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def test_a_decompression_bomb_is_refused_in_a_few_words(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_claiming(30_000, 30_000))

    with pytest.raises(ImageFileError, match=r"^it is too large to open safely \(a decompression bomb\?\)$"):
        read_image_file(path)


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded(tmp_path):
    path = tmp_path / "huge.png"
    path.write_bytes(png_claiming(8000, 6000))

    with pytest.raises(ImageFileError, match=r"^it is 8000x6000 pixels, too large to open safely$"):
        read_image_file(path)


def test_running_out_of_memory_while_decoding_is_one_sentence(tmp_path):
    path = tmp_path / "big.png"
    Image.new("RGB", (5000, 5000), "white").save(path)
    script = (
        "import resource, sys\n"
        "from digitpad.core.drawing.image_files import ImageFileError, read_image_file\n"
        "pages = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
        "resource.setrlimit(resource.RLIMIT_AS, (pages + 40_000_000, resource.RLIM_INFINITY))\n"
        "try:\n    read_image_file(sys.argv[1])\nexcept ImageFileError as error:\n    print(error)\n"
    )
    finished = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, capture_output=True,
                              text=True, timeout=60)

    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "there is not enough memory to open it"


def test_a_16_bit_image_is_read_with_its_range_not_clipped_to_8_bits(tmp_path):
    path = tmp_path / "deep.png"
    Image.fromarray((seven(ink=0.1, paper=0.9) * 65535).astype(np.uint16)).save(path)
    assert Image.open(path).mode.startswith("I;16")

    assert close_to_reference(read_digit(str(path)))


def test_a_float_image_in_zero_to_one_is_read_with_its_range(tmp_path):
    path = tmp_path / "float.tiff"
    Image.fromarray(seven(ink=0.2, paper=0.95).astype(np.float32), mode="F").save(path)

    assert close_to_reference(read_digit(str(path)))


def test_a_float_image_in_any_other_range_is_scaled_by_its_extremes(tmp_path):
    path = tmp_path / "float-wide.tiff"
    Image.fromarray((seven() * 2000 - 1000).astype(np.float32), mode="F").save(path)

    assert close_to_reference(read_digit(str(path)))


@pytest.mark.parametrize("mode", ["P", "P with alpha", "LA"])
def test_palette_and_grey_alpha_images_are_read(tmp_path, mode):
    """PNG has no PA mode; a palette with an alpha per colour is what Pillow reads as palette plus alpha."""
    path = tmp_path / f"{mode}.png"
    opaque_ink = as_uint8(seven()) < 128
    if mode.startswith("P"):  # ink is colour 1, the paper colour 0 is transparent
        image = Image.fromarray(opaque_ink.astype(np.uint8), "P")
        image.putpalette([255, 255, 255, 0, 0, 0])
        image.save(path, transparency=0 if mode == "P" else bytes([0, 230]))
    else:
        grey = np.where(opaque_ink, 0, 255).astype(np.uint8)
        alpha = np.where(opaque_ink, 255, 0).astype(np.uint8)
        Image.fromarray(np.dstack([grey, alpha]), "LA").save(path)

    assert close_to_reference(read_digit(str(path)))


def test_an_exif_rotated_photo_is_read_upright(tmp_path):
    sideways = tmp_path / "sideways.png"
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    # Stored turned a quarter anticlockwise, as a camera held on its side stores it.
    Image.fromarray(np.rot90(as_uint8(seven()), 1)).save(sideways, exif=exif)

    assert close_to_reference(read_digit(str(sideways)))


def test_an_animated_image_reads_its_first_frame_and_says_so_once(tmp_path):
    path = tmp_path / "moving.gif"
    frames = [Image.fromarray(as_uint8(seven())), Image.new("L", (120, 120), 255), Image.new("L", (120, 120), 0)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)

    digit, notes = read_digit_and_notes(str(path))

    assert close_to_reference(digit)
    assert notes == ["it has 3 frames; the first was read"]


def test_a_one_pixel_image_has_no_digit_and_says_so(tmp_path):
    path = tmp_path / "dot.png"
    Image.new("L", (1, 1), 0).save(path)

    with pytest.raises(ImageError, match=r"^no digit in it \(the image is blank\)$"):
        read_digit(str(path))


def test_a_zero_size_image_is_not_an_image(tmp_path):
    path = tmp_path / "empty.png"
    path.write_bytes(png_claiming(0, 5))

    with pytest.raises(ImageFileError, match=r"^cannot read it as an image"):
        read_image_file(path)


def test_a_missing_file_and_a_folder_are_named_in_plain_words(tmp_path):
    with pytest.raises(ImageFileError, match=r"^there is no such file$"):
        read_image_file(tmp_path / "missing.png")
    with pytest.raises(ImageFileError, match=r"^it is a folder, not an image file$"):
        read_image_file(tmp_path)


def test_a_file_with_a_non_ascii_name_is_read(tmp_path):
    path = tmp_path / "Ziffer-ü-七.png"
    Image.fromarray(as_uint8(seven())).save(path)

    assert close_to_reference(read_digit(str(path)))


def test_a_large_photo_is_reduced_before_any_float_copy(tmp_path):
    path = tmp_path / "photo.png"
    Image.fromarray(as_uint8(seven(side=6000))).save(path)
    decoded = 6000 * 6000  # bytes of one 8-bit copy; a float32 copy is four times that

    tracemalloc.start()
    try:
        pixels, _ = read_image_file(path)
        digit = image_to_mnist(pixels)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert max(pixels.shape) <= 1024
    assert close_to_reference(digit)
    assert peak < 0.5 * decoded  # Pillow decodes outside numpy; numpy never holds a full-size copy


def test_predict_reports_each_bad_file_in_a_line_and_still_classifies_the_rest(tmp_path):
    good = tmp_path / "gut-ü.png"
    Image.fromarray(as_uint8(seven())).save(good)
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_claiming(30_000, 30_000))
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    finished = subprocess.run([sys.executable, "-m", "digitpad", "predict", str(bomb), str(text), str(good)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120, env=env,
                              preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0)))

    errors = [line for line in finished.stderr.splitlines() if ": error: " in line]
    assert finished.returncode == 1
    assert errors == [f"{bomb}: error: it is too large to open safely (a decompression bomb?)",
                      f"{text}: error: cannot read it as an image (UnidentifiedImageError)"]
    assert finished.stdout.startswith(f"{good}: 7 (")
    assert "Traceback" not in finished.stderr
