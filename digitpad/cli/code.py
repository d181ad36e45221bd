"""`python -m digitpad code PATH.keras`: print the standalone Keras script that trains a saved run's network.

The script comes from the run's card: its design, or for a run saved before designs existed
the design its recipe implies (digitpad.core.networks.card_designs). No Qt, no TensorFlow.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from digitpad.core.networks.card_designs import design_of_card
from digitpad.core.networks.design_script import design_script
from digitpad.core.runs.model_files import card_path, read_card

EXIT_BAD_RUN = 2


def run(argv: list[str]) -> int:
    """Print the script on stdout; 0, or 2 with one sentence on stderr when the run has no design to show."""
    args = _parser().parse_args(argv)
    try:
        print(run_script(Path(args.model)), end="")
    except LookupError as error:
        print(f"digitpad code: {error}", file=sys.stderr)
        return EXIT_BAD_RUN
    return 0


def run_script(model_path: Path) -> str:
    """The script for the run saved as `model_path`; LookupError, in one sentence, when it has no design to show."""
    if model_path.suffix != ".keras" or not model_path.is_file():
        raise LookupError(f"{model_path} is not a saved model; give the path of a run's .keras file.")
    card = read_card(model_path)
    if card is None:
        raise LookupError(f"{model_path} has no readable card {card_path(model_path).name}, so its design is unknown.")
    design = design_of_card(card)
    if design is None:
        card_name = card_path(model_path).name
        raise LookupError(f"the card {card_name} holds no design and no recipe of the mlp or cnn kind.")
    return design_script(design)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digitpad code", description="Print a run as a standalone Keras script.")
    parser.add_argument("model", metavar="PATH.keras", help="a saved run; its card PATH.json holds the design")
    return parser
