"""Create a public-service portal account: card, phone, optional email, consent, code.

The identity comes from the scanned ID card (shown, never typed). The phone
number is typed on a big number pad, the optional email on the on-screen
keyboard. After the citizen's explicit consent the request is recorded
(:meth:`kiosk.cases.AccountService.request_account`) and the sync worker tries
to send it at once: when the portal answers, the one-time code page
(:class:`~kiosk.ui.screens.otp.OtpScreen`) follows; when it does not, the
citizen is told that the request is saved and an SMS will come. The kiosk
never asks for a password. The last page shows a QR code to install VNeID.

The pages live in this screen's own stack; the screen only emits
``finished`` (the last page's button) and ``back_requested`` (back from the
first page) for the controller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases import AccountService, Actor, CaseError
from kiosk.cases.account_notice import (
    VNEID_URL,
    account_consent_notice,
    email_problem,
    phone_problem,
)
from kiosk.cases.citizens import CardLike
from kiosk.cases.presentation import format_phone
from kiosk.config import KioskConfig
from kiosk.identity import IdentityInputError, mask_id_number, normalize_phone, to_nfc
from kiosk.ui.keyboard import KeyboardKind, OnScreenKeyboard, set_keyboard_kind
from kiosk.ui.number_pad import NumberPad
from kiosk.ui.qr import QrLabel
from kiosk.ui.screens.otp import OtpScreen
from kiosk.ui.screens.payment import scrolling
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    big_button,
    explain_when_disabled,
    name_widget,
    set_role,
    touch_scroll_area,
)

log = logging.getLogger(__name__)

PUSH_TIMEOUT_MS = 30_000
PAGE_NAMES = ("identity", "phone", "email", "consent", "sending", "otp", "result")
TEXT_MIN_WIDTH = 900


def _label(name: str, role: str | None = None) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setMinimumWidth(TEXT_MIN_WIDTH)  # keeps the minimum height realistic
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        set_role(label, role)
    return label


class AccountScreen(Retranslated, QWidget):
    """Emits ``finished`` from ``account_finish_button`` and ``back_requested``.

    ``page`` names the page shown (one of :data:`PAGE_NAMES`); ``request_id``
    is the recorded request once the citizen consented.
    """

    finished = Signal()
    back_requested = Signal()

    def __init__(
        self,
        account_service: AccountService,
        config: KioskConfig,
        lang: str = "vi",
        *,
        sync_worker: object | None = None,
        actor_provider: Callable[[], Actor] | None = None,
        push_timeout_ms: int = PUSH_TIMEOUT_MS,
        otp_screen: OtpScreen | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("account_screen")
        self.account_service = account_service
        self.config = config
        self.lang = lang
        self.card: CardLike | None = None
        self.request_id: str | None = None
        self.outcome: str | None = None  # "confirmed" | "queued" | "code_later" | "rejected"
        self._outcome_message = ""
        self._problem: str | None = None
        self._actor_provider = actor_provider
        self._worker: object | None = None
        self._push_timer = QTimer(self)
        self._push_timer.setSingleShot(True)
        self._push_timer.setInterval(push_timeout_ms)
        self._push_timer.timeout.connect(self._on_push_timeout)

        self.pages = QStackedWidget()
        self.pages.setObjectName("account_pages")
        self._pages: dict[str, QWidget] = {}
        self.otp = otp_screen or OtpScreen(lang=lang, actor_provider=actor_provider)
        self.otp.confirmed.connect(self._on_code_confirmed)
        self.otp.skipped.connect(self._on_code_skipped)
        self._build_identity_page()
        self._build_phone_page()
        self._build_email_page()
        self._build_consent_page()
        self._build_sending_page()
        self._add_page("otp", self.otp)
        self._build_result_page()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.set_sync_worker(sync_worker)
        self.retranslate()

    # -- building ---------------------------------------------------------------------

    def _add_page(self, name: str, page: QWidget) -> None:
        if not page.objectName():
            page.setObjectName(f"account_{name}_page")
        self._pages[name] = page
        self.pages.addWidget(page)

    def _page_layout(self, name: str) -> QVBoxLayout:
        page = QWidget()
        page.setObjectName(f"account_{name}_page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(56, 28, 56, 28)
        layout.setSpacing(14)
        self._add_page(name, page)
        return layout

    def _nav_row(self, layout: QVBoxLayout, back: QWidget, forward: QWidget) -> None:
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(back, 1)
        row.addWidget(forward, 2)
        layout.addLayout(row)

    def _build_identity_page(self) -> None:
        layout = self._page_layout("identity")
        self.identity_title = _label("account_identity_title", "title")
        self.identity_intro = _label("account_identity_intro")
        self.identity_name = _label("account_identity_name", "heading")
        self.identity_details = _label("account_identity_details")
        self.no_password_label = _label("account_no_password_label", "muted")
        self.identity_back = big_button("", "account_back_button", role="secondary")
        self.identity_next = big_button("", "account_identity_next_button")
        self.identity_back.clicked.connect(self.back_requested)
        self.identity_next.clicked.connect(lambda: self._show("phone"))
        self.identity_error = _label("account_identity_error", "error")
        self.identity_error.hide()
        explain_when_disabled(self.identity_next, self._explain_no_card)
        for widget in (
            self.identity_title,
            self.identity_intro,
            self.identity_name,
            self.identity_details,
            self.no_password_label,
            self.identity_error,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._nav_row(layout, self.identity_back, self.identity_next)

    def _build_phone_page(self) -> None:
        layout = self._page_layout("phone")
        self.phone_title = _label("account_phone_title", "heading")
        self.phone_input = QLineEdit()
        name_widget(self.phone_input, "account_phone_input")
        self.phone_input.setMaxLength(15)
        # The page has its own number pad under the field: the window's keyboard dock
        # must not open a second, squashed one (NONE), but input methods still see digits.
        set_keyboard_kind(self.phone_input, KeyboardKind.NONE)
        self.phone_input.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.phone_error = _label("account_phone_error", "error")
        self.phone_pad = NumberPad()
        self.phone_pad.attach(self.phone_input)
        self.phone_pad.done_pressed.connect(self._phone_next)
        self.phone_back = big_button("", "account_phone_back_button", role="secondary")
        self.phone_next = big_button("", "account_phone_next_button")
        self.phone_back.clicked.connect(lambda: self._show("identity"))
        self.phone_next.clicked.connect(self._phone_next)
        self.phone_input.textChanged.connect(lambda _text: self._clear_problem())
        layout.addWidget(self.phone_title)
        layout.addWidget(self.phone_input)
        layout.addWidget(self.phone_error)
        layout.addWidget(self.phone_pad, 1)
        self._nav_row(layout, self.phone_back, self.phone_next)

    def _build_email_page(self) -> None:
        layout = self._page_layout("email")
        self.email_title = _label("account_email_title", "heading")
        self.email_input = QLineEdit()
        name_widget(self.email_input, "account_email_input")
        self.email_input.setMaxLength(254)
        set_keyboard_kind(self.email_input, KeyboardKind.NONE)  # its own keyboard, as above
        self.email_input.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.email_error = _label("account_email_error", "error")
        self.email_keyboard = OnScreenKeyboard()
        self.email_keyboard.attach(self.email_input)
        self.email_keyboard.done_pressed.connect(self._email_next)
        self.email_back = big_button("", "account_email_back_button", role="secondary")
        self.email_skip = big_button("", "account_email_skip_button", role="secondary")
        self.email_next = big_button("", "account_email_next_button")
        self.email_back.clicked.connect(lambda: self._show("phone"))
        self.email_skip.clicked.connect(self._email_skip)
        self.email_next.clicked.connect(self._email_next)
        self.email_input.textChanged.connect(lambda _text: self._clear_problem())
        layout.addWidget(self.email_title)
        layout.addWidget(self.email_input)
        layout.addWidget(self.email_error)
        layout.addWidget(self.email_keyboard, 1)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.email_back, 1)
        row.addWidget(self.email_skip, 1)
        row.addWidget(self.email_next, 2)
        layout.addLayout(row)

    def _build_consent_page(self) -> None:
        layout = self._page_layout("consent")
        self.consent_title = _label("account_consent_title", "heading")
        self.consent_text = QLabel()
        self.consent_text.setObjectName("account_consent_text")
        self.consent_text.setWordWrap(True)
        self.consent_text.setTextFormat(Qt.TextFormat.PlainText)
        self.consent_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.consent_text.setContentsMargins(16, 12, 16, 12)
        scroll = touch_scroll_area(self.consent_text, "account_consent_scroll", framed=True)
        self.consent_error = _label("account_consent_error", "error")
        self.consent_back = big_button("", "account_consent_back_button", role="secondary")
        self.consent_confirm = big_button("", "account_consent_confirm_button")
        self.consent_back.clicked.connect(lambda: self._show("email"))
        self.consent_confirm.clicked.connect(self._confirm_consent)
        layout.addWidget(self.consent_title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.consent_error)
        self._nav_row(layout, self.consent_back, self.consent_confirm)

    def _build_sending_page(self) -> None:
        layout = self._page_layout("sending")
        self.sending_label = _label("account_sending_label", "heading")
        self.sending_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self.sending_label)
        layout.addStretch(1)

    def _build_result_page(self) -> None:
        layout = self._page_layout("result")
        self.result_title = _label("account_result_title", "title")
        self.result_body = _label("account_result_body")
        self.vneid_caption = _label("account_vneid_caption")
        self.vneid_caption.setMinimumWidth(600)
        self.vneid_qr = QrLabel("account_vneid_qr", 260)
        self.vneid_qr.set_payload(VNEID_URL)
        self.finish_button = big_button("", "account_finish_button")
        vneid = QHBoxLayout()
        vneid.setSpacing(32)
        vneid.addWidget(self.vneid_qr, 0, Qt.AlignmentFlag.AlignTop)
        vneid.addWidget(self.vneid_caption, 1, Qt.AlignmentFlag.AlignVCenter)
        self.finish_button.clicked.connect(self.finished)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(14)
        content.addWidget(self.result_title)
        content.addWidget(self.result_body)
        content.addLayout(vneid)
        content.addStretch(1)
        layout.addWidget(scrolling(content, "account_result_scroll"), 1)
        layout.addWidget(self.finish_button)

    # -- what the controller calls ----------------------------------------------------

    def set_sync_worker(self, worker: object | None) -> None:
        """The worker that sends the request and checks the code (None: always offline)."""
        if worker is self._worker:
            return
        self._worker = worker
        self.otp.set_sync_worker(worker)
        pushed = getattr(worker, "account_pushed", None)
        if pushed is not None:
            pushed.connect(self._on_pushed)

    def load_card(self, card: CardLike | None) -> None:
        """Start the flow for the citizen of this card (None: ask for the card first)."""
        self.reset()
        self.card = card
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.otp.set_language(lang)
        self.retranslate()

    def reset(self) -> None:
        """Forget the citizen: card, number, email, request, code; back to the first page."""
        self._push_timer.stop()
        self.card = None
        self.request_id = None
        self.outcome = None
        self._outcome_message = ""
        self._problem = None
        self.phone_input.clear()
        self.email_input.clear()
        self.otp.reset()
        self.email_keyboard.clear()
        self.email_keyboard.attach(self.email_input)
        self.pages.setCurrentWidget(self._pages["identity"])
        self.retranslate()

    @property
    def page(self) -> str:
        current = self.pages.currentWidget()
        return next(name for name, page in self._pages.items() if page is current)

    # -- steps ------------------------------------------------------------------------

    def _show(self, name: str) -> None:
        self._problem = None
        self.pages.setCurrentWidget(self._pages[name])
        if name == "phone":
            self.phone_input.setFocus()
        elif name == "email":
            self.email_input.setFocus()
        self.retranslate()

    def _clear_problem(self) -> None:
        if self._problem is not None:
            self._problem = None
            self.retranslate()

    def _phone_next(self) -> None:
        self._problem = phone_problem(self.phone_input.text())
        if self._problem is None:
            self._show("email")
        else:
            self.retranslate()

    def _email_skip(self) -> None:
        self.email_input.clear()
        self._show("consent")

    def _email_next(self) -> None:
        self.email_input.setText(to_nfc(self.email_input.text()).strip())
        self._problem = email_problem(self.email_input.text(), self.lang)
        if self._problem is None:
            self._show("consent")
        else:
            self.retranslate()

    def _actor(self) -> Actor:
        return self._actor_provider() if self._actor_provider else Actor.system()

    def _confirm_consent(self) -> None:
        if self.card is None:
            return
        notice = account_consent_notice(self.config, self.lang)
        try:
            view = self.account_service.request_account(
                self.card,
                self.phone_input.text(),
                self.email_input.text() or None,
                notice,
                self._actor(),
            )
        except (CaseError, IdentityInputError, ValueError) as error:
            message = error.message.get(self.lang) if isinstance(error, CaseError) else str(error)
            self._problem = message
            self.retranslate()
            return
        self.request_id = view.id
        push = getattr(self._worker, "push_account", None)
        if not callable(push):
            self._finish("queued")
            return
        self._show("sending")
        self._push_timer.start()
        push(view.id)

    @Slot(str, str, str)
    def _on_pushed(self, request_id: str, status: str, message: str) -> None:
        if request_id != self.request_id or self.page != "sending":
            return
        self._push_timer.stop()
        if status == "pending_otp":
            self.otp.load_request(request_id, self._phone_display())
            self._show("otp")
        elif status == "rejected":
            self._finish("rejected", message)
        else:
            self._finish("queued")

    @Slot()
    def _on_push_timeout(self) -> None:
        if self.page == "sending":
            self._finish("queued")

    @Slot(str)
    def _on_code_confirmed(self, request_id: str) -> None:
        if request_id == self.request_id:
            self._finish("confirmed")

    @Slot()
    def _on_code_skipped(self) -> None:
        if self.request_id is not None:
            self._finish("code_later")

    def _finish(self, outcome: str, message: str = "") -> None:
        self.outcome = outcome
        self._outcome_message = message
        self._show("result")

    def _phone_display(self) -> str:
        try:
            return format_phone(normalize_phone(self.phone_input.text()))
        except ValueError:
            return ""

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._identity_texts()
        self.phone_title.setText(self.tr("Số điện thoại di động của quý vị"))
        self.phone_input.setPlaceholderText(self.tr("Ví dụ: 0912 345 678"))
        self.phone_back.setText(self.tr("Quay lại"))
        self.phone_next.setText(self.tr("Tiếp tục"))
        self.email_title.setText(self.tr("Địa chỉ thư điện tử (không bắt buộc, có thể bỏ qua)"))
        self.email_back.setText(self.tr("Quay lại"))
        self.email_skip.setText(self.tr("Bỏ qua"))
        self.email_next.setText(self.tr("Tiếp tục"))
        self.consent_title.setText(self.tr("Xin đọc và xác nhận đồng ý"))
        self.consent_text.setText(account_consent_notice(self.config, self.lang).text)
        self.consent_back.setText(self.tr("Quay lại"))
        self.consent_confirm.setText(self.tr("Tôi đồng ý và gửi yêu cầu"))
        self.sending_label.setText(self.tr("Đang gửi yêu cầu tạo tài khoản, xin chờ..."))
        page = self.page
        for label, shown in (
            (self.phone_error, page == "phone"),
            (self.email_error, page == "email"),
            (self.consent_error, page == "consent"),
        ):
            label.setText((self._problem or "") if shown else "")
            label.setVisible(shown and bool(self._problem))
        self._result_texts()

    def _explain_no_card(self) -> None:
        self.identity_error.setText(
            self.tr(
                "Chưa có thẻ căn cước: xin bấm «Quay lại», quét thẻ căn cước, "
                "rồi chọn tạo tài khoản lại."
            )
        )
        self.identity_error.show()

    def _identity_texts(self) -> None:
        self.identity_title.setText(self.tr("Tạo tài khoản dịch vụ công"))
        self.identity_back.setText(self.tr("Quay lại"))
        self.identity_next.setText(self.tr("Đúng, tiếp tục"))
        self.no_password_label.setText(
            self.tr(
                "Ki-ốt không bao giờ hỏi mật khẩu. Cổng dịch vụ công sẽ gửi mã xác nhận "
                "qua tin nhắn đến điện thoại của quý vị."
            )
        )
        card = self.card
        self.identity_next.setEnabled(card is not None)
        if card is not None:
            self.identity_error.hide()
        elif not self.identity_error.isHidden():
            self._explain_no_card()  # in the language just chosen
        if card is None:
            self.identity_intro.setText(self.tr("Xin quét thẻ căn cước trước khi tạo tài khoản."))
            self.identity_name.setText("")
            self.identity_details.setText("")
            return
        self.identity_intro.setText(self.tr("Thông tin đọc từ thẻ căn cước của quý vị:"))
        self.identity_name.setText(card.full_name)
        self.identity_details.setText(
            self.tr("Số định danh: {number}\nNgày sinh: {born}").format(
                number=mask_id_number(card.id_number),
                born=card.date_of_birth.strftime("%d/%m/%Y"),
            )
        )

    def _result_texts(self) -> None:
        self.finish_button.setText(self.tr("Hoàn tất"))
        self.vneid_caption.setText(
            self.tr(
                "Quét mã này bằng điện thoại để cài ứng dụng VNeID: dùng tài khoản định danh "
                "điện tử để đăng nhập Cổng dịch vụ công."
            )
        )
        outcome = self.outcome
        if outcome == "confirmed":
            self.result_title.setText(self.tr("Tài khoản đã được xác nhận"))
            self.result_body.setText(
                self.tr(
                    "Quý vị đã có tài khoản Cổng dịch vụ công. Tên đăng nhập là số điện "
                    "thoại {phone}. Để đăng nhập: mở dichvucong.gov.vn, chọn «Đăng nhập», "
                    "nhập số điện thoại này và mật khẩu quý vị đặt theo tin nhắn của Cổng. "
                    "Ki-ốt không biết và không lưu mật khẩu của quý vị."
                ).format(phone=self._phone_display())
            )
        elif outcome == "rejected":
            self.result_title.setText(self.tr("Cổng dịch vụ công chưa nhận yêu cầu"))
            self.result_body.setText(
                self._outcome_message or self.tr("Xin nhờ cán bộ tại quầy hỗ trợ.")
            )
        elif outcome == "code_later":
            self.result_title.setText(self.tr("Yêu cầu đã được gửi"))
            self.result_body.setText(
                self.tr("Quý vị có thể nhập mã trong tin nhắn SMS theo hướng dẫn của Cổng.")
            )
        else:
            self.result_title.setText(self.tr("Yêu cầu đã được lưu"))
            self.result_body.setText(
                self.tr(
                    "Yêu cầu đã được lưu, quý vị sẽ nhận tin nhắn SMS khi yêu cầu được gửi "
                    "lên Cổng dịch vụ công."
                )
            )
