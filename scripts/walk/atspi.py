"""The kiosk's widgets as a screen reader sees them: found by accessible name over AT-SPI.

Runs in the system Python (``/usr/bin/python3``): PyGObject and the Atspi typelib come
from Debian (python3-gi, gir1.2-atspi-2.0) and do not install into the venv without a
C tool-chain. The kiosk's own objectName = accessibleName rule is what makes the walk
possible: the names below are the ones docs/architecture.md lists. Widgets are found by
their accessible identifier (Qt's ``accessibleIdentifier``, AT-SPI's ``AccessibleId``),
which the kiosk sets to that name on every named widget; a control's accessible name is
the same name, a label's is its text, as a screen reader reads it.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


class NotFound(LookupError):
    """No showing widget of that accessible name appeared in time."""


@dataclass(frozen=True)
class Widget:
    """One showing widget: where it is on the screen, and what it says.

    ``name`` is its stable name (the accessible identifier, else the accessible name);
    ``spoken`` is what a screen reader reads out (the accessible name).
    """

    name: str
    spoken: str
    role: str
    x: int
    y: int
    width: int
    height: int
    enabled: bool
    checked: bool
    text: str
    # The part of the widget its ancestors let through (a scroll area's viewport cuts
    # off what is scrolled away): (x, y, width, height), empty when nothing shows.
    visible: tuple[int, int, int, int]

    @property
    def centre(self) -> tuple[int, int]:
        x, y, width, height = self.visible
        return x + width // 2, y + height // 2

    def in_sight(self) -> bool:
        """Most of it shows: a finger aimed at its visible part lands on it."""
        _x, _y, width, height = self.visible
        return width >= min(self.width, 40) and height >= min(self.height, 40) and height > 0


Rect = tuple[int, int, int, int]


def _intersect(a: Rect, b: Rect) -> Rect:
    left, top = max(a[0], b[0]), max(a[1], b[1])
    right, bottom = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    if right <= left or bottom <= top:
        return (left, top, 0, 0)
    return (left, top, right - left, bottom - top)


def _is_showing(node: Any) -> bool:
    states = node.get_state_set()
    return bool(states.contains(Atspi.StateType.SHOWING))


_STABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _stable_name(identifier: str, spoken: str) -> str:
    """The kiosk's name for a widget: its accessible identifier, else its accessible name.

    Qt gives a widget without an explicit identifier one made of the object names from
    the application down (``QApplication.main_window.….done_reference_label``, class
    names for unnamed objects): its last part is then the widget's objectName when it
    has one of the kiosk's snake_case names.
    """
    last = identifier.rsplit(".", 1)[-1]
    return last if _STABLE_NAME.fullmatch(last) else spoken


def _describe(node: Any, clip: Rect) -> Widget:
    rect = node.get_extents(Atspi.CoordType.SCREEN)
    own = (rect.x, rect.y, rect.width, rect.height)
    states = node.get_state_set()
    text = ""
    try:
        iface = node.get_text_iface()
        if iface is not None:
            text = iface.get_text(0, iface.get_character_count()) or ""
    except Exception:  # not every widget has a text interface
        text = ""
    spoken = node.get_name() or ""
    try:
        identifier = node.get_accessible_id() or ""
    except Exception:  # an at-spi2-core older than 2.34 has no identifiers
        identifier = ""
    return Widget(
        name=_stable_name(identifier, spoken),
        spoken=spoken,
        role=node.get_role_name() or "",
        x=rect.x,
        y=rect.y,
        width=rect.width,
        height=rect.height,
        enabled=bool(states.contains(Atspi.StateType.ENABLED)),
        checked=bool(
            states.contains(Atspi.StateType.CHECKED) or states.contains(Atspi.StateType.PRESSED)
        ),
        text=text,
        visible=_intersect(own, clip),
    )


class KioskTree:
    """The kiosk application's accessible tree (only its showing part is walked)."""

    def __init__(self, application: Any) -> None:
        self.application = application

    @classmethod
    def wait_for(cls, process_name: str, timeout: float = 60.0) -> KioskTree:
        """The application registered under ``process_name`` on the AT-SPI bus."""
        Atspi.init()  # once the X display exists (it looks for one)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            desktop = Atspi.get_desktop(0)
            for index in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(index)
                if app is not None and (app.get_name() or "") == process_name:
                    tree = cls(app)
                    if tree.showing():
                        return tree
            time.sleep(0.5)
        raise NotFound(f"no application {process_name!r} on the accessibility bus")

    def _walk(self) -> list[tuple[Any, Widget]]:
        found: list[tuple[Any, Widget]] = []
        everywhere: Rect = (-100_000, -100_000, 200_000, 200_000)
        stack: list[tuple[Any, Rect]] = [(self.application, everywhere)]
        while stack:
            node, clip = stack.pop()
            try:
                count = node.get_child_count()
            except Exception:  # the widget went away while we looked
                continue
            for index in range(count - 1, -1, -1):
                child = node.get_child_at_index(index)
                if child is None:
                    continue
                try:
                    if not _is_showing(child):
                        continue
                    widget = _describe(child, clip)
                except Exception:
                    continue
                found.append((child, widget))
                stack.append((child, widget.visible))
        return found

    def showing(self) -> list[Widget]:
        """Every showing widget, in tree order."""
        return [widget for _node, widget in self._walk()]

    def names(self) -> set[str]:
        return {widget.name for widget in self.showing() if widget.name}

    def find(self, name: str, timeout: float = 10.0) -> Widget:
        """The showing widget called ``name``; waits for it to appear."""
        deadline = time.monotonic() + timeout
        while True:
            for widget in self.showing():
                if widget.name == name:
                    return widget
            if time.monotonic() > deadline:
                raise NotFound(f"no showing widget named {name!r}")
            time.sleep(0.3)

    def find_any(self, names: list[str], timeout: float = 10.0) -> Widget:
        """The first of ``names`` that is showing (the screen may show one or the other)."""
        deadline = time.monotonic() + timeout
        while True:
            showing = {w.name: w for w in self.showing() if w.name}
            for name in names:
                if name in showing:
                    return showing[name]
            if time.monotonic() > deadline:
                raise NotFound(f"none of {names} is showing")
            time.sleep(0.3)
