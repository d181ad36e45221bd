"""`digitpad [OPTION...]` without a command: help, version, a typo, or no display, all answered before Qt starts."""

from __future__ import annotations

import os
import sys

from digitpad.cli.display_check import display_problem
from digitpad.cli.qt_options import NotAQtOption, read_qt_options
from digitpad.cli.usage import program_name, synopsis, usage, version

USAGE_ERROR = 2  # argparse's code, as `digitpad predict` gives it
NO_DISPLAY = 1


def answer_without_window(argv: list[str]) -> int | None:
    """Print what `argv` asks for (or why the window cannot open) and return the exit code; None: open it."""
    if "-h" in argv or "--help" in argv:
        print(usage(), end="")
        return 0
    if "--version" in argv:
        print(f"digitpad {version()}")
        return 0
    try:
        qt_options = read_qt_options(argv)
    except NotAQtOption as error:
        print(f"{synopsis()}\n{program_name()}: error: {error} (see --help)", file=sys.stderr)
        return USAGE_ERROR
    problem = display_problem(os.environ, qt_options.get("platform", ""), qt_options.get("display", ""))
    if problem:
        print(problem, file=sys.stderr)
        return NO_DISPLAY
    return None
