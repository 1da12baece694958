"""The one-time code the portal texted to the citizen's phone: six big boxes and a pad.

The code is typed on a large number pad into a hidden field; the six boxes
(``otp_digit_0`` .. ``otp_digit_5``) show it digit by digit. The code is
checked by the portal through the sync worker, off the GUI thread. "Send
again" becomes available after 60 s (the portal limits resends too); the
countdown reads an injectable clock so tests need not wait.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from kiosk.cases import Actor
from kiosk.ui.number_pad import NumberPad
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, explain_when_disabled, name_widget, set_role

log = logging.getLogger(__name__)

CODE_LENGTH = 6
RESEND_AFTER_SECONDS = 60
DIGIT_BOX_PX = (84, 92)


class OtpScreen(Retranslated, QWidget):
    """Signals: ``confirmed(request_id)`` when the portal accepted the code;
    ``skipped()`` when the citizen chose to finish without it (the SMS stays
    valid for a while); ``finished()`` after either.

    ``sync_worker`` is a :class:`kiosk.ui.sync_worker.SyncWorker` (anything
    with its ``confirm_account``/``resend_code`` methods and signals).
    """

    confirmed = Signal(str)
    skipped = Signal()
    finished = Signal()

    def __init__(
        self,
        sync_worker: object | None = None,
        lang: str = "vi",
        *,
        actor_provider: Callable[[], Actor] | None = None,
        clock: Callable[[], float] = time.monotonic,
        resend_after_seconds: float = RESEND_AFTER_SECONDS,
        tick_ms: int = 500,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("otp_screen")
        self.lang = lang
        self.request_id: str | None = None
        self.phone_text = ""
        self._actor_provider = actor_provider
        self._clock = clock
        self._resend_after = resend_after_seconds
        self._sent_at: float | None = None
        self._checking = False
        self._message: str | None = None
        self._message_is_error = False
        self._worker: object | None = None

        self.title_label = QLabel()
        self.title_label.setObjectName("otp_title_label")
        set_role(self.title_label, "heading")
        self.title_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("otp_hint_label")
        self.hint_label.setWordWrap(True)
        self.code_input = QLineEdit()
        name_widget(self.code_input, "otp_code_input")
        self.code_input.setMaxLength(CODE_LENGTH)
        self.code_input.setValidator(
            QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{CODE_LENGTH}}}"), self)
        )
        self.code_input.setVisible(False)  # the boxes show it; the pad types into it
        self.code_input.textChanged.connect(self._show_digits)
        self.digit_boxes: list[QLineEdit] = []
        boxes = QHBoxLayout()
        boxes.setSpacing(14)
        boxes.addStretch(1)
        for index in range(CODE_LENGTH):
            box = QLineEdit()
            name_widget(box, f"otp_digit_{index}")
            box.setReadOnly(True)
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.setFixedSize(*DIGIT_BOX_PX)
            set_role(box, "otp_digit")
            font = box.font()
            font.setPointSize(34)
            font.setBold(True)
            box.setFont(font)
            box.setStyleSheet("font-size: 34pt; font-weight: bold;")
            boxes.addWidget(box)
            self.digit_boxes.append(box)
        boxes.addStretch(1)
        self.pad = NumberPad()
        self.pad.attach(self.code_input)
        self.pad.done_pressed.connect(self._submit)
        # Training mode only: the code the training portal "sent" (no SMS leaves it).
        self.training_code_label = QLabel()
        name_widget(self.training_code_label, "otp_training_code_label")
        self.training_code_label.setWordWrap(True)
        self.training_code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_code_label.setStyleSheet(
            "background: #FFE14D; color: #000000; font-weight: bold; padding: 6px;"
        )
        self.training_code_label.hide()
        self._training_code_source: Callable[[str], str | None] | None = None
        self._training_code: str | None = None
        self.message_label = QLabel()
        self.message_label.setObjectName("otp_message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("otp_countdown_label")
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.countdown_label, "muted")
        self.submit_button = big_button("", "otp_submit_button")
        explain_when_disabled(
            self.submit_button,
            lambda: self._set_message(
                self.tr("Xin nhập đủ 6 chữ số của mã trước khi bấm xác nhận."), error=True
            ),
        )
        self.resend_button = big_button("", "otp_resend_button", role="secondary")
        self.skip_button = big_button("", "otp_skip_button", role="secondary")
        self.submit_button.clicked.connect(self._submit)
        self.resend_button.clicked.connect(self._resend)
        self.skip_button.clicked.connect(self._skip)
        for label in (self.title_label, self.hint_label, self.message_label):
            label.setMinimumWidth(900)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        buttons.addWidget(self.skip_button, 1)
        buttons.addWidget(self.resend_button, 1)
        buttons.addWidget(self.submit_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 20, 56, 20)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.training_code_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.code_input)
        layout.addLayout(boxes)
        layout.addWidget(self.message_label)
        layout.addWidget(self.countdown_label)
        layout.addWidget(self.pad, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._refresh_countdown)
        self.set_sync_worker(sync_worker)
        self.retranslate()

    # -- what the controller / account screen calls -------------------------------------

    def set_sync_worker(self, worker: object | None) -> None:
        """Use ``worker`` for the portal calls (connected once)."""
        if worker is self._worker:
            return
        self._worker = worker
        if worker is None:
            return
        for signal_name, slot in (
            ("account_confirmed", self._on_confirmed),
            ("account_failed", self._on_failed),
            ("code_resent", self._on_resent),
        ):
            signal = getattr(worker, signal_name, None)
            if signal is not None:
                signal.connect(slot)

    def set_training_code_source(self, source: Callable[[str], str | None] | None) -> None:
        """Training mode: where to read the code the training portal "sent"."""
        self._training_code_source = source

    def load_request(self, request_id: str, phone_text: str = "") -> None:
        """Wait for the code of this account request (the SMS was just sent)."""
        self.reset()
        self.request_id = request_id
        self.phone_text = phone_text
        self._sent_at = self._clock()
        self._timer.start()
        self._read_training_code()
        self.retranslate()

    def _read_training_code(self) -> None:
        source, request_id = self._training_code_source, self.request_id
        self._training_code = None
        if source is not None and request_id is not None:
            try:
                self._training_code = source(request_id)
            except Exception as error:  # training help only: never break the page
                log.warning("training code not read: %s", type(error).__name__)

    def reset(self) -> None:
        self._timer.stop()
        self.request_id = None
        self.phone_text = ""
        self._sent_at = None
        self._checking = False
        self._message = None
        self._training_code = None
        self.code_input.clear()
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    @property
    def code(self) -> str:
        return self.code_input.text()

    # -- inside --------------------------------------------------------------------------

    def _actor(self) -> Actor:
        return self._actor_provider() if self._actor_provider else Actor.system()

    def _set_message(self, text: str | None, *, error: bool = False) -> None:
        self._message = text
        self._message_is_error = error
        self.retranslate()

    @Slot()
    def _submit(self) -> None:
        if self.request_id is None or self._checking or len(self.code) != CODE_LENGTH:
            return
        confirm = getattr(self._worker, "confirm_account", None)
        if not callable(confirm):
            self._set_message(self.tr("Chưa kết nối được Cổng dịch vụ công."), error=True)
            return
        self._checking = True
        self._set_message(self.tr("Đang kiểm tra mã..."))
        confirm(self.request_id, self.code, self._actor())

    @Slot()
    def _resend(self) -> None:
        resend = getattr(self._worker, "resend_code", None)
        if self.request_id is None or not callable(resend) or not self._can_resend():
            return
        self.resend_button.setEnabled(False)
        self._set_message(self.tr("Đang gửi lại mã..."))
        resend(self.request_id)

    @Slot()
    def _skip(self) -> None:
        self._timer.stop()
        self.skipped.emit()
        self.finished.emit()

    @Slot(str)
    def _on_confirmed(self, request_id: str) -> None:
        if request_id != self.request_id:
            return
        self._checking = False
        self._timer.stop()
        self.confirmed.emit(request_id)
        self.finished.emit()

    @Slot(str, str)
    def _on_failed(self, request_id: str, message: str) -> None:
        if request_id != self.request_id:
            return
        self._checking = False
        self.code_input.clear()
        self._set_message(message, error=True)

    @Slot(str)
    def _on_resent(self, request_id: str) -> None:
        if request_id != self.request_id:
            return
        self._sent_at = self._clock()
        self.code_input.clear()
        self._read_training_code()
        self._set_message(self.tr("Đã gửi lại mã mới. Xin xem tin nhắn trên điện thoại."))

    def _seconds_left(self) -> int:
        if self._sent_at is None:
            return 0
        left = self._resend_after - (self._clock() - self._sent_at)
        return max(0, int(left + 0.999))

    def _can_resend(self) -> bool:
        return self.request_id is not None and self._seconds_left() == 0

    @Slot()
    def _refresh_countdown(self) -> None:
        left = self._seconds_left()
        if self.request_id is None:
            self.countdown_label.setText("")
        elif left > 0:
            self.countdown_label.setText(
                self.tr("Có thể gửi lại mã sau {seconds} giây.").format(seconds=left)
            )
        else:
            self.countdown_label.setText(self.tr("Chưa nhận được mã? Bấm «Gửi lại mã»."))
        self.resend_button.setEnabled(self._can_resend() and not self._checking)

    def _show_digits(self, text: str) -> None:
        for index, box in enumerate(self.digit_boxes):
            box.setText(text[index] if index < len(text) else "")
        self.submit_button.setEnabled(
            len(text) == CODE_LENGTH and not self._checking and self.request_id is not None
        )
        if text and self._message_is_error and not self._checking:
            # A new code is being typed: the old "wrong code" no longer applies.
            self._set_message(None)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Nhập mã xác nhận gồm 6 chữ số"))
        code = self._training_code
        self.training_code_label.setText(
            self.tr("TẬP HUẤN – không có tin nhắn thật. Mã Cổng tập huấn vừa gửi: {code}").format(
                code=code
            )
            if code
            else ""
        )
        self.training_code_label.setVisible(bool(code))
        if self.phone_text:
            hint = self.tr("Cổng dịch vụ công vừa gửi tin nhắn có mã đến số {phone}.").format(
                phone=self.phone_text
            )
        else:
            hint = self.tr("Cổng dịch vụ công vừa gửi tin nhắn có mã đến điện thoại của quý vị.")
        self.hint_label.setText(hint)
        self.message_label.setText(self._message or "")
        self.message_label.setVisible(bool(self._message))
        set_role(self.message_label, "error" if self._message_is_error else "")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.submit_button.setText(self.tr("Xác nhận"))
        self.resend_button.setText(self.tr("Gửi lại mã"))
        self.skip_button.setText(self.tr("Để sau"))
        self.pad.retranslate()
        self._show_digits(self.code)
        self._refresh_countdown()
