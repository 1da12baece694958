"""When a volunteer's sign-in ends: the staff session's own clock (no Qt here).

The security rule (issue 14, finding 1): an admin who tapped "Phục vụ công
dân" must not stay signed in for the next person at the kiosk. So a staff
session ends

- after ``idle_seconds`` without a touch **on the staff screens**: citizens'
  touches on their own screens never extend it;
- at the end of each citizen session served meanwhile, unless the volunteer
  switched "stay signed in" on; even then the staff screens ask for the PIN
  again after that citizen's session (the session is *locked*), so the next
  person cannot reach the staff tools through the badge;
- always ``max_seconds`` after sign-in, whatever happened since.

The clock is injectable (a monotonic number of seconds), so tests move it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from kiosk.volunteers.accounts import SignedIn

StaffEnd = Literal["idle", "max_time", "citizen_left"]

DEFAULT_MAX_SECONDS = 3600


@dataclass(frozen=True)
class StaffSessionRules:
    """How long a staff sign-in may last (``[timeouts]`` in config.toml)."""

    idle_seconds: float
    max_seconds: float = DEFAULT_MAX_SECONDS


class StaffSession:
    """One volunteer's turn at the kiosk, from the PIN to the end."""

    def __init__(
        self,
        signed_in: SignedIn,
        rules: StaffSessionRules,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.signed_in = signed_in
        self.rules = rules
        self._clock = clock
        self.started_at = clock()
        self.last_staff_touch = self.started_at
        self.stay_signed_in = False
        self.locked = False

    def staff_touched(self) -> None:
        """A touch on a staff screen: the idle wait starts again (never past the maximum)."""
        self.last_staff_touch = self._clock()

    def due_end(self) -> StaffEnd | None:
        """Why the session must end now, or None while it may go on."""
        now = self._clock()
        if now - self.started_at >= self.rules.max_seconds:
            return "max_time"
        if now - self.last_staff_touch >= self.rules.idle_seconds:
            return "idle"
        return None

    def citizen_session_ended(self) -> StaffEnd | None:
        """A citizen's session ended: "citizen_left" (sign out) unless staying, then locked."""
        if not self.stay_signed_in:
            return "citizen_left"
        self.locked = True
        return self.due_end()

    def may_open_staff_screens(self) -> bool:
        """False when the PIN must be typed again first (locked, or the session is over)."""
        return not self.locked and self.due_end() is None

    def unlock(self, signed_in: SignedIn) -> bool:
        """The same volunteer typed their PIN again: True and unlocked; False for someone else."""
        if signed_in.volunteer_id != self.signed_in.volunteer_id:
            return False
        self.locked = False
        self.staff_touched()
        return True

    def seconds_left(self) -> float:
        """Until the earlier of the idle end and the maximum (0 when due)."""
        now = self._clock()
        return max(
            0.0,
            min(
                self.rules.max_seconds - (now - self.started_at),
                self.rules.idle_seconds - (now - self.last_staff_touch),
            ),
        )
