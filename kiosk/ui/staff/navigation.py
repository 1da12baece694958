"""What the staff desk may ask of the rest of the kiosk: :class:`StaffNavigation`.

The controller implements it; the desk (kiosk/ui/staff/desk.py) knows only this
protocol, so neither imports the other's internals and there is no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, Protocol

from PySide6.QtWidgets import QWidget

P = ParamSpec("P")


class StaffNavigation(Protocol):
    """Screens, the citizen's session and the display, as the staff desk sees them."""

    @property
    def language(self) -> str: ...

    @property
    def large_text(self) -> bool: ...

    @property
    def high_contrast(self) -> bool: ...

    def guard(self, slot: Callable[P, object]) -> Callable[P, None]:
        """``slot`` wrapped so that an exception ends on the error screen (crash report)."""
        ...

    def add_screen(self, name: str, screen: QWidget) -> None:
        """Register a built and wired staff screen under ``name``."""
        ...

    def go(self, name: str) -> QWidget:
        """Show the screen called ``name``."""
        ...

    def current_screen_name(self) -> str | None: ...

    def resume_screen(self, screen: QWidget) -> None:
        """Show a citizen's screen again, where the citizen was."""
        ...

    def reset_session(self) -> None:
        """End the citizen's session (welcome screen)."""
        ...

    def open_assisted_case(self, case_id: str) -> None:
        """Open a case taken up from the work queue in a new citizen session."""
        ...

    def set_volunteer(self, volunteer_id: int | None) -> None:
        """Who assists the citizen from now on (None: nobody)."""
        ...

    def set_display_options(self, *, large_text: bool, high_contrast: bool) -> None: ...

    def toggle_language(self) -> None: ...

    def request_quit(self, pin_ok: bool) -> bool:
        """Close the kiosk when ``pin_ok`` (an admin is signed in)."""
        ...
