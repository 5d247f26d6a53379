"""Before Qt starts on X11: are the system libraries its xcb platform plugin needs installed?

Without them (libxcb-cursor0 is missing on a stock Debian or Ubuntu desktop) Qt aborts with "Could not
load the Qt platform plugin "xcb"" and a list of plugins, which says nothing about what to install.
This names the Debian/Ubuntu packages instead. It only looks libraries up (ctypes), never loads Qt.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# Library (as ctypes.util.find_library names it) -> the Debian/Ubuntu package that provides it: what Qt 6's
# xcb plugin links against beyond the X11 basics every desktop has.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0",
    "xcb-xkb": "libxcb-xkb1",
}


def uses_xcb(environ: dict[str, str] | None = None) -> bool:
    """Whether Qt will start on X11 (xcb): Linux, a DISPLAY, and neither Wayland nor another platform asked for."""
    env = os.environ if environ is None else environ
    platform = env.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or (platform and not platform.startswith("xcb")):
        return False
    if not platform and env.get("WAYLAND_DISPLAY"):
        return False
    return bool(env.get("DISPLAY"))


def missing_packages(find=ctypes.util.find_library) -> list[str]:
    """Debian/Ubuntu packages whose libraries the xcb plugin needs and that are not installed."""
    return [package for library, package in XCB_LIBRARIES.items() if find(library) is None]


def explain_missing(packages: list[str]) -> str:
    return ("annotator: the Qt window system plugin (xcb) needs system libraries that are not installed.\n"
            f"  Install them with:  sudo apt install {' '.join(packages)}\n"
            "  (other systems: the same libraries from your package manager; or run under Wayland)")


__all__ = ["XCB_LIBRARIES", "explain_missing", "missing_packages", "uses_xcb"]
