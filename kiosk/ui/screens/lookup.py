"""Look up a dossier: scan the receipt's QR code or type its reference.

The receipt's tracking QR (a tracking URL, or the older
``CDKV:<local reference>[/<dossier code>]``, see :mod:`kiosk.documents.tracking`)
arrives through the keyboard-wedge filter in raw-payload mode; a typed local
reference or portal dossier code works too.
The answer is the status as of the last sync, in plain words
(:mod:`kiosk.cases.status_text`), with the appointment date when known.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases import CaseService, CaseView
from kiosk.cases.references import shape_typed_reference, typed_reference_needs_letters
from kiosk.cases.status_text import describe_status
from kiosk.documents.errors import DocumentDataError
from kiosk.documents.tracking import is_tracking_text, parse_tracking_payload
from kiosk.identity import to_nfc
from kiosk.procedures import Catalogue
from kiosk.ui.keyboard import KEYBOARD_KIND_PROPERTY, KeyboardKind, set_keyboard_kind
from kiosk.ui.scan_input import ScanInputFilter
from kiosk.ui.screens.code_entry import build_code_entry
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, name_widget, set_role, touch_scroll_area

_MAX_REFERENCE_CHARS = 200  # a whole tracking URL, when a scan lands in the field


class LookupScreen(Retranslated, QWidget):
    """Signals: ``back_requested()``, ``keyboard_needed(editor, kind)``. Shows the result
    in place."""

    back_requested = Signal()
    # The reference is digits then one check character: the number pad first, the
    # letters for the last character (kiosk.cases.references decides).
    keyboard_needed = Signal(object, str)

    def __init__(
        self,
        case_service: CaseService,
        catalogue: Catalogue,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lookup_screen")
        self.case_service = case_service
        self.catalogue = catalogue
        self.language = language
        self._case: CaseView | None = None
        self._message: str | None = None
        self._not_found = False
        self.scan_filter = ScanInputFilter(self, parser=None)
        self.scan_filter.payload_scanned.connect(self.look_up_scanned)
        self.scan_filter.scan_failed.connect(self._show_error)

        entry = build_code_entry("lookup", _MAX_REFERENCE_CHARS, self.look_up_typed)
        self.title_label = entry.title_label
        self.instructions_label = entry.instructions_label
        self.code_input = entry.code_input
        self.find_button = entry.find_button
        self.message_label = entry.message_label
        code_row = entry.code_row
        set_keyboard_kind(self.code_input, KeyboardKind.DIGITS)
        self.code_input.textEdited.connect(self._typed)
        # The portal's dossier code (000.00.21.H42-261206-0001, in its SMS and on its
        # site) has dots and letters the number pad lacks: this opens the full keyboard
        # and keeps it until the screen is left.
        self._letters_chosen = False
        self.letters_button = big_button("", "lookup_letters_button", role="secondary")
        self.letters_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.letters_button.clicked.connect(self._choose_letters)

        self.result_panel = QFrame()
        self.result_panel.setObjectName("lookup_result_panel")
        self.procedure_label = self._result_label("lookup_procedure_label", "heading")
        self.reference_label = self._result_label("lookup_reference_label", "muted")
        self.status_label = self._result_label("lookup_status_label", "heading")
        self.appointment_label = self._result_label("lookup_appointment_label")
        self.note_label = self._result_label("lookup_note_label")
        self.freshness_label = self._result_label("lookup_freshness_label", "muted")
        result_layout = QVBoxLayout(self.result_panel)
        result_layout.setContentsMargins(0, 8, 0, 8)
        result_layout.setSpacing(10)
        for label in (
            self.procedure_label,
            self.reference_label,
            self.status_label,
            self.appointment_label,
            self.note_label,
            self.freshness_label,
        ):
            result_layout.addWidget(label)
        self.result_panel.hide()

        self.back_button = big_button("", "lookup_back_button", role="secondary")
        self.back_button.setMaximumWidth(360)
        self.back_button.clicked.connect(self._go_back)

        # Everything but Back scrolls, so the screen fits above the on-screen keyboard.
        content = QWidget()
        content.setObjectName("lookup_content")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 12, 0)
        content_layout.setSpacing(14)
        content_layout.addWidget(self.title_label)
        content_layout.addWidget(self.instructions_label)
        content_layout.addLayout(code_row)
        content_layout.addWidget(self.letters_button, 0, Qt.AlignmentFlag.AlignLeft)
        content_layout.addWidget(self.message_label)
        content_layout.addWidget(self.result_panel)
        content_layout.addStretch(1)
        scroll = touch_scroll_area(content, "lookup_scroll")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(14)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.back_button)
        self.retranslate()

    @staticmethod
    def _result_label(name: str, role: str | None = None) -> QLabel:
        label = QLabel()
        name_widget(label, name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            set_role(label, role)
        return label

    # -- look-ups ---------------------------------------------------------------------

    @property
    def shown_case(self) -> CaseView | None:
        return self._case

    def look_up_scanned(self, payload: str) -> None:
        try:
            reference = parse_tracking_payload(payload)
        except DocumentDataError as error:
            self._show_error(error.message_vi)
            return
        wanted = reference.local_reference or reference.dossier_code or ""
        self._show_case(self.case_service.find_by_reference(wanted))

    def look_up_typed(self) -> None:
        text = to_nfc(self.code_input.text()).strip()
        if not text:
            return
        if is_tracking_text(text):
            self.look_up_scanned(text)
            return
        self._show_case(self.case_service.find_by_reference(text))

    def _typed(self, text: str) -> None:
        """Dashes where the receipt prints them; the keyboard the next character needs."""
        shaped = shape_typed_reference(text)
        if shaped != text:
            self.code_input.setText(shaped)
        letters = self._letters_chosen or typed_reference_needs_letters(shaped)
        self._ask_keyboard(KeyboardKind.LETTERS if letters else KeyboardKind.DIGITS)

    def _ask_keyboard(self, kind: KeyboardKind) -> None:
        if self.code_input.property(KEYBOARD_KIND_PROPERTY) != kind.value:
            set_keyboard_kind(self.code_input, kind)
            self.keyboard_needed.emit(self.code_input, kind.value)

    def _choose_letters(self) -> None:
        self._letters_chosen = True
        self.code_input.setFocus(Qt.FocusReason.OtherFocusReason)
        self._ask_keyboard(KeyboardKind.LETTERS)

    def _show_case(self, case: CaseView | None) -> None:
        self._case = case
        self._message = None
        self._not_found = case is None
        self._render()

    def _show_error(self, message: str) -> None:
        self._case = None
        self._not_found = False
        self._message = message
        self._render()

    def _render(self) -> None:
        case = self._case
        if self._not_found:
            self.message_label.setText(
                self.tr(
                    "Không tìm thấy hồ sơ này trên máy. Xin kiểm tra lại số tham chiếu trên "
                    "giấy hẹn, hoặc hỏi cán bộ tại Bộ phận Một cửa."
                )
            )
        else:
            self.message_label.setText(self._message or "")
        self.message_label.setVisible(self._not_found or bool(self._message))
        self.result_panel.setVisible(case is not None)
        if case is None:
            for label in self.result_panel.findChildren(QLabel):
                label.clear()
            return
        lang = self.language
        try:
            definition = self.catalogue.version(case.procedure_id, case.procedure_version)
            self.procedure_label.setText(definition.title.get(lang))
        except KeyError:
            self.procedure_label.setText(case.procedure_id)
        codes = [self.tr("Số tham chiếu: {reference}").format(reference=case.local_reference or "")]
        if case.dossier_code:
            codes.append(self.tr("Mã hồ sơ: {code}").format(code=case.dossier_code))
        self.reference_label.setText("\n".join(codes))
        status = describe_status(
            case.status, case.portal_status, case.appointment_date, case.portal_message, lang
        )
        self.status_label.setText(status.sentence)
        self.appointment_label.setText(status.appointment or "")
        self.appointment_label.setVisible(status.appointment is not None)
        self.note_label.setText(status.portal_message or "")
        self.note_label.setVisible(status.portal_message is not None)
        self.freshness_label.setText(
            self.tr("Thông tin theo lần cập nhật gần nhất với Cổng dịch vụ công.")
        )

    def _go_back(self) -> None:
        self.reset()
        self.back_requested.emit()

    def reset(self) -> None:
        self.code_input.clear()
        self._letters_chosen = False
        set_keyboard_kind(self.code_input, KeyboardKind.DIGITS)
        self._case = None
        self._message = None
        self._not_found = False
        self._render()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    # -- Qt events --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan_filter.install()

    def hideEvent(self, event: QHideEvent) -> None:
        self.scan_filter.uninstall()
        super().hideEvent(event)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Tra cứu hồ sơ"))
        self.instructions_label.setText(
            self.tr("Xin quét mã QR in trên giấy hẹn, hoặc nhập số tham chiếu in trên giấy hẹn.")
        )
        self.code_input.setPlaceholderText(self.tr("Số tham chiếu, ví dụ 20551-260520-01-0001-K"))
        self.find_button.setText(self.tr("Tra cứu"))
        self.letters_button.setText(self.tr("Mã hồ sơ có chữ (của Cổng dịch vụ công)"))
        self.back_button.setText(self.tr("Quay lại"))
        self._render()
