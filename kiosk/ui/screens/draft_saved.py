"""Draft saved: the resume code a citizen leaving a draft needs, on screen and on paper.

Shown when a session ends with a draft open (idle time-out, "Kết thúc", back out
of the catalogue): the code in large letters and as the QR the resume screen reads,
the procedure, the step reached and the last day the draft is kept
(:class:`kiosk.documents.draft_slip.DraftSlip`), while one draft slip prints through
the receipt's printing path (:meth:`kiosk.ui.print_worker.ReceiptPrinter.print_draft_slip`).
A failed print only changes what the citizen is told: note the code from the screen.
``finish_requested`` when ``draft_saved_finish_button`` is tapped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.cases import CaseService
from kiosk.config import KioskConfig
from kiosk.documents.draft_slip import DraftSlip
from kiosk.procedures import Catalogue
from kiosk.ui.print_worker import PrintFunction, ReceiptOutcome, ReceiptPrinter
from kiosk.ui.qr import QrLabel
from kiosk.ui.screens.payment import scrolling
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, name_widget, set_role

QR_SIDE_PX = 260
DETAILS_MIN_WIDTH = 600


class DraftSavedScreen(Retranslated, QWidget):
    """``slip`` is the slip on screen (None after :meth:`reset`); ``last_outcome`` its print."""

    finish_requested = Signal()

    def __init__(
        self,
        case_service: CaseService,
        config: KioskConfig,
        catalogue: Catalogue,
        *,
        print_function: PrintFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("draft_saved_screen")
        self.slip: DraftSlip | None = None
        self.last_outcome: ReceiptOutcome | None = None
        self._job: int | None = None
        self.printer = ReceiptPrinter(
            case_service, config, catalogue, print_function=print_function, parent=self
        )
        self.printer.finished.connect(self._on_finished)

        self.title_label = self._label("draft_saved_title_label", "heading")
        self.code_caption = self._label("draft_saved_code_caption")
        self.code_label = self._label("draft_saved_code_label", "title")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.procedure_label = self._label("draft_saved_procedure_label")
        self.step_label = self._label("draft_saved_step_label")
        self.expiry_label = self._label("draft_saved_expiry_label")
        self.come_back_label = self._label("draft_saved_come_back_label")
        self.print_label = self._label("draft_saved_print_label")
        self.qr_label = QrLabel("draft_saved_qr", QR_SIDE_PX)
        self.finish_button = big_button("", "draft_saved_finish_button")
        self.finish_button.setMinimumWidth(360)
        self.finish_button.clicked.connect(self.finish_requested)

        details = QVBoxLayout()
        details.setSpacing(12)
        for widget in (
            self.print_label,
            self.procedure_label,
            self.step_label,
            self.expiry_label,
            self.come_back_label,
        ):
            # A wrapping label's minimum height is taken at its minimum width.
            widget.setMinimumWidth(DETAILS_MIN_WIDTH)
            details.addWidget(widget)
        details.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addLayout(details, 1)
        body.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 28, 56, 28)
        layout.setSpacing(14)
        layout.addWidget(self.title_label)
        # The code sits outside the scrolling part: always whole and in sight.
        layout.addWidget(self.code_caption)
        layout.addWidget(self.code_label)
        layout.addWidget(scrolling(body, "draft_saved_scroll"), 1)
        layout.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def _label(self, name: str, role: str | None = None) -> QLabel:
        label = name_widget(QLabel(), name)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        if role:
            set_role(label, role)
        return label

    # -- what the controller calls ----------------------------------------------------

    def show_slip(self, case_id: str, slip: DraftSlip) -> None:
        """Show the draft's code and details and print its slip (one copy)."""
        self.reset()
        self.slip = slip
        self._job = self.printer.print_draft_slip(case_id, slip)
        self.retranslate()

    def reset(self) -> None:
        """Forget the draft: no code or QR stays on screen (a running print is ignored)."""
        self.slip = None
        self.last_outcome = None
        self._job = None
        self.retranslate()

    def set_language(self, _language: str) -> None:
        self.retranslate()

    @Slot(object)
    def _on_finished(self, outcome: object) -> None:
        if isinstance(outcome, ReceiptOutcome) and outcome.job_id == self._job:
            self.last_outcome = outcome
            self.retranslate()

    # -- texts ------------------------------------------------------------------------

    def retranslate(self) -> None:
        slip = self.slip
        self.title_label.setText(self.tr("Hồ sơ đang làm của quý vị đã được lưu"))
        self.code_caption.setText(self.tr("Mã tiếp tục hồ sơ (xin giữ kín):"))
        self.finish_button.setText(self.tr("Xong"))
        self.code_label.setText(slip.resume_code if slip else "")
        self.qr_label.set_payload(slip.qr_payload if slip else "")
        if slip is None:
            for label in (
                self.procedure_label,
                self.step_label,
                self.expiry_label,
                self.come_back_label,
                self.print_label,
            ):
                label.setText("")
            return
        self.procedure_label.setText(
            self.tr("Thủ tục: {procedure}").format(procedure=slip.procedure_title)
        )
        self.step_label.setText(self.tr("Đã làm đến: {step}").format(step=slip.step_reached))
        self.expiry_label.setText(
            self.tr("Hồ sơ được giữ đến hết ngày {date}.").format(
                date=slip.expires_on.strftime("%d/%m/%Y")
            )
        )
        self.come_back_label.setText(slip.come_back)
        outcome = self.last_outcome
        if outcome is None:
            self.print_label.setText(self.tr("Đang in phiếu có mã tiếp tục..."))
        elif outcome.printed:
            self.print_label.setText(self.tr("Đã in phiếu có mã tiếp tục. Xin giữ phiếu này."))
        else:
            # Why the printer failed is the volunteer's business, not the citizen's.
            self.print_label.setText(
                self.tr("Chưa in được phiếu. Xin ghi lại mã trên màn hình hoặc chụp ảnh mã QR.")
            )
