"""What `digitpad --help` and `digitpad --version` print. No Qt, and nothing heavier than the standard library."""

from __future__ import annotations

import os
import sys

import digitpad

USAGE = """\
usage: {prog} [--help] [--version] [QT-OPTION...]
       {prog} predict [--json] [--number] [--model MODEL.keras] IMAGE...
       {prog} code PATH.keras
       {prog} install-desktop-entry [--remove]

Draw a digit, watch a neural network read it live, and train it yourself.

With no command, DigitPad opens its window. Qt's own options pass through to Qt,
e.g. -platform offscreen, -style fusion, -reverse.

commands:
  predict               classify image files (PNG, JPEG, ..., either polarity) without a window;
                        --json prints JSON lines, --number reads each image as a number,
                        --model picks a .keras model (default: the shipped CNN)
  code                  print a standalone Keras script that trains the same network as a saved run
  install-desktop-entry add DigitPad to the desktop's application menu (--remove takes it out again)

options:
  -h, --help            print this text and exit
  --version             print DigitPad's version and exit

environment:
  DIGITPAD_MNIST_DIR    a folder with the four official MNIST .gz files: train offline from them
  DIGITPAD_TFDS_DIR     the tensorflow-datasets data folder for MNIST (default: TFDS_DATA_DIR)
  TFDS_DATA_DIR         tensorflow-datasets' own data folder (default: ~/tensorflow_datasets)
  DIGITPAD_TRAINING_IN  where a run started in the window trains: process (default) or thread
  XDG_DATA_HOME         holds DigitPad/DigitPad/ (runs, samples) and the desktop entry (default: ~/.local/share)
  XDG_CONFIG_HOME       holds DigitPad/DigitPad.conf, the window's settings (default: ~/.config)
  XDG_CACHE_HOME        holds DigitPad/twin-templates, networks converted to LiteRT (default: ~/.cache)
  TF_CPP_MIN_LOG_LEVEL  0 or 1 shows TensorFlow's native log as it loads to train (default: 2, kept aside)
  DISPLAY, WAYLAND_DISPLAY  the desktop to open the window on (without one, predict still works)
  QT_QPA_PLATFORM       Qt's platform plugin, e.g. offscreen to run without a display
"""


def program_name() -> str:
    """How the person started DigitPad: the `digitpad` launcher or `python -m digitpad`."""
    launcher = os.path.splitext(os.path.basename(sys.argv[0]))[0]  # `digitpad`, or `digitpad.exe` on Windows
    return "digitpad" if launcher == "digitpad" else "python -m digitpad"


def usage() -> str:
    """The --help text, naming the program as the person typed it."""
    return USAGE.format(prog=program_name())


def synopsis() -> str:
    """The usage lines alone, for an error message."""
    return usage().split("\n\n")[0]


def version() -> str:
    """The installed distribution's version; from a source checkout, the package's own."""
    from importlib import metadata

    try:
        return metadata.version("digitpad")
    except metadata.PackageNotFoundError:  # run from a checkout that was never pip-installed
        return digitpad.__version__
