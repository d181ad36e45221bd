"""Qt's own command-line options, which `digitpad` passes through to QApplication. No Qt import.

The window starts only when every argument is one of these, so that a typo (`--frobnicate`,
`digitpad pridict`) is answered with the usage instead of a window that ignored it.
"""

from __future__ import annotations

# From the QGuiApplication and QApplication references and Qt's xcb plugin: options with a value
# (`-platform offscreen`, also `-style=fusion`), then those without. Qt takes `--name` as `-name`.
WITH_VALUE = frozenset({
    "platform", "platformpluginpath", "platformtheme", "plugin", "session", "style", "stylesheet",
    "qwindowgeometry", "geometry", "qwindowtitle", "title", "qwindowicon", "icon", "display", "name", "visual",
})
EQUALS_ONLY = frozenset({"qmljsdebugger", "dialogs", "fontengine", "darkmode"})  # `-darkmode=2` and the like
FLAGS = frozenset({"reverse", "nograb", "dograb", "sync", "widgetcount", "testability"})


class NotAQtOption(ValueError):
    """An argument that neither DigitPad nor Qt understands; the message names it."""


def read_qt_options(argv: list[str]) -> dict[str, str]:
    """Qt's options in `argv` by name ({"platform": "offscreen"}); NotAQtOption for anything else."""
    options, rest = {}, list(argv)
    while rest:
        argument = rest.pop(0)
        if not argument.startswith("-") or argument in ("-", "--"):
            raise NotAQtOption(f"unknown command or argument {argument!r}")
        name, equals, value = argument.removeprefix("-").removeprefix("-").partition("=")
        if equals and name in WITH_VALUE | EQUALS_ONLY or not equals and name in FLAGS:
            options[name] = value
        elif not equals and name in WITH_VALUE:
            if not rest:
                raise NotAQtOption(f"the option {argument} needs a value")
            options[name] = rest.pop(0)
        else:
            raise NotAQtOption(f"unknown option {argument}")
    return options
