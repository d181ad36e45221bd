"""`digitpad install-desktop-entry [--remove]`: DigitPad in the desktop's application menu, with its icon.

Follows the freedesktop.org conventions for one user: the Desktop Entry goes to
$XDG_DATA_HOME/applications and the icon to the hicolor theme under $XDG_DATA_HOME/icons,
both written atomically. No Qt, and nothing outside those two files is touched.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from digitpad.cli.usage import program_name
from digitpad.core.assets import assets_dir, icon_path
from digitpad.core.atomic_files import write_bytes_atomically

ENTRY_NAME = "digitpad.desktop"
ICON_NAME = "digitpad.svg"  # Icon=digitpad in the entry: found by name in the icon theme
EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")  # the Desktop Entry spec's reserved characters


def run(argv: list[str]) -> int:
    """Install (or with --remove, remove) the entry and icon; print each file's path."""
    args = _parser().parse_args(argv)
    if sys.platform in ("win32", "darwin"):
        print("Desktop entries belong to Linux desktops (freedesktop.org); there is nothing to install here.")
        return 1
    targets = installed_paths(data_home(os.environ))
    if args.remove:
        return _remove(targets)
    write_bytes_atomically(targets[0], desktop_entry(launch_command()).encode())
    write_bytes_atomically(targets[1], icon_path().read_bytes())
    for path in targets:
        print(f"installed {path}")
    return 0


def data_home(environ) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (as the Base Directory spec says)."""
    value = environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def installed_paths(data_home: Path) -> tuple[Path, Path]:
    """Where the entry and the icon go under a data home."""
    return data_home / "applications" / ENTRY_NAME, data_home / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME


def desktop_entry(command: list[str]) -> str:
    """The shipped entry, launching `command` (absolute: a desktop session's PATH may not hold the launcher)."""
    text = (assets_dir() / ENTRY_NAME).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Exec=.*$", lambda _: "Exec=" + " ".join(map(exec_argument, command)), text)
    return re.sub(r"(?m)^TryExec=.*$", lambda _: "TryExec=" + command[0].replace("\\", "\\\\"), text)


def launch_command() -> list[str]:
    """The `digitpad` launcher that is running, or the one beside this Python, else `python -m digitpad`."""
    for candidate in (Path(sys.argv[0]), Path(sys.executable).parent / "digitpad"):
        if candidate.name == "digitpad" and candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate.absolute())]
    return [sys.executable, "-m", "digitpad"]


def exec_argument(argument: str) -> str:
    """One argument of an Exec line, quoted and escaped as the Desktop Entry spec asks."""
    if not argument or EXEC_RESERVED & set(argument):
        argument = '"' + re.sub(r'([`"$\\])', r"\\\1", argument) + '"'
    return argument.replace("\\", "\\\\").replace("%", "%%")  # the string escape, then the field-code one


def _remove(targets: tuple[Path, Path]) -> int:
    removed = [path for path in targets if path.exists()]
    for path in removed:
        path.unlink()
        print(f"removed {path}")
    if not removed:
        print(f"no desktop entry to remove at {targets[0]}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{program_name()} install-desktop-entry",
        description="Add DigitPad and its icon to this user's application menu ($XDG_DATA_HOME/applications).",
    )
    parser.add_argument("--remove", action="store_true", help="remove the entry and icon instead")
    return parser
