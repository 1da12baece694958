"""Notice when a citizen has walked away, ask once, then end the session.

:class:`IdleWatcher` watches every touch, click and key press in the
application; after ``idle_ms`` without one it emits ``warning_due``.
:class:`IdleOverlay` then covers the whole window (opaque, so a passer-by sees
nothing of the citizen's answers) with "Quý vị còn ở đây không?", a countdown
and a big ``idle_continue_button``; when the countdown ends it emits
``session_expired``. :class:`IdleController` wires the two together for the
main window, which on ``session_expired`` saves nothing extra (the draft is
autosaved), clears the keyboard and every screen, and shows the welcome screen.

Times are in milliseconds and injectable, so tests run with 200 ms / 300 ms;
production takes them from ``[timeouts]`` in config.toml (90 s and 20 s).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.config import Timeouts
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, name_widget, set_role

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
    }
)
_TICK_MS = 200


class IdleWatcher(QObject):
    """Emits ``warning_due`` once after ``idle_ms`` without any user input.

    Input restarts the wait only while watching and not yet warned: once the
    warning is out, the overlay decides (its button calls :meth:`reset`).
    """

    warning_due = Signal()

    def __init__(self, idle_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idle_watcher")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, idle_ms))
        self._timer.timeout.connect(self._on_idle)
        self._installed = False
        self._warned = False

    @property
    def idle_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        """Begin (or restart) watching; idempotent."""
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._warned = False
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (welcome screen: there is no session to end)."""
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False
        self._warned = False
        self._timer.stop()

    def reset(self) -> None:
        """The citizen is still here: wait the full time again."""
        if self._installed:
            self._warned = False
            self._timer.start()

    def is_watching(self) -> bool:
        return self._installed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        # Type first: while the window is being destroyed Qt may still call in
        # after PySide has emptied this wrapper, and those events are never input.
        if event.type() in ACTIVITY_EVENTS and not getattr(self, "_warned", True):
            self._timer.start()
        return False

    def _on_idle(self) -> None:
        self._warned = True
        self.warning_due.emit()


class IdleOverlay(Retranslated, QWidget):
    """Full-window "are you still there?" panel with a countdown.

    ``continued`` when the citizen taps ``idle_continue_button``;
    ``session_expired`` when the countdown runs out or they tap
    ``idle_end_button`` ("Kết thúc"). Either way the overlay hides itself.
    """

    continued = Signal()
    session_expired = Signal()

    def __init__(self, parent: QWidget, countdown_ms: int) -> None:
        super().__init__(parent)
        name_widget(self, "idle_overlay")
        set_role(self, "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._countdown_ms = max(1, countdown_ms)
        self._deadline = QDeadlineTimer(0)
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self._expire)
        self._tick = QTimer(self)
        self._tick.setInterval(min(_TICK_MS, self._countdown_ms))
        self._tick.timeout.connect(self._show_seconds_left)

        self.title_label = set_role(QLabel(), "title")
        self.title_label.setObjectName("idle_title_label")
        self.explanation_label = QLabel()
        self.explanation_label.setObjectName("idle_explanation_label")
        self.countdown_label = set_role(QLabel(), "countdown")
        self.countdown_label.setObjectName("idle_countdown_label")
        self.saved_label = set_role(QLabel(), "muted")
        self.saved_label.setObjectName("idle_saved_label")
        # The draft's resume code, big: the one thing a citizen walking away needs.
        self.resume_code_label = set_role(QLabel(), "heading")
        name_widget(self.resume_code_label, "idle_resume_code_label")
        self.resume_code_label.hide()
        # What to do with it, in body text: the heading stays one line, so the whole
        # warning fits a 768-pixel screen in large text too.
        self.resume_hint_label = name_widget(QLabel(), "idle_resume_hint_label")
        self.resume_hint_label.hide()
        self._resume_code: str | None = None
        self.resume_code_provider: Callable[[], str | None] | None = None
        for label in (
            self.title_label,
            self.explanation_label,
            self.countdown_label,
            self.saved_label,
            self.resume_code_label,
            self.resume_hint_label,
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.continue_button = big_button("", "idle_continue_button", role="primary")
        self.continue_button.setMinimumHeight(110)
        self.continue_button.setMinimumWidth(480)
        self.continue_button.clicked.connect(self._continue)
        self.end_button = big_button("", "idle_end_button", role="secondary")
        self.end_button.setMinimumWidth(480)
        self.end_button.clicked.connect(self._expire)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(12)
        layout.addStretch(1)
        layout.addWidget(self.title_label)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.countdown_label)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.resume_code_label)
        layout.addWidget(self.resume_hint_label)
        layout.addSpacing(12)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.end_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Quý vị còn ở đây không?"))
        self.explanation_label.setText(
            self.tr("Nếu không có ai chạm vào màn hình, phiên làm việc sẽ kết thúc sau:")
        )
        self.saved_label.setText(self.tr("Hồ sơ đang làm đã được lưu. Quý vị có thể tiếp tục sau."))
        code = self._resume_code
        self.resume_code_label.setText(
            self.tr("Mã tiếp tục hồ sơ: {code}").format(code=code) if code else ""
        )
        self.resume_hint_label.setText(
            self.tr(
                "Hồ sơ đã được lưu. Xin ghi lại mã này (ki-ốt cũng in phiếu có mã). "
                "Khi quay lại, chọn «Tiếp tục hồ sơ đang làm» và nhập mã."
            )
            if code
            else ""
        )
        self.resume_code_label.setVisible(bool(code))
        self.resume_hint_label.setVisible(bool(code))
        self.saved_label.setVisible(not code)  # the hint says it, with what to do
        self.continue_button.setText(self.tr("Tôi vẫn ở đây"))
        self.end_button.setText(self.tr("Kết thúc"))
        self._show_seconds_left()

    @property
    def countdown_ms(self) -> int:
        return self._countdown_ms

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())
        return False

    def start_countdown(self) -> None:
        """Cover the window and start counting down from ``countdown_ms``.

        With a draft open, its resume code is shown too (``resume_code_provider``).
        """
        provider = self.resume_code_provider
        self._resume_code = provider() if provider is not None else None
        self.retranslate()
        self._deadline = QDeadlineTimer(self._countdown_ms)
        self._expiry.start(self._countdown_ms)
        self._tick.start()
        self._show_seconds_left()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def cancel(self) -> None:
        """Stop counting and hide, without emitting anything (session ended elsewhere)."""
        self._expiry.stop()
        self._tick.stop()
        self.hide()

    def is_counting(self) -> bool:
        return self._expiry.isActive()

    def seconds_left(self) -> int:
        if not self._expiry.isActive():
            return math.ceil(self._countdown_ms / 1000)
        return max(0, math.ceil(self._deadline.remainingTime() / 1000))

    def _show_seconds_left(self) -> None:
        self.countdown_label.setText(self.tr("{seconds} giây").format(seconds=self.seconds_left()))

    def _continue(self) -> None:
        self.cancel()
        self.continued.emit()

    def _expire(self) -> None:
        self.cancel()
        self.session_expired.emit()


class IdleController(QObject):
    """One watcher and one overlay for the main window.

    Call :meth:`start_session` when a citizen starts (leaves the welcome
    screen) and :meth:`end_session` when they finish; ``session_expired``
    tells the window to reset everything to the welcome screen.
    """

    session_expired = Signal()

    def __init__(self, window: QWidget, *, idle_ms: int, countdown_ms: int) -> None:
        super().__init__(window)
        self.setObjectName("idle_controller")
        self.watcher = IdleWatcher(idle_ms, self)
        self.overlay = IdleOverlay(window, countdown_ms)
        self.watcher.warning_due.connect(self.overlay.start_countdown)
        self.overlay.continued.connect(self.watcher.reset)
        self.overlay.session_expired.connect(self._expired)

    @classmethod
    def from_timeouts(cls, window: QWidget, timeouts: Timeouts) -> IdleController:
        return cls(
            window,
            idle_ms=timeouts.idle_seconds * 1000,
            countdown_ms=timeouts.countdown_seconds * 1000,
        )

    def start_session(self) -> None:
        self.overlay.cancel()
        self.watcher.start()

    def end_session(self) -> None:
        self.watcher.stop()
        self.overlay.cancel()

    def _expired(self) -> None:
        self.watcher.stop()
        self.session_expired.emit()
