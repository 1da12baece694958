"""A citizen's fingers: taps on widgets found by accessible name, typing on the
on-screen keyboard, dates by taps; and a screenshot of every screen reached.

Every tap is a real X click at the centre of the part of the widget that shows. A widget
scrolled out of sight is brought in with the mouse wheel over its scroll area, as a
finger swipes; one that cannot be brought into sight fails the walk (a citizen could
not reach it either).
"""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.text_input.key_taps import key_taps

from .atspi import KioskTree, NotFound, Widget
from .display import Display

SETTLE_SECONDS = 0.12  # after a tap: Qt repaints before the next look
SHOT_SETTLE_SECONDS = 0.6  # before a screenshot: scrolls and the keyboard's slide finish
# Letters only Vietnamese uses (after NFD: the shape marks, and đ): a text with one of them
# on an English screen is either the citizen's own data (names, addresses) or untranslated.
VIETNAMESE_MARKS = frozenset("\u0306\u0302\u031b\u0300\u0301\u0309\u0303\u0323đĐ")


def looks_vietnamese(text: str) -> bool:
    return any(char in VIETNAMESE_MARKS for char in unicodedata.normalize("NFD", text))


class WalkFailed(AssertionError):
    """The walk could not go on; the message says where, a screenshot shows it."""


@dataclass
class Citizen:
    tree: KioskTree
    display: Display
    shots_dir: Path
    prefix: str = ""
    language: str = "vi"
    shots: list[Path] = field(default_factory=list)
    taps: int = 0
    _keys: dict[str, Widget] = field(default_factory=dict)

    # -- looking ----------------------------------------------------------------------

    def see(self, name: str, timeout: float = 10.0) -> Widget:
        try:
            return self.tree.find(name, timeout)
        except NotFound as error:
            self.fail(str(error))
            raise  # fail() raised already; this keeps mypy sure of it

    def see_prefix(self, prefix: str, timeout: float = 10.0) -> str:
        """The first showing widget whose name starts with ``prefix`` (waits for one)."""
        deadline = time.monotonic() + timeout
        while True:
            names = self.showing_names(prefix)
            if names:
                return names[0]
            if time.monotonic() > deadline:
                self.fail(f"no showing widget named {prefix}...")
            time.sleep(0.3)

    def sees(self, name: str) -> bool:
        return name in self.tree.names()

    def showing_names(self, prefix: str) -> list[str]:
        return sorted(name for name in self.tree.names() if name.startswith(prefix))

    def fail(self, message: str) -> None:
        path = self.shot("FAILED")
        names = sorted(self.tree.names())
        raise WalkFailed(f"{message}\n  screenshot: {path}\n  showing: {names}")

    # -- taps -------------------------------------------------------------------------

    def reach(self, name: str, timeout: float = 10.0) -> Widget:
        """The widget, scrolled into sight if it is not."""
        widget = self.see(name, timeout)
        for _ in range(40):
            if widget.in_sight():
                return widget
            down = widget.y >= widget.visible[1]  # hidden below, else hidden above
            area = self._scroll_area_of(widget)
            self.display.wheel(area[0], area[1], down=down, notches=2)
            time.sleep(SETTLE_SECONDS)
            widget = self.see(name, timeout)
        self.fail(f"{name} cannot be brought into sight")
        return widget

    def _scroll_area_of(self, widget: Widget) -> tuple[int, int]:
        """Where to turn the wheel: inside the visible part of what holds the widget."""
        x, y, width, height = widget.visible
        if width and height:
            return x + width // 2, y + height // 2
        # Nothing of it shows: aim at the middle of the screen's content band.
        return self.display.width // 2, self.display.height // 2

    def tap(self, name: str, timeout: float = 10.0) -> None:
        widget = self.reach(name, timeout)
        if not widget.enabled:
            self.fail(f"{name} is disabled")
        self.display.click(*widget.centre)
        self.taps += 1
        time.sleep(SETTLE_SECONDS)

    def tap_if_showing(self, name: str) -> bool:
        if name in self.tree.names():
            self.tap(name)
            return True
        return False

    # -- typing -----------------------------------------------------------------------

    def _key(self, name: str) -> None:
        full = f"keyboard_key_{name}"
        widget = self._keys.get(full)
        if widget is None:
            self._keys = {
                w.name: w for w in self.tree.showing() if w.name.startswith("keyboard_key_")
            }
            widget = self._keys.get(full)
        if widget is None:
            self.fail(f"no key {full} on the keyboard")
            return
        self.display.click(*widget.centre)
        self.taps += 1
        time.sleep(0.05)
        if name in ("page_digits", "page_letters"):
            self._keys = {}  # another page of keys

    def _word(self, word: str) -> None:
        for name in key_taps(word):
            self._key(name)

    def type_into(self, name: str, text: str, shot: str | None = None) -> None:
        """Tap the field, type ``text`` key by key on the keyboard that opens, tap Done.

        ``shot``: a screenshot with the keyboard up and the text typed, before Done.
        """
        self.tap(name)
        self.see("keyboard_key_done", timeout=5)
        self._keys = {}
        number_pad = not self.sees("keyboard_key_page_digits")
        for _ in range(len(self.see(name).text)):
            self._key("backspace")
        if number_pad:
            for digit in text:
                self._key(digit)
        else:
            for index, word in enumerate(text.split(" ")):
                if index:
                    self._key("space")
                self._word(word)
        typed = self.see(name)
        if typed.text and unicodedata.normalize("NFC", typed.text) != text:
            self.fail(f"{name}: typed {text!r}, the field shows {typed.text!r}")
        if not typed.in_sight():
            self.fail(f"{name}: the field being typed is out of sight behind the keyboard")
        if shot is not None:
            self.shot(shot)
        self._key("done")
        self._keys = {}
        time.sleep(SETTLE_SECONDS)

    def type_reference(self, name: str, reference: str) -> None:
        """Type a local reference into the look-up field as the receipt shows it: the
        digits on the number pad that opens, the check character on the letters that
        replace it (the dashes come by themselves)."""
        self.tap(name)
        self.see("keyboard_key_done", timeout=5)
        self._keys = {}
        if self.sees("keyboard_key_page_digits"):
            self.fail(f"{name}: the letters opened for a number (the number pad was expected)")
        raw = reference.replace("-", "")
        digits, check = raw[:-1], raw[-1]
        for digit in digits:
            self._key(digit)
        self.see("keyboard_key_page_digits", timeout=5)  # the letters, for the check character
        self._keys = {}
        if check.isdigit():
            self._key("page_digits")
        self._key(check.lower() if check.isalpha() else check)
        typed = self.see(name).text.upper()
        if typed != reference:
            self.fail(f"{name}: typed {reference!r}, the field shows {typed!r}")

    def pick_date(self, key: str, day: dt.date) -> None:
        self.tap(f"date_{key}_day")
        self.tap(f"date_{key}_day_{day.day}")
        self.tap(f"date_{key}_month_{day.month}")
        year = f"date_{key}_year_{day.year}"
        for _ in range(10):  # the year grid shows a dozen years; page back to older ones
            if self.sees(year):
                break
            self.tap(f"date_{key}_year_earlier")
        self.tap(year)

    # -- pictures ---------------------------------------------------------------------

    def shot(self, label: str) -> Path:
        self.display.park_pointer()
        time.sleep(SHOT_SETTLE_SECONDS)
        path = self.shots_dir / f"{self.prefix}{len(self.shots) + 1:02d}-{label}.png"
        self.display.screenshot(path)
        self.shots.append(path)
        if self.language == "en":
            self._note_vietnamese(path)
        return path

    def _note_vietnamese(self, shot: Path) -> None:
        """List the Vietnamese texts an English screen shows, for a person to judge."""
        texts = sorted(
            {
                line.strip()
                for w in self.tree.showing()
                if w.role == "label"
                for line in (w.spoken or w.text).splitlines()
                if looks_vietnamese(line)
            }
        )
        if texts:
            with (self.shots_dir / "vietnamese-on-english-screens.txt").open("a") as notes:
                notes.write(f"{shot.name}:\n" + "".join(f"    {t}\n" for t in texts))
