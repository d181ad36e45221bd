"""Designs as JSON text and .json files: read, parsed and checked whole, or written. Pure Python.

What the panel's Open and Save and `train_model.py --design` use: a design that comes back from
here can be built (`layer_shapes.check_buildable`); anything else is a DesignError whose message
is one sentence, naming the file and the layer.
"""

from __future__ import annotations

import json
import os

from digitpad.core.atomic_files import write_bytes_atomically
from digitpad.core.networks.design import DesignError
from digitpad.core.networks.layer_shapes import check_buildable


def parse_design(text: str) -> dict:
    """The complete design a JSON text holds; DesignError in one sentence if it is not JSON or cannot be built."""
    try:
        design = json.loads(text)
    except json.JSONDecodeError as error:
        raise DesignError(f"It is not JSON: {error.msg} at line {error.lineno}, column {error.colno}.") from None
    except RecursionError:
        raise DesignError("It is not a design: its JSON nests lists or objects thousands deep.") from None
    except ValueError:  # Python reads no integer of over 4,300 digits
        raise DesignError("It is not a design: it holds a number of thousands of digits.") from None
    return check_buildable(design)


def read_design(path: str | os.PathLike) -> dict:
    """The complete design in a .json file; DesignError naming the file if it cannot be read, parsed or built."""
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        raise DesignError(f"{os.fspath(path)} cannot be read ({reason}).") from None
    try:
        return parse_design(text)
    except DesignError as error:
        raise DesignError(f"{os.fspath(path)}: {_lower_first(str(error))}") from None


def design_text(design: dict) -> str:
    """The design as the JSON a .json file holds, indented."""
    return json.dumps(design, indent=2) + "\n"


def write_design(path: str | os.PathLike, design: dict) -> None:
    """Save a design as a .json file, atomically: a failed save leaves the file that was there."""
    write_bytes_atomically(path, design_text(design).encode("utf-8"))


def _lower_first(sentence: str) -> str:
    """"It is not JSON..." -> "it is not JSON..." after a file name; "MNIST..." stays as it is."""
    return sentence[:1].lower() + sentence[1:] if sentence[1:2].islower() else sentence
