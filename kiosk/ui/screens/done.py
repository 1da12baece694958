"""Done: the local reference in large letters, what happens next, the printed receipt.

The receipt is rendered, saved and printed by a background job
(:mod:`kiosk.ui.print_worker`); the screen shows the reference at once and
the appointment details as soon as the job has read the case. When printing
fails (no printer, paper out), the citizen is told plainly and the tracking
QR is shown big for a phone photo; the case itself is already submitted and
nothing about it changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.cases import CaseError, CaseService
from kiosk.config import KioskConfig
from kiosk.documents import CaseSnapshot, DocumentDataError, tracking_payload_for
from kiosk.payments import format_vnd
from kiosk.procedures import Catalogue
from kiosk.ui.print_worker import PrintFunction, ReceiptOutcome, ReceiptPrinter, ready_day_text
from kiosk.ui.qr import QrLabel
from kiosk.ui.screens.payment import scrolling
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, explain_when_disabled, set_role

QR_SIDE_PX = 290
# Below this a phone held at arm's length still reads the code (about 6 cm on a 15"
# screen); the QR shrinks towards it only when the window is short on height.
QR_MIN_SIDE_PX = 200
DETAILS_MIN_WIDTH = 700


class DoneScreen(Retranslated, QWidget):
    """Emits ``finish_requested`` when ``finish_button`` is tapped.

    ``last_outcome`` holds the latest receipt job's result for this case.
    """

    finish_requested = Signal()

    def __init__(
        self,
        case_service: CaseService,
        config: KioskConfig,
        catalogue: Catalogue,
        lang: str = "vi",
        *,
        print_function: PrintFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("done_screen")
        self.case_service = case_service
        self.config = config
        self.lang = lang
        self.case_id: str | None = None
        self.reference: str | None = None
        self.snapshot: CaseSnapshot | None = None
        self.last_outcome: ReceiptOutcome | None = None
        self._job: int | None = None
        self._problem: str | None = None
        # The case itself could not be read (not a printer matter): said as it is.
        self._case_problem: str | None = None
        self.printer = ReceiptPrinter(
            case_service, config, catalogue, print_function=print_function, parent=self
        )
        self.printer.prepared.connect(self._on_prepared)
        self.printer.finished.connect(self._on_finished)

        self.title_label = self._label("done_title_label", "heading")
        self.reference_caption = self._label("done_reference_caption")
        self.reference_label = self._label("done_reference_label", "title")
        self.reference_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.ready_label = self._label("done_ready_label", "heading")
        self.collect_label = self._label("done_collect_label")
        self.fee_label = self._label("done_fee_label")
        self.print_label = self._label("done_print_label")
        self.qr_caption = self._label("done_qr_caption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label = QrLabel("done_tracking_qr", QR_SIDE_PX)
        self.reprint_button = big_button("", "reprint_button", role="secondary")
        # For offices that still want the form signed on paper.
        self.declaration_button = big_button("", "print_declaration_button", role="secondary")
        self._declaration_job: int | None = None
        self._declaration_state: str | None = None
        self.finish_button = big_button("", "finish_button")
        self.reprint_button.clicked.connect(self._reprint)
        self.declaration_button.clicked.connect(self._print_declaration)
        self.finish_button.clicked.connect(self.finish_requested)
        explain_when_disabled(self.reprint_button, self._explain_printing)
        explain_when_disabled(self.declaration_button, self._explain_printing)

        details = QVBoxLayout()
        details.setSpacing(12)
        # The paper's state first: after a failed print it tells the citizen what to do.
        for widget in (
            self.print_label,
            self.ready_label,
            self.collect_label,
            self.fee_label,
        ):
            # A wrapping label's minimum height is taken at its minimum width.
            widget.setMinimumWidth(DETAILS_MIN_WIDTH)
            details.addWidget(widget)
        details.addStretch(1)
        self.qr_box = QWidget()
        self.qr_box.setObjectName("done_qr_box")
        qr_layout = QVBoxLayout(self.qr_box)
        self._qr_layout = qr_layout
        qr_layout.setContentsMargins(0, 0, 0, 0)
        qr_layout.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_layout.addWidget(self.qr_caption)
        self.qr_box.setFixedWidth(QR_SIDE_PX + 130)
        # Its minimum height is then its height at the box's width (as the details').
        self.qr_caption.setMinimumWidth(QR_SIDE_PX + 130)
        body = QHBoxLayout()
        self._body = body
        body.setSpacing(32)
        body.addLayout(details, 1)
        body.addWidget(self.qr_box, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.reprint_button, 1)
        buttons.addWidget(self.declaration_button, 1)
        buttons.addWidget(self.finish_button, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 28, 56, 28)
        layout.setSpacing(14)
        layout.addWidget(self.title_label)
        # The reference sits outside the scrolling part: always whole and in sight.
        layout.addWidget(self.reference_caption)
        layout.addWidget(self.reference_label)
        self.scroll_area = scrolling(body, "done_scroll")
        # The content is as tall as its height for the width it has (the body's layout
        # answers that), not its minimum: wrapping labels take that at their narrowest
        # width, a line more each, and the page scrolled when it fitted.
        content = self.scroll_area.widget()
        assert content is not None
        content.setMinimumHeight(1)
        self.scroll_area.viewport().installEventFilter(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_qr()
        return super().eventFilter(watched, event)

    def _fit_qr(self) -> None:
        """The QR and its caption within the scroll area's height, if it can be done.

        In English the caption takes a third line, and the QR box then ran below the
        fold of a 1366x768 window: the code shrinks (never under QR_MIN_SIDE_PX) instead.
        """
        caption = self.qr_caption.heightForWidth(self.qr_box.width())
        margins = self._body.contentsMargins()
        room = (
            self.scroll_area.viewport().height()
            - margins.top()
            - margins.bottom()
            - caption
            - self._qr_layout.spacing()
        )
        self.qr_label.set_side(max(QR_MIN_SIDE_PX, min(QR_SIDE_PX, room)))

    def _label(self, name: str, role: str | None = None) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        if role:
            set_role(label, role)
        return label

    # -- what the controller calls ----------------------------------------------------

    def show_result(self, case_id: str) -> None:
        """Show the submitted case's reference and start printing its receipt."""
        self.reset()
        self.case_id = case_id
        try:
            self.reference = self.case_service.get(case_id).local_reference
        except CaseError as error:
            self._case_problem = self._problem = error.message.get(self.lang)
        self._start_printing()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def reset(self) -> None:
        """Forget the case: no reference, date, name or QR stays on screen.

        A receipt job still running finishes in the background; its result is ignored.
        """
        self.case_id = None
        self.reference = None
        self.snapshot = None
        self.last_outcome = None
        self._job = None
        self._problem = None
        self._case_problem = None
        self._declaration_job = None
        self._declaration_state = None
        self.retranslate()

    # -- printing ---------------------------------------------------------------------

    def _start_printing(self) -> None:
        if self.case_id is None:
            return
        self.last_outcome = None
        self._problem = None
        self._job = self.printer.print_receipt(self.case_id, self.lang)
        self.retranslate()

    @Slot()
    def _reprint(self) -> None:
        self._start_printing()

    @Slot()
    def _print_declaration(self) -> None:
        if self.case_id is None:
            return
        self._declaration_state = "printing"
        self._declaration_job = self.printer.print_declaration(self.case_id)
        self.retranslate()

    @Slot(int, object)
    def _on_prepared(self, job_id: int, snapshot: object) -> None:
        if job_id == self._job and isinstance(snapshot, CaseSnapshot):
            self.snapshot = snapshot
            self.retranslate()

    @Slot(object)
    def _on_finished(self, outcome: object) -> None:
        if not isinstance(outcome, ReceiptOutcome):
            return
        if outcome.job_id == self._declaration_job and outcome.case_id == self.case_id:
            self._declaration_state = "printed" if outcome.printed else "failed"
            self.retranslate()
            return
        if outcome.job_id != self._job:
            return
        self.last_outcome = outcome
        if outcome.snapshot is not None:
            self.snapshot = outcome.snapshot
        self._problem = None if outcome.printed else outcome.problem
        self.retranslate()

    def _explain_printing(self) -> None:
        self.print_label.setText(self.tr("Máy đang in, xin chờ in xong rồi bấm lại nếu cần."))

    def _tracking_payload(self) -> str:
        if self.snapshot is not None:
            return self.snapshot.tracking_payload
        try:
            if not self.reference:
                return ""
            return tracking_payload_for(
                self.reference, None, self.config.portal.tracking_url_template
            )
        except DocumentDataError:
            return ""

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Quý vị đã nộp hồ sơ thành công"))
        self.reference_caption.setText(self.tr("Số tham chiếu của hồ sơ:"))
        self.reference_label.setText(self.reference or "")
        self.reprint_button.setText(self.tr("In lại giấy hẹn"))
        self.declaration_button.setText(self.tr("In tờ khai"))
        self.finish_button.setText(self.tr("Hoàn tất"))
        self.qr_caption.setText(
            self.tr("Xin chụp mã này bằng điện thoại để tra cứu hồ sơ sau này.")
        )
        self._fit_qr()
        self._show_next_steps()
        self._show_print_state()

    def _show_next_steps(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            self.ready_label.setText(self.tr("Đang chuẩn bị giấy hẹn...") if self._job else "")
            self.collect_label.setText("")
            self.fee_label.setText("")
            return
        self.ready_label.setText(
            self.tr("Ngày hẹn trả kết quả: {day}").format(
                day=ready_day_text(snapshot.ready_on, self.lang)
            )
        )
        self.collect_label.setText(
            self.tr("Nơi nhận kết quả: {place}. Xin mang theo giấy hẹn và thẻ căn cước.").format(
                place=snapshot.collect_at
            )
        )
        if snapshot.fee_amount > 0:
            amount = format_vnd(snapshot.fee_amount, "en" if self.lang == "en" else "vi")
            paid = self.case_id is not None and self.case_service.get(self.case_id).payment_method
            if paid:
                self.fee_label.setText(
                    self.tr("Lệ phí {amount}: đã thanh toán.").format(amount=amount)
                )
            else:
                self.fee_label.setText(
                    self.tr("Lệ phí {amount}: nộp tại quầy nếu quý vị chưa chuyển khoản.").format(
                        amount=amount
                    )
                )
        else:
            self.fee_label.setText(self.tr("Hồ sơ này không thu lệ phí."))

    def _show_print_state(self) -> None:
        outcome = self.last_outcome
        running = self._job is not None and outcome is None
        failed = self._problem is not None
        if running:
            self.print_label.setText(self.tr("Đang in giấy hẹn, xin chờ trong giây lát..."))
        elif self._case_problem is not None:
            self.print_label.setText(self._case_problem)
        elif failed:
            # What the citizen must do, calmly; why it failed (no printer set up, out of
            # paper...) is the volunteers' business: the log and the staff "Today" panel.
            self.print_label.setText(
                # Short: the title says the dossier is in, the QR's caption says what the
                # code is for, and all of it must fit above the buttons without scrolling.
                self.tr("Xin nhận giấy hẹn tại quầy một cửa: cán bộ sẽ in cho quý vị.")
            )
        elif outcome is not None and outcome.printed:
            self.print_label.setText(
                self.tr("Đã in 2 bản giấy hẹn: một bản quý vị giữ, một bản nộp tại quầy.")
            )
        else:
            self.print_label.setText("")
        show_qr = failed and bool(self.case_id)
        self.qr_label.set_payload(self._tracking_payload() if show_qr else "")
        self.qr_box.setVisible(show_qr and bool(self.qr_label.payload))
        self.reprint_button.setEnabled(outcome is not None and self.case_id is not None)
        self.declaration_button.setEnabled(
            self.case_id is not None and self._declaration_state != "printing"
        )
        declaration = self._declaration_text()
        if declaration:
            receipt = self.print_label.text()
            self.print_label.setText(f"{receipt} {declaration}" if receipt else declaration)

    def _declaration_text(self) -> str:
        return {
            "printing": self.tr("Đang in tờ khai..."),
            "printed": self.tr("Đã in tờ khai. Nếu cán bộ yêu cầu, xin ký tên và nộp tại quầy."),
            "failed": self.tr(
                "Chưa in được tờ khai. Cán bộ tại quầy có thể in lại từ hồ sơ của quý vị."
            ),
        }.get(self._declaration_state or "", "")
