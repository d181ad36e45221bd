"""Whether Qt can open a window here, said in one sentence before Qt tries. No Qt import.

On Linux, Qt aborts the whole process (exit code 134, three lines about the "xcb" plugin) when
there is no display, or when its X11 plugin's libraries are missing, which is common on a
server or a minimal install. These checks run first and say what to do instead.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from digitpad.cli.usage import program_name

# The usual apt line for Qt 6's X11 plugin: these are what a system without a desktop lacks.
APT_PACKAGES = (
    "libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1",
    "libxcb-shape0", "libxcb-render-util0", "libxcb-image0", "libegl1",
)
# What the plugin (libqxcb.so and libQt6XcbQpa.so) links, as `ldd` lists it, with its Debian package.
X11_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0", "libEGL.so.1": "libegl1", "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-sync.so.1": "libxcb-sync1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-render.so.0": "libxcb-render0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1", "libxkbcommon.so.0": "libxkbcommon0", "libxcb.so.1": "libxcb1",
}


def display_problem(environ: Mapping[str, str], platform: str = "", display: str = "") -> str:
    """Why no window can open, in one sentence, or "" when Qt should manage.

    `platform` and `display` are Qt's -platform and -display options, which win over the
    environment as they do in Qt.
    """
    if not sys.platform.startswith("linux"):
        return ""
    platform = (platform or environ.get("QT_QPA_PLATFORM", "")).split(";")[0].split(":")[0].strip()
    if platform and platform != "xcb":
        return ""  # offscreen, vnc, eglfs, wayland...: a choice made on purpose, left to Qt
    display = display or environ.get("DISPLAY", "")
    wayland = "" if platform else environ.get("WAYLAND_DISPLAY", "")
    if not display and not wayland:
        return _no_display(forced_xcb=bool(platform))
    if wayland:
        return ""  # Qt picks its Wayland plugin, which needs none of the X11 libraries
    if not x_server_answers(display):
        return _no_x_server(display)
    missing = missing_libraries(X11_LIBRARIES)
    return _no_x11_libraries(display, missing) if missing else ""


def x_server_answers(display: str) -> bool:
    """False when `display` is a local one (`:0`, `unix:1.0`) and no X server listens on its socket.

    A DISPLAY left over from a closed session (in tmux, say) is common; Qt aborts on it. Remote
    displays (`localhost:10.0` from `ssh -X`) are left to Qt: a network probe could take seconds.
    """
    host, _, number = display.rpartition(":")
    number = number.split(".")[0]
    if host not in ("", "unix") or not number.isdigit():
        return True
    import socket  # here, so that --help and offscreen runs never pay for it; create_app imports it anyway

    for address in (f"\0/tmp/.X11-unix/X{number}", f"/tmp/.X11-unix/X{number}"):  # abstract, then the file
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(address)
                return True
            except OSError:
                continue
    return False


def missing_libraries(sonames) -> list[str]:
    """Those of `sonames` the dynamic loader cannot load, found as Qt will look for them."""
    import ctypes  # here, so that --help and offscreen runs never pay for it; the window imports it anyway

    missing = []
    for soname in sonames:
        try:
            ctypes.CDLL(soname)  # Qt loads them a moment later anyway; loading twice costs nothing
        except OSError:
            missing.append(soname)
    return missing


def _no_display(forced_xcb: bool) -> str:
    unset = "QT_QPA_PLATFORM is xcb and DISPLAY is unset" if forced_xcb else "DISPLAY and WAYLAND_DISPLAY are unset"
    return (f"DigitPad needs a desktop display; none was found ({unset}), so to read image files "
            f"without one, use: {program_name()} predict IMAGE...")


def _no_x_server(display: str) -> str:
    return (f"DigitPad needs a desktop display, and one is named ({display}), but no X server answers there "
            f"(was that session closed?), so to read image files without one, use: {program_name()} predict IMAGE...")


def _no_x11_libraries(display: str, missing: list[str]) -> str:
    packages = list(APT_PACKAGES) + [X11_LIBRARIES[s] for s in missing if X11_LIBRARIES[s] not in APT_PACKAGES]
    return (f"DigitPad needs a desktop display, and one is named ({display}), but Qt's X11 plugin cannot load "
            f"without {_listed(missing)}, so install them with `sudo apt install {' '.join(packages)}` "
            f"or, to read image files without a window, use: {program_name()} predict IMAGE...")


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
