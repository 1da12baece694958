"""Resume a draft: scan the ID card or the draft slip, or type the resume code on the slip.

A scanned card lists that citizen's editable drafts as big buttons
(:meth:`kiosk.cases.CaseService.drafts_for_id_number`), each saying the procedure,
the step reached, the last change and a name or two typed in it
(:func:`kiosk.ui.draft_rows.draft_row_text`); a typed code, or the draft slip's QR
(:func:`kiosk.cases.draft_slip.parse_resume_scan`), opens its draft at once
(:meth:`kiosk.cases.CaseService.resume_by_code`). Either way the
screen emits ``case_chosen(case_id)``; the controller opens the wizard where
the citizen left off. The card is used for the look-up only and not kept.

On a ward's shared database the draft may be open at another kiosk: the
controller then calls :meth:`ResumeScreen.show_refusal` with the case
service's plain message ("open at kiosk 2 ..."), and the citizen stays here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases import CaseService, CaseView
from kiosk.cases.draft_overview import overview_of
from kiosk.cases.draft_slip import ScannedResumeCode, parse_resume_scan
from kiosk.cases.references import format_resume_code
from kiosk.identity import IdCard
from kiosk.procedures import Catalogue
from kiosk.procedures.base import LocalText
from kiosk.ui.draft_rows import draft_row_text
from kiosk.ui.scan_input import ScanInputFilter
from kiosk.ui.screens.code_entry import build_code_entry
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    BIG_BUTTON_PX,
    big_button,
    name_widget,
    scroll_field_into_sight,
    set_role,
    touch_scroll_area,
)

_MAX_CODE_CHARS = 16


class ResumeScreen(Retranslated, QWidget):
    """Signals: ``case_chosen(str case_id)``, ``back_requested()``."""

    case_chosen = Signal(str)
    back_requested = Signal()

    def __init__(
        self,
        case_service: CaseService,
        catalogue: Catalogue,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resume_screen")
        self.case_service = case_service
        self.catalogue = catalogue
        self.language = language
        self._drafts: list[CaseView] = []
        self._message_key: str | None = None
        self._refusal: LocalText | None = None
        self.scan_filter = ScanInputFilter(self, parser=parse_resume_scan)
        self.scan_filter.card_scanned.connect(self._on_scanned)
        self.scan_filter.scan_failed.connect(self._show_scan_error)

        entry = build_code_entry("resume", _MAX_CODE_CHARS, self.find_by_code)
        self.title_label = entry.title_label
        self.instructions_label = entry.instructions_label
        self.code_input = entry.code_input
        self.find_button = entry.find_button
        # A tap on Find keeps the keyboard up: were the field to lose focus on the press,
        # the keyboard would close, the screen leave compact mode and move the button
        # away before the finger lifts (no click). Opening a draft closes the keyboard.
        self.message_label = entry.message_label
        code_row = entry.code_row
        self.list_heading = QLabel()
        self.list_heading.setObjectName("resume_list_heading")
        set_role(self.list_heading, "heading")
        self.list_heading.hide()

        self.draft_holder = QWidget()
        self.draft_holder.setObjectName("resume_drafts")
        self.draft_layout = QVBoxLayout(self.draft_holder)
        self.draft_layout.setContentsMargins(0, 0, 0, 0)
        self.draft_layout.setSpacing(14)
        self.draft_buttons: list[QPushButton] = []

        # Everything but Back scrolls, so the screen fits above the on-screen keyboard.
        content = QWidget()
        content.setObjectName("resume_content")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 12, 0)
        content_layout.setSpacing(14)
        content_layout.addWidget(self.title_label)
        content_layout.addWidget(self.instructions_label)
        content_layout.addLayout(code_row)
        content_layout.addWidget(self.message_label)
        content_layout.addWidget(self.list_heading)
        content_layout.addWidget(self.draft_holder)
        content_layout.addStretch(1)
        self.scroll_area = touch_scroll_area(content, "resume_scroll")
        # While the keyboard is up the screen shrinks: the code field is kept in sight.
        self.scroll_area.viewport().installEventFilter(self)
        # A tap on Find keeps the keyboard up: were the field to lose focus on the press
        # (to the button or, through it, to the scroll area), the keyboard would close,
        # the screen leave compact mode and move the button away before the finger
        # lifts (no click). Opening a draft closes the keyboard anyway.
        self.find_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._compact = False

        self.back_button = big_button("", "resume_back_button", role="secondary")
        self.back_button.setMaximumWidth(360)
        self.back_button.clicked.connect(self._go_back)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(14)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.back_button)
        self.retranslate()

    # -- look-ups ---------------------------------------------------------------------

    def find_by_code(self) -> None:
        case = self.case_service.resume_by_code(self.code_input.text())
        if case is None:
            self._show_message("code_not_found")
            return
        self._show_message(None)
        self.case_chosen.emit(case.id)

    def _on_scanned(self, scanned: object) -> None:
        if isinstance(scanned, ScannedResumeCode):
            self.code_input.setText(format_resume_code(scanned.code))
            self.find_by_code()
        else:
            self.show_drafts_for_card(scanned)

    def show_drafts_for_card(self, card: object) -> None:
        if not isinstance(card, IdCard):
            return
        self._set_drafts(self.case_service.drafts_for_id_number(card.id_number))
        self._show_message(None if self._drafts else "no_drafts")

    def _show_scan_error(self, message: str) -> None:
        self._set_drafts([])
        self._message_key = None
        self.message_label.setText(message)
        self.message_label.show()

    def _set_drafts(self, drafts: list[CaseView]) -> None:
        for button in self.draft_buttons:
            self.draft_layout.removeWidget(button)
            # Out of the tree at once (not only at the next loop turn): no trace may linger.
            button.setParent(None)
            button.deleteLater()
        self.draft_buttons = []
        self._drafts = list(drafts)
        for index, draft in enumerate(self._drafts):
            button = QPushButton()
            name_widget(button, f"resume_draft_{index}")
            button.setMinimumHeight(BIG_BUTTON_PX + 20)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # as Find: the keyboard may be up
            button.clicked.connect(lambda _checked=False, case_id=draft.id: self._choose(case_id))
            self.draft_layout.addWidget(button)
            button.show()  # at once, not at the layout's next turn: a tap may come first
            self.draft_buttons.append(button)
        self.list_heading.setVisible(bool(self._drafts))
        self._label_drafts()

    def _choose(self, case_id: str) -> None:
        self.case_chosen.emit(case_id)

    def _draft_text(self, draft: CaseView) -> str:
        overview = overview_of(draft, self.catalogue, self.case_service.config)
        return draft_row_text(overview, self.language)

    def _label_drafts(self) -> None:
        for button, draft in zip(self.draft_buttons, self._drafts, strict=True):
            button.setText(self._draft_text(draft))

    def show_refusal(self, message: LocalText) -> None:
        """A draft that cannot be opened here (e.g. open at another kiosk): say why, stay."""
        self._refusal = message
        self._show_message("refused")

    def _show_message(self, key: str | None) -> None:
        self._message_key = key
        if key != "refused":
            self._refusal = None
        texts = {
            "code_not_found": self.tr(
                "Không tìm thấy hồ sơ đang làm với mã này. Xin kiểm tra lại mã (7 ký tự, "
                "ví dụ ABCD-123) hoặc quét thẻ căn cước."
            ),
            "no_drafts": self.tr("Quý vị không có hồ sơ nào đang làm dở."),
            "refused": "" if self._refusal is None else self._refusal.get(self.language),
        }
        self.message_label.setText(texts.get(key or "", ""))
        self.message_label.setVisible(key is not None)
        if key is not None and self._compact:  # the keyboard is up: the message above it
            QTimer.singleShot(0, self, self._keep_message_in_sight)

    def _go_back(self) -> None:
        self.reset()
        self.back_requested.emit()

    def reset(self) -> None:
        """Forget the typed code, the message and the listed drafts."""
        self.code_input.clear()
        self._show_message(None)
        self._set_drafts([])

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    # -- the keyboard -----------------------------------------------------------------

    def set_compact(self, compact: bool) -> None:
        """While a keyboard is up: no title or Back button, so the code field and its
        instructions fit above the keyboard (1366x768, large text, the volunteer's badge).
        """
        self._compact = compact
        self.title_label.setVisible(not compact)
        self.back_button.setVisible(not compact)
        if compact:
            QTimer.singleShot(0, self, self.keep_code_in_sight)

    def keep_code_in_sight(self) -> None:
        """The code field, its instructions above it when both fit, whole in the scroll area."""
        if not self._compact or not self.code_input.hasFocus():
            return
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        scroll_field_into_sight(self.scroll_area, self.code_input, self.instructions_label)

    def _keep_message_in_sight(self) -> None:
        if self._compact and self.message_label.isVisible():
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            scroll_field_into_sight(self.scroll_area, self.message_label, self.code_input)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if (
            event.type() == QEvent.Type.Resize
            and self._compact
            and watched is self.scroll_area.viewport()
        ):
            QTimer.singleShot(0, self, self.keep_code_in_sight)
        return False

    # -- Qt events --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan_filter.install()

    def hideEvent(self, event: QHideEvent) -> None:
        # Only a tap focuses the field: the next visit must not open the keyboard by itself.
        self.code_input.clearFocus()
        self.scan_filter.uninstall()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Tiếp tục hồ sơ đang làm"))
        self.instructions_label.setText(
            self.tr(
                "Xin quét mã QR trên thẻ căn cước hoặc trên phiếu hồ sơ đang làm, hoặc nhập "
                "mã tiếp tục in trên phiếu."
            )
        )
        self.code_input.setPlaceholderText(self.tr("Mã tiếp tục, ví dụ ABCD-123"))
        self.find_button.setText(self.tr("Tìm hồ sơ"))
        self.list_heading.setText(self.tr("Chọn hồ sơ muốn làm tiếp:"))
        self.back_button.setText(self.tr("Quay lại"))
        if self._message_key is not None:
            self._show_message(self._message_key)
        self._label_drafts()
