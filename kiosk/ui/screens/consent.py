"""The consent page: the personal-data notice, an explicit "I agree", then Submit.

The notice comes from :func:`kiosk.cases.consent_notice.consent_notice` and is
shown word for word; the very same object is handed to
:meth:`CaseService.submit`, which stores its text and hash with the consent.
``consent_confirm_button`` is a toggle that starts unselected (consent is
never pre-ticked, and it is cleared again when the language, and so the
text, changes); ``submit_button`` is enabled only while it is selected.

Signals: ``submitted(SubmitResult)``; ``fix_requested(step_id)`` when the
case still has missing answers (the shell opens that wizard step);
``back_requested()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases import Actor, CaseError, CaseService, ConsentNotice, SubmitBlocked
from kiosk.cases.consent_notice import consent_notice
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue
from kiosk.store import StoreUnavailable
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, explain_when_disabled, set_role, touch_scroll_area

NAV_BUTTON_WIDTH = 320


class ConsentScreen(Retranslated, QWidget):
    submitted = Signal(object)
    store_unreachable = Signal()
    fix_requested = Signal(str)
    back_requested = Signal()

    def __init__(
        self,
        case_service: CaseService,
        catalogue: Catalogue,
        config: KioskConfig,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consent_screen")
        self.case_service = case_service
        self.catalogue = catalogue
        self.config = config
        self.lang = lang
        self.case_id: str | None = None
        self.actor: Actor | None = None
        self.notice: ConsentNotice | None = None

        self.title_label = QLabel()
        self.title_label.setObjectName("consent_title")
        self.title_label.setWordWrap(True)
        set_role(self.title_label, "heading")
        self.notice_label = QLabel()
        self.notice_label.setObjectName("consent_notice_text")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.notice_label.setContentsMargins(8, 8, 16, 8)
        self.scroll_area = touch_scroll_area(self.notice_label, "consent_scroll", framed=True)

        self.confirm_button = big_button("", "consent_confirm_button", role="choice")
        self.confirm_button.setCheckable(True)
        self.confirm_button.setChecked(False)
        self.confirm_button.toggled.connect(self._toggled)
        self.message_label = QLabel()
        self.message_label.setObjectName("consent_message")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, "error")
        self.message_label.hide()

        self.back_button = big_button("", "consent_back_button", role="secondary")
        self.submit_button = big_button("", "submit_button", role="primary")
        for button in (self.back_button, self.submit_button):
            button.setFixedWidth(NAV_BUTTON_WIDTH)
        self.submit_button.setEnabled(False)
        explain_when_disabled(
            self.submit_button,
            lambda: self._show_message(
                self.tr("Xin chạm vào ô «Tôi đã đọc và đồng ý» ở trên trước khi nộp hồ sơ.")
            ),
        )
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button.clicked.connect(self.submit)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.confirm_button)
        layout.addWidget(self.message_label)
        layout.addLayout(nav)
        self.scroll_area.setFrameShape(QFrame.Shape.Box)
        self.retranslate()

    def load_case(self, case_id: str, actor: Actor) -> None:
        """Show the notice for this case's procedure, consent not yet given."""
        self.case_id = case_id
        self.actor = actor
        self.confirm_button.setChecked(False)
        self._hide_message()
        self._build_notice()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _build_notice(self) -> None:
        self.notice = None
        self.notice_label.clear()
        if self.case_id is None:
            return
        case = self.case_service.get(self.case_id)
        definition = self.catalogue.version(case.procedure_id, case.procedure_version)
        self.notice = consent_notice(definition, self.config, self.lang)
        self.notice_label.setText(self.notice.text)

    def _toggled(self, checked: bool) -> None:
        self.submit_button.setEnabled(checked and self.notice is not None)
        if checked:
            self._hide_message()
        self.retranslate_buttons()

    def submit(self) -> None:
        """Submit with exactly the notice on screen; report what blocks it, if anything."""
        if not self.confirm_button.isChecked() or self.case_id is None or self.notice is None:
            return
        actor = self.actor or Actor.citizen("kiosk")
        self.submit_button.setEnabled(False)
        try:
            result = self.case_service.submit(self.case_id, actor, self.notice)
        except SubmitBlocked as blocked:
            self._show_message(blocked.message.get(self.lang))
            self.submit_button.setEnabled(True)
            self.fix_requested.emit(blocked.step_id)
            return
        except CaseError as error:
            self._show_message(error.message.get(self.lang))
            self.submit_button.setEnabled(True)
            return
        except StoreUnavailable as error:
            if error.kind != "unreachable":
                raise
            # The submit is one transaction: nothing of it was written. Try again later.
            self._show_message(
                self.tr(
                    "Chưa nộp được vì mất kết nối tới máy chủ của phường. Hồ sơ vẫn được giữ "
                    "nguyên; xin bấm «Nộp hồ sơ» lại khi dòng báo màu đỏ phía trên biến mất."
                )
            )
            self.submit_button.setEnabled(True)
            self.store_unreachable.emit()
            return
        self._hide_message()
        self.submitted.emit(result)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.show()

    def _hide_message(self) -> None:
        self.message_label.clear()
        self.message_label.hide()

    def reset(self) -> None:
        self.case_id = None
        self.actor = None
        self.notice = None
        self.notice_label.clear()
        self.confirm_button.setChecked(False)
        self._hide_message()

    def set_language(self, lang: str) -> None:
        """A new language is a new text: consent must be given again for it."""
        self.lang = lang
        self.confirm_button.setChecked(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Đồng ý cho sử dụng thông tin cá nhân"))
        self.back_button.setText(self.tr("Quay lại"))
        self.submit_button.setText(self.tr("Nộp hồ sơ"))
        self.retranslate_buttons()
        if self.case_id is not None:
            self._build_notice()

    def retranslate_buttons(self) -> None:
        self.confirm_button.setText(
            self.tr("Đã đồng ý. Chạm lần nữa để bỏ chọn")
            if self.confirm_button.isChecked()
            else self.tr("Tôi đã đọc và đồng ý")
        )
