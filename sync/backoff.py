"""When to try a failed push again: exponential backoff with full jitter.

Full jitter (a random delay between zero and the exponential bound) spreads
the retries of many entries after an outage, so the portal is not hit by all
of them at the same second. A portal's Retry-After is a floor, never cut short.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

RETRY_HORIZON = dt.timedelta(days=1)
"""No retry is scheduled further ahead than this. An entry whose retry lies beyond
it was scheduled under a clock that ran ahead (set forward, then corrected): it is
due now, not in a year (issue 14)."""


@dataclass(frozen=True)
class BackoffPolicy:
    base_seconds: float = 5.0
    cap_seconds: float = 15 * 60.0

    def delay(self, attempts: int, rng: random.Random, retry_after: float | None = None) -> float:
        bound = min(self.cap_seconds, self.base_seconds * (2 ** max(0, attempts - 1)))
        delay = rng.uniform(0, bound)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return delay

    def next_attempt(
        self,
        now: dt.datetime,
        attempts: int,
        rng: random.Random,
        retry_after: float | None = None,
    ) -> dt.datetime:
        delay = dt.timedelta(seconds=self.delay(attempts, rng, retry_after))
        return now + min(delay, RETRY_HORIZON)
