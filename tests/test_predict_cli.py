"""`python -m digitpad predict IMAGE...`: same preprocessing as the app, one line per image, no Qt."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from digitpad.cli.predict import run
from tests.conftest import ROOT


@pytest.fixture
def digit_files(tmp_path, mnist):
    """MNIST test digits 0-2 as PNGs in both polarities a person might have, plus a non-image."""
    paths = []
    for index in range(3):
        pixels = mnist.x_test[index, :, :, 0]
        if index == 1:
            pixels = 255 - pixels  # dark ink on white paper
        image = Image.fromarray(pixels).resize((112, 112), Image.Resampling.BILINEAR)
        paths.append(tmp_path / f"digit{index}.png")
        image.save(paths[-1])
    (tmp_path / "notes.txt").write_text("not an image")
    return [str(p) for p in paths], str(tmp_path / "notes.txt"), [int(y) for y in mnist.y_test[:3]]


def test_each_image_gets_its_digit_and_confidence(capsys, digit_files, mlp_path):
    images, _, labels = digit_files
    assert run([*images, "--model", str(mlp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in lines] == images
    assert [int(line.split(": ")[1].split(" ")[0]) for line in lines] == labels
    assert all(line.endswith("%)") for line in lines)


def test_json_gives_one_object_per_line_with_ten_probabilities(capsys, digit_files, mlp_path):
    images, _, labels = digit_files
    assert run(["--json", *images, "--model", str(mlp_path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in records] == images and [r["digit"] for r in records] == labels
    assert all(len(r["probabilities"]) == 10 and abs(sum(r["probabilities"]) - 1) < 1e-4 for r in records)


def test_an_unreadable_file_gets_one_error_line_and_the_others_still_run(capsys, digit_files, tmp_path, mlp_path):
    images, not_an_image, _ = digit_files
    Image.new("L", (50, 50), 255).save(tmp_path / "blank.png")
    missing = str(tmp_path / "missing.png")
    files = [images[0], not_an_image, str(tmp_path / "blank.png"), missing, images[1]]
    assert run([*files, "--model", str(mlp_path)]) != 0
    output = capsys.readouterr()
    assert [line.split(": ")[0] for line in output.out.splitlines()] == [images[0], images[1]]
    errors = output.err.splitlines()
    assert [line.split(": ")[0] for line in errors] == [not_an_image, str(tmp_path / "blank.png"), missing]


def test_a_folder_stands_for_the_image_files_in_it_by_name(capsys, digit_files, tmp_path, mlp_path):
    images, _, labels = digit_files  # in tmp_path, beside a notes.txt that is no image
    (tmp_path / "empty").mkdir()

    assert run([str(tmp_path), str(tmp_path / "empty"), "--model", str(mlp_path)]) == 1

    output = capsys.readouterr()
    assert [line.split(": ")[0] for line in output.out.splitlines()] == images  # notes.txt is left alone
    assert [int(line.split(": ")[1].split(" ")[0]) for line in output.out.splitlines()] == labels
    assert output.err.splitlines() == [f"{tmp_path / 'empty'}: error: there are no image files in this folder"]


@pytest.mark.parametrize("model", ["missing.keras", "model.h5"])
def test_a_bad_model_gives_one_sentence_and_a_non_zero_exit(capsys, digit_files, tmp_path, model):
    images, _, _ = digit_files
    (tmp_path / "model.h5").write_bytes(b"\x89HDF")
    assert run([images[0], "--model", str(tmp_path / model)]) != 0
    output = capsys.readouterr()
    assert output.out == "" and len(output.err.strip().splitlines()) == 1 and output.err.strip().endswith(".")


def test_python_m_digitpad_predict_runs_without_importing_qt(digit_files, mlp_path):
    images, _, labels = digit_files
    script = (
        "import sys\nfrom digitpad.__main__ import main\n"
        f"code = main(['predict', *{images!r}, '--model', {str(mlp_path)!r}])\n"
        "assert not any(name.startswith('PySide6') for name in sys.modules), 'Qt was imported'\n"
        "sys.exit(code)\n"
    )
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert [int(line.split(": ")[1].split(" ")[0]) for line in result.stdout.splitlines()] == labels


def test_predict_writes_nothing_to_stderr_when_every_image_reads(digit_files):
    """The LiteRT runtime's "INFO: Created TensorFlow Lite XNNPACK delegate" lines read as trouble."""
    images, _, labels = digit_files
    result = subprocess.run(
        [sys.executable, "-m", "digitpad", "predict", *images], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and result.stderr == ""
    assert [int(line.split(": ")[1].split(" ")[0]) for line in result.stdout.splitlines()] == labels


def test_the_command_line_sees_the_same_input_as_the_app(digit_files, mnist):
    from digitpad.cli.predict import read_digit
    from digitpad.core.drawing.preprocess import image_to_mnist

    images, _, _ = digit_files
    expected = image_to_mnist(np.asarray(Image.open(images[0]).convert("L")))
    np.testing.assert_array_equal(read_digit(images[0]), expected)
