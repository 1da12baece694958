"""Tell a keyboard-wedge QR scanner from a person typing, by keystroke timing.

A wedge scanner "types" its payload as a burst of keystrokes a few
milliseconds apart, ending with Enter. A person, even a fast one, leaves
tens of milliseconds between most keys. :class:`WedgeDetector` is fed key
events with timestamps and answers, for each, what the caller must do: hold
the key back (it may be part of a scan), give held keys back to the focused
field (it was a person), or take a finished scan.

Held keys are opaque ``tokens`` chosen by the caller (the Qt filter keeps
enough to replay the key event); the detector never looks inside them. It
holds no clock and no timer: the caller passes timestamps and calls
:meth:`WedgeDetector.expire` when :attr:`WedgeDetector.deadline_ms` passes.
That keeps it Qt-free and testable with exact times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

DEFAULT_MAX_GAP_MS: Final = 40.0
DEFAULT_MIN_SCAN_CHARS: Final = 8
# Far above any QR the kiosk reads (card payloads are capped at 1,000
# bytes); a stuck key or a flood is cut off rather than buffered forever.
DEFAULT_MAX_SCAN_CHARS: Final = 4096


@dataclass(frozen=True, slots=True)
class WedgeStep[T]:
    """What the caller must do after one event, in this order.

    1. ``replay``: held keys judged to be typing, to deliver now, oldest first.
    2. ``swallow``: whether the current key must not reach the focused widget.
    3. ``payload``: a completed scan (without its Enter), if any.
    4. ``broken_scan``: a burst stopped without Enter or grew too long; its
       keys were dropped and the caller should ask for a new scan.
    """

    replay: tuple[T, ...] = ()
    swallow: bool = False
    payload: str | None = None
    broken_scan: bool = False


@dataclass(slots=True)
class _Held[T]:
    chars: list[str] = field(default_factory=list)
    tokens: list[T] = field(default_factory=list)
    last_ms: float = 0.0
    overflowed: bool = False


class WedgeDetector[T]:
    """Decides, key by key, between a scan burst and human typing.

    A sequence counts as a scan when at least ``min_scan_chars`` text keys
    arrive, each within ``max_gap_ms`` of the previous one, and the next key
    after them is Enter, also within ``max_gap_ms``. Every text key is held
    back until that is decided, so a person's key reaches its field at most
    ``max_gap_ms`` late; a scan's keys never reach any field.
    """

    def __init__(
        self,
        *,
        max_gap_ms: float = DEFAULT_MAX_GAP_MS,
        min_scan_chars: int = DEFAULT_MIN_SCAN_CHARS,
        max_scan_chars: int = DEFAULT_MAX_SCAN_CHARS,
    ) -> None:
        if max_gap_ms <= 0 or min_scan_chars < 1 or max_scan_chars < min_scan_chars:
            raise ValueError("inconsistent wedge detector limits")
        self.max_gap_ms = max_gap_ms
        self.min_scan_chars = min_scan_chars
        self.max_scan_chars = max_scan_chars
        self._held: _Held[T] = _Held()

    @property
    def holding(self) -> bool:
        """True while keys are held back, waiting for the next event or the deadline."""
        return bool(self._held.chars) or self._held.overflowed

    @property
    def deadline_ms(self) -> float | None:
        """When :meth:`expire` must be called if no key arrives before; None when idle."""
        return self._held.last_ms + self.max_gap_ms if self.holding else None

    def text_key(self, text: str, now_ms: float, token: T) -> WedgeStep[T]:
        """A key that produces ``text`` (one or a few characters). It is always held."""
        replay: tuple[T, ...] = ()
        broken = False
        if self.holding and now_ms - self._held.last_ms > self.max_gap_ms:
            replay, broken = self._resolve_without_enter()
        held = self._held
        held.last_ms = now_ms
        if held.overflowed:
            return WedgeStep(replay=replay, swallow=True, broken_scan=broken)
        held.chars.append(text)
        held.tokens.append(token)
        if sum(len(chunk) for chunk in held.chars) > self.max_scan_chars:
            # Drop the flood but keep swallowing until it stops.
            self._held = _Held(last_ms=now_ms, overflowed=True)
        return WedgeStep(replay=replay, swallow=True, broken_scan=broken)

    def enter_key(self, now_ms: float) -> WedgeStep[T]:
        """Enter or Return: completes a scan, or is a person's Enter to pass on."""
        held = self._held
        in_time = now_ms - held.last_ms <= self.max_gap_ms
        if held.overflowed:
            self._held = _Held()
            return WedgeStep(swallow=in_time, broken_scan=True)
        if in_time and len(held.chars) >= self.min_scan_chars:
            self._held = _Held()
            return WedgeStep(swallow=True, payload="".join(held.chars))
        replay, broken = self._resolve_without_enter()
        return WedgeStep(replay=replay, swallow=False, broken_scan=broken)

    def other_key(self, now_ms: float) -> WedgeStep[T]:
        """Any other key that matters (Backspace, Tab, arrows): ends any burst, passes on.

        Pure modifier keys (Shift, AltGr) must not be reported at all: scanners
        press Shift inside their bursts.
        """
        replay, broken = self._resolve_without_enter() if self.holding else ((), False)
        return WedgeStep(replay=replay, swallow=False, broken_scan=broken)

    def expire(self, now_ms: float) -> WedgeStep[T]:
        """Called at or after :attr:`deadline_ms`: settle keys nobody followed up.

        Calling it early is harmless: nothing happens before the deadline.
        """
        if not self.holding or now_ms - self._held.last_ms < self.max_gap_ms:
            return WedgeStep()
        replay, broken = self._resolve_without_enter()
        return WedgeStep(replay=replay, broken_scan=broken)

    def reset(self) -> tuple[T, ...]:
        """Forget the current burst; returns held keys so a caller may replay them."""
        tokens = tuple(self._held.tokens)
        self._held = _Held()
        return tokens

    def _resolve_without_enter(self) -> tuple[tuple[T, ...], bool]:
        """Held keys not closed by a timely Enter: typing to replay, or a broken scan."""
        held = self._held
        self._held = _Held()
        if held.overflowed or len(held.chars) >= self.min_scan_chars:
            return (), True
        return tuple(held.tokens), False
