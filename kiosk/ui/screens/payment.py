"""Fee and payment: the amount in figures and words, a VietQR, or cash at the counter.

The citizen scans the QR with any Vietnamese banking app (the transfer's
description carries the case's reference, see
:func:`kiosk.cases.snapshot.payment_texts`) or pays in cash at the one-stop
counter. The kiosk never talks to a bank: a signed-in volunteer who saw the
transfer (or took the cash) records it with one of two buttons.

The QR is a :class:`kiosk.ui.qr.QrLabel` (drawn module by module, sharp), like
every QR the kiosk shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases import Actor, CaseError, CaseService
from kiosk.cases.snapshot import payment_request_for
from kiosk.config import KioskConfig
from kiosk.payments import PaymentDataError, PaymentRequest
from kiosk.ui.qr import QrLabel
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    big_button,
    explain_when_disabled,
    name_widget,
    set_role,
    touch_scroll_area,
)

DETAILS_MIN_WIDTH = 700


def scrolling(content: QLayout, name: str) -> QScrollArea:
    """``content`` in a frameless, vertical-only scroll area on the window's background.

    With the larger text setting a page may outgrow a 768-pixel screen: it then
    scrolls instead of pushing the buttons off the screen.
    """
    inner = QWidget()
    inner.setObjectName(f"{name}_content")
    inner.setLayout(content)
    return touch_scroll_area(inner, name, transparent=True)


class PaymentScreen(Retranslated, QWidget):
    """Emits ``finished`` when ``payment_continue_button`` is tapped.

    ``volunteer_id`` (set by the controller when a volunteer signs in) shows
    ``paid_transfer_button`` and ``paid_cash_button``.
    """

    finished = Signal()

    def __init__(
        self,
        case_service: CaseService,
        config: KioskConfig,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("payment_screen")
        self.case_service = case_service
        self.config = config
        self.lang = lang
        self.case_id: str | None = None
        self.request: PaymentRequest | None = None
        self._problem: str | None = None
        self._recorded: str | None = None
        self._volunteer_id: int | None = None

        self.title_label = self._label("payment_title_label", "title")
        self.amount_caption = self._label("payment_amount_caption")
        self.amount_label = self._label("payment_amount_label", "title")
        self.words_label = self._label("payment_words_label")
        self.transfer_label = self._label("payment_transfer_label")
        self.account_label = self._label("payment_account_label", "muted")
        self.cash_label = self._label("payment_cash_label")
        self.problem_label = self._label("payment_problem_label", "error")
        self.recorded_label = self._label("payment_recorded_label")
        self.qr_label = QrLabel("payment_qr")

        self.paid_transfer_button = big_button("", "paid_transfer_button", role="secondary")
        self.paid_cash_button = big_button("", "paid_cash_button", role="secondary")
        self.continue_button = big_button("", "payment_continue_button")
        self.continue_button.setMinimumWidth(320)
        self.paid_transfer_button.clicked.connect(lambda: self._record("transfer"))
        self.paid_cash_button.clicked.connect(lambda: self._record("cash"))
        for paid in (self.paid_transfer_button, self.paid_cash_button):
            explain_when_disabled(paid, self._explain_recorded)
        self.continue_button.clicked.connect(self.finished)

        details = QVBoxLayout()
        details.setSpacing(12)
        for widget in (
            self.amount_caption,
            self.amount_label,
            self.words_label,
            self.transfer_label,
            self.account_label,
            self.problem_label,
            self.cash_label,
            self.recorded_label,
        ):
            # A wrapping label's minimum height is taken at its minimum width: keep
            # that width realistic, or the screen claims more than 768 px of height.
            widget.setMinimumWidth(DETAILS_MIN_WIDTH)
            details.addWidget(widget)
        details.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(40)
        body.addLayout(details, 1)
        body.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)

        self.volunteer_row = QWidget()
        name_widget(self.volunteer_row, "payment_volunteer_row")
        volunteer = QHBoxLayout(self.volunteer_row)
        volunteer.setContentsMargins(0, 0, 0, 0)
        volunteer.setSpacing(16)
        volunteer.addWidget(self.paid_transfer_button)
        volunteer.addWidget(self.paid_cash_button)
        bottom = QHBoxLayout()
        bottom.setSpacing(24)
        bottom.addWidget(self.volunteer_row, 2)
        bottom.addStretch(0)
        bottom.addWidget(self.continue_button, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 28, 56, 28)
        layout.setSpacing(16)
        layout.addWidget(self.title_label)
        layout.addWidget(scrolling(body, "payment_scroll"), 1)
        layout.addLayout(bottom)
        self.volunteer_row.setVisible(False)
        self.retranslate()

    def _label(self, name: str, role: str | None = None) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if role:
            set_role(label, role)
        return label

    # -- what the controller calls --------------------------------------------------------

    @property
    def volunteer_id(self) -> int | None:
        return self._volunteer_id

    @volunteer_id.setter
    def volunteer_id(self, volunteer_id: int | None) -> None:
        self._volunteer_id = volunteer_id
        self._refresh()

    def load_case(self, case_id: str) -> None:
        """Show the fee of this submitted case."""
        self.case_id = case_id
        self._recorded = None
        self._load_request()
        self._refresh()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._load_request()
        self.retranslate()

    def reset(self) -> None:
        """Forget the case (idle timeout, Finish): nothing of it stays on screen."""
        self.case_id = None
        self.request = None
        self._problem = None
        self._recorded = None
        self.qr_label.set_payload("")
        self.retranslate()

    # -- inside ----------------------------------------------------------------------------

    def _load_request(self) -> None:
        self.request = None
        self._problem = None
        if self.case_id is None:
            return
        try:
            if self.case_service.get(self.case_id).fee_amount <= 0:
                self._problem = self.tr("Hồ sơ này không thu lệ phí.")
                return
            self.request = payment_request_for(
                self.case_service, self.case_id, self.config, self.lang
            )
        except PaymentDataError as error:
            self._problem = error.message_vi
        except CaseError as error:
            self._problem = error.message.get(self.lang)

    def _record(self, method: str) -> None:
        if self.case_id is None or self._volunteer_id is None:
            return
        actor = Actor("volunteer", str(self._volunteer_id), assisted_by=self._volunteer_id)
        self.case_service.record_payment(self.case_id, method, actor)
        self._recorded = method
        self._refresh()

    def _explain_recorded(self) -> None:
        self.recorded_label.setText(
            self.tr("Lệ phí của hồ sơ này đã được ghi nhận rồi; không cần bấm lại.")
        )
        self.recorded_label.show()

    def _refresh(self) -> None:
        request = self.request
        self.qr_label.set_payload(request.qr_payload if request else "")
        self.qr_label.setVisible(request is not None)
        self.amount_label.setText(request.amount_figures if request else "")
        self.words_label.setText(f"({request.amount_words})" if request else "")
        self.transfer_label.setVisible(request is not None)
        self.account_label.setVisible(request is not None)
        if request is not None:
            self.account_label.setText(
                self.tr("Người nhận: {name}. Nội dung chuyển khoản đã có sẵn trong mã.").format(
                    name=request.account_name
                )
            )
        self.problem_label.setText(self._problem or "")
        self.problem_label.setVisible(request is None and self._problem is not None)
        signed_in = self._volunteer_id is not None and self.case_id is not None
        self.volunteer_row.setVisible(signed_in)
        done = self._recorded is not None
        self.paid_transfer_button.setEnabled(not done)
        self.paid_cash_button.setEnabled(not done)
        if self._recorded == "transfer":
            self.recorded_label.setText(self.tr("Đã ghi nhận: lệ phí đã được chuyển khoản."))
        elif self._recorded == "cash":
            self.recorded_label.setText(self.tr("Đã ghi nhận: lệ phí đã được nộp bằng tiền mặt."))
        else:
            self.recorded_label.setText("")
        self.recorded_label.setVisible(done)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Lệ phí của hồ sơ"))
        self.amount_caption.setText(self.tr("Số tiền cần nộp:"))
        self.transfer_label.setText(
            self.tr("Quét mã QR bên cạnh bằng ứng dụng ngân hàng trên điện thoại để chuyển khoản.")
        )
        self.cash_label.setText(self.tr("Hoặc nộp tiền mặt tại quầy Một cửa khi nhận giấy hẹn."))
        self.paid_transfer_button.setText(self.tr("Đã nhận chuyển khoản"))
        self.paid_cash_button.setText(self.tr("Đã thu tiền mặt"))
        self.continue_button.setText(self.tr("Tiếp tục"))
        self._refresh()
