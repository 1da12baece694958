"""The ward office's calendar day, whatever time zone the machine is set to.

A kiosk's Debian image often runs on UTC. ``date.today()`` there is the day in
London: from midnight to 07:00 in Vietnam it is still yesterday, so a child's
age, a card's expiry, the fee's deadline or the date on the welcome screen would
be a day behind the references and the day's report, which count the ward's
day. Every "today" of the kiosk comes from here. Vietnam keeps UTC+7 all year
(no daylight saving), so a fixed offset is exact and needs no time-zone database
on a bare kiosk.
"""

from __future__ import annotations

import datetime as dt

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


def office_today(now: dt.datetime | None = None) -> dt.date:
    """The date at the ward office at ``now`` (an aware moment), or at this moment."""
    moment = now if now is not None else dt.datetime.now(dt.UTC)
    return moment.astimezone(VIETNAM).date()
