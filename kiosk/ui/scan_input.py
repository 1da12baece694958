"""Catch keyboard-wedge QR scans on a screen, without eating a person's typing.

A USB QR scanner in keyboard mode "types" the payload in a burst ending with
Enter. :class:`ScanInputFilter` watches key presses aimed at one screen (the
``scope`` widget and its children), lets :class:`kiosk.identity.wedge.WedgeDetector`
judge them by timing, and:

- swallows the keys of a scan, so they never land in a focused field;
- hands a finished scan out as ``payload_scanned(str)`` and, when a parser is
  set (by default the ID-card parser), as ``card_scanned(object)`` or
  ``scan_failed(str)`` with a Vietnamese message;
- gives a person's keys back to the widget they were meant for, at most
  ``max_gap_ms`` late, in the same order.

Nothing of a scan is kept once the signals have gone out. The receipt screen
reuses the filter with ``parser=None`` and listens to ``payload_scanned``.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.identity import parse_id_card_qr
from kiosk.identity.wedge import (
    DEFAULT_MAX_GAP_MS,
    DEFAULT_MIN_SCAN_CHARS,
    WedgeDetector,
    WedgeStep,
)

log = logging.getLogger(__name__)

_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
# Keys with these held are shortcuts, never scan text.
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)

ScanParser = Callable[[str], object]


@dataclass(frozen=True, slots=True)
class _HeldKey:
    """Enough of a key press to deliver it again later."""

    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


class ScanInputFilter(QObject):
    """Application-level key filter active for one screen while it is visible.

    Call :meth:`install` when the screen is shown and :meth:`uninstall` when
    it is left (the filter also goes away with ``scope``). ``clock_ms``
    exists for tests that need exact key timing; production uses the
    monotonic clock.
    """

    payload_scanned = Signal(str)
    card_scanned = Signal(object)
    scan_failed = Signal(str)

    def __init__(
        self,
        scope: QWidget,
        *,
        parser: ScanParser | None = parse_id_card_qr,
        max_gap_ms: float = DEFAULT_MAX_GAP_MS,
        min_scan_chars: int = DEFAULT_MIN_SCAN_CHARS,
        clock_ms: Callable[[], float] = _monotonic_ms,
    ) -> None:
        super().__init__(scope)
        self.setObjectName("scan_input_filter")
        self._scope = scope
        self._parser = parser
        self._clock_ms = clock_ms
        self._detector: WedgeDetector[_HeldKey] = WedgeDetector(
            max_gap_ms=max_gap_ms, min_scan_chars=min_scan_chars
        )
        self._replaying = False
        self._installed = False
        self._expiry_timer = QTimer(self)
        self._expiry_timer.setSingleShot(True)
        self._expiry_timer.timeout.connect(self._on_deadline)

    # -- life cycle ------------------------------------------------------

    def install(self) -> None:
        """Start watching key presses (idempotent)."""
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        """Stop watching; keys still held are handed back to their widgets."""
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self._expiry_timer.stop()
        self._replay(self._detector.reset())

    # -- event handling --------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget) or not self._in_scope(watched):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        now = self._clock_ms()
        text = event.text()
        if key in _ENTER_KEYS:
            step = self._detector.enter_key(now)
        elif (
            text
            and text.isprintable()
            and not event.isAutoRepeat()
            and not event.modifiers() & _SHORTCUT_MODIFIERS
        ):
            held = _HeldKey(watched, key, event.modifiers(), text)
            step = self._detector.text_key(text, now, held)
        else:
            step = self._detector.other_key(now)
        self._apply(step)
        self._schedule_deadline(now)
        return step.swallow

    def _in_scope(self, widget: QWidget) -> bool:
        scope = self._scope
        if not shiboken6.isValid(scope) or not scope.isVisible():
            return False
        if widget is scope or scope.isAncestorOf(widget):
            return True
        # A scan screen often has no focusable field: Qt then hands keys to
        # the top-level window, which must count as the screen too.
        return widget is scope.window() and QApplication.focusWidget() is None

    def _schedule_deadline(self, now: float) -> None:
        deadline = self._detector.deadline_ms
        if deadline is None:
            self._expiry_timer.stop()
            return
        self._expiry_timer.start(max(1, math.ceil(deadline - now) + 1))

    def _on_deadline(self) -> None:
        now = self._clock_ms()
        self._apply(self._detector.expire(now))
        self._schedule_deadline(now)

    def _apply(self, step: WedgeStep[_HeldKey]) -> None:
        self._replay(step.replay)
        if step.broken_scan:
            log.info("wedge scan broke off before Enter")
            self._deliver_later(self._report_broken_scan)
        if step.payload is not None:
            payload = step.payload
            self._deliver_later(lambda: self._deliver_payload(payload))

    def _replay(self, held_keys: tuple[_HeldKey, ...]) -> None:
        """Give a person's keys to the widgets they were typed into, in order."""
        self._replaying = True
        try:
            for held in held_keys:
                if not shiboken6.isValid(held.target):
                    continue
                press = QKeyEvent(QEvent.Type.KeyPress, held.key, held.modifiers, held.text)
                QCoreApplication.sendEvent(held.target, press)
        finally:
            self._replaying = False

    # -- results ---------------------------------------------------------

    def _deliver_later(self, deliver: Callable[[], None]) -> None:
        # Emitting from inside the event filter would let a slot tear down the
        # screen while Qt is still delivering the key; the next loop turn is safe.
        QTimer.singleShot(0, self, deliver)

    def _report_broken_scan(self) -> None:
        self.scan_failed.emit(self.tr("Mã QR chưa đọc trọn vẹn, xin vui lòng quét lại."))

    def _deliver_payload(self, payload: str) -> None:
        self.payload_scanned.emit(payload)
        if self._parser is None:
            return
        try:
            parsed = self._parser(payload)
        except ValueError as error:
            log.info("scanned payload refused: %s", getattr(error, "reason", type(error).__name__))
            self.scan_failed.emit(str(error))
            return
        self.card_scanned.emit(parsed)
