"""The review page: every visible answer, grouped by step, each with its Edit button.

Values are written as people read them (choice labels, dd/mm/yyyy, Có/Không,
ward and province names) by :mod:`kiosk.cases.presentation`, the same words
the printed declaration uses. ``review_edit_<field id>`` emits
``edit_requested(step_id, field_id)``; the shell opens the wizard with
``goto_step(step_id)`` and comes back here after that page.
``review_confirm_button`` emits ``confirmed(case_id)``. The "Giấy tờ kèm theo"
section lists each document slot (scanned with its page thumbnails, or to be
brought to the counter); ``review_edit_documents`` emits
``documents_edit_requested()`` to open the capture screen again.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.attachments.errors import AttachmentError
from kiosk.attachments.slots import SlotState, resolve_slots, slot_statuses
from kiosk.attachments.storage import PageStore
from kiosk.cases import CaseService
from kiosk.cases.presentation import ReviewSection, review_sections
from kiosk.procedures import Answers, Catalogue, ProcedureDefinition
from kiosk.ui.fields.base import discard_widget
from kiosk.ui.screens.documents import alternative_filled
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    MIN_TOUCH_PX,
    big_button,
    name_widget,
    section_heading,
    set_role,
    touch_scroll_area,
)

EDIT_BUTTON_WIDTH = 170
THUMB_PX = 90
NAV_BUTTON_WIDTH = 320


class ReviewScreen(Retranslated, QWidget):
    edit_requested = Signal(str, str)
    documents_edit_requested = Signal()
    confirmed = Signal(str)
    back_requested = Signal()

    def __init__(
        self,
        case_service: CaseService,
        catalogue: Catalogue,
        lang: str = "vi",
        parent: QWidget | None = None,
        *,
        pages: PageStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review_screen")
        self.pages = pages
        self.page_viewer: QPushButton | None = None
        self.case_service = case_service
        self.catalogue = catalogue
        self.lang = lang
        self.case_id: str | None = None
        self.sections: list[ReviewSection] = []
        self.edit_buttons: dict[str, QPushButton] = {}
        self.value_labels: dict[str, QLabel] = {}

        self.title_label = QLabel()
        self.title_label.setObjectName("review_title")
        set_role(self.title_label, "heading")
        self.intro_label = QLabel()
        self.intro_label.setObjectName("review_intro")
        self.intro_label.setWordWrap(True)
        set_role(self.intro_label, "muted")
        self.content = QWidget()
        self.content.setObjectName("review_content")
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 16, 24)
        self.content_layout.setSpacing(12)
        self.scroll_area = touch_scroll_area(self.content, "review_scroll")

        self.back_button = big_button("", "review_back_button", role="secondary")
        self.confirm_button = big_button("", "review_confirm_button", role="primary")
        self.back_button.setFixedWidth(NAV_BUTTON_WIDTH)
        self.confirm_button.setMinimumWidth(NAV_BUTTON_WIDTH)
        self.confirm_button.setSizePolicy(self.back_button.sizePolicy())
        self.back_button.clicked.connect(self.back_requested)
        self.confirm_button.clicked.connect(self._confirm)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.confirm_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(nav)
        self.retranslate()

    def load_case(self, case_id: str) -> None:
        """Show the case's answers as they are stored now."""
        self.case_id = case_id
        self._rebuild()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _rebuild(self) -> None:
        self._clear()
        if self.case_id is None:
            return
        case = self.case_service.get(self.case_id)
        definition = self.catalogue.version(case.procedure_id, case.procedure_version)
        self.sections = review_sections(definition, case.answers, self.lang)
        for section in self.sections:
            box = self._section_widget(section)
            self.content_layout.addWidget(box)
            box.show()
        documents = self._documents_widget(definition, case.answers)
        if documents is not None:
            self.content_layout.addWidget(documents)
            documents.show()
        self.content_layout.addStretch(1)

    def _documents_widget(
        self, definition: ProcedureDefinition, answers: Answers
    ) -> QWidget | None:
        """Each capturable slot: scanned (thumbnails) or to be brought, and one edit link."""
        if self.pages is None or self.case_id is None:
            return None
        slots = [slot for slot in resolve_slots(definition, answers) if slot.capturable]
        if not slots:
            return None
        scanned = {
            d.slot_key: d.page_count
            for d in self.pages.documents(self.case_id)
            if d.sha256 is not None
        }
        statuses = slot_statuses(slots, scanned, self.pages.bring_later(self.case_id))
        box = QFrame()
        box.setObjectName("review_section_documents")
        box.setFrameShape(QFrame.Shape.Box)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 10, 16, 10)
        header = QHBoxLayout()
        heading = QLabel(self.tr("Giấy tờ kèm theo"))
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        header.addWidget(heading, 1)
        edit = name_widget(QPushButton(self.tr("Sửa")), "review_edit_documents")
        edit.setMinimumHeight(MIN_TOUCH_PX)
        edit.setFixedWidth(EDIT_BUTTON_WIDTH)
        edit.clicked.connect(self.documents_edit_requested)
        header.addWidget(edit)
        layout.addLayout(header)
        for status in statuses:
            row = QHBoxLayout()
            name = QLabel(status.slot.name.get(self.lang))
            name.setWordWrap(True)
            set_role(name, "muted")
            row.addWidget(name, 2)
            if status.state is SlotState.SCANNED:
                text = self.tr("Đã chụp %n trang", "", status.pages)
            elif status.state is SlotState.BRING_LATER:
                text = self.tr("Sẽ mang bản giấy tới quầy")
            elif alternative_filled(status, statuses):
                text = self.tr("Không cần: đã có giấy thay thế")
            else:
                text = self.tr("Chưa có")
            value = QLabel(text)
            value.setObjectName("review_document_" + status.slot.key.replace(".", "_"))
            row.addWidget(value, 1)
            if status.state is SlotState.SCANNED:
                for page in self.pages.pages(self.case_id, status.slot.key)[:4]:
                    pixmap = QPixmap()
                    try:
                        pixmap.loadFromData(self.pages.read_page(page))
                    except AttachmentError:
                        continue
                    number = page.position + 1
                    key = status.slot.key.replace(".", "_")
                    thumb = name_widget(QPushButton(), f"review_page_{key}_{number}")
                    thumb.setFixedSize(THUMB_PX, THUMB_PX)
                    thumb.setIcon(QIcon(pixmap))
                    thumb.setIconSize(QSize(THUMB_PX - 8, THUMB_PX - 8))
                    thumb.setToolTip(self.tr("Chạm để xem lớn"))
                    thumb.clicked.connect(lambda _c=False, p=pixmap: self._enlarge(p))
                    row.addWidget(thumb)
            layout.addLayout(row)
        return box

    def _enlarge(self, pixmap: QPixmap) -> None:
        """The page at the size of the screen, over the review; tap to close."""
        viewer = name_widget(QPushButton(self), "review_page_viewer")
        viewer.setGeometry(self.rect())
        size = self.rect().size() - QSize(40, 40)
        viewer.setIcon(QIcon(pixmap))
        viewer.setIconSize(pixmap.size().scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
        viewer.setToolTip(self.tr("Chạm để đóng"))
        viewer.clicked.connect(lambda: discard_widget(viewer))
        viewer.show()
        viewer.raise_()
        self.page_viewer = viewer

    def _section_widget(self, section: ReviewSection) -> QWidget:
        box = QFrame()
        box.setObjectName(f"review_section_{section.step_id}")
        box.setFrameShape(QFrame.Shape.Box)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(section_heading(f"review_section_title_{section.step_id}", section.title))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        for row, item in enumerate(section.items):
            label = QLabel(item.label)
            label.setWordWrap(True)
            set_role(label, "muted")
            value = QLabel(item.value if item.answered else self.tr("(chưa trả lời)"))
            value.setObjectName(f"review_value_{item.field_id}")
            value.setWordWrap(True)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignVCenter)
            self.value_labels[item.field_id] = value
            if item.editable:
                edit = name_widget(QPushButton(self.tr("Sửa")), f"review_edit_{item.field_id}")
                edit.setMinimumHeight(MIN_TOUCH_PX)
                edit.setFixedWidth(EDIT_BUTTON_WIDTH)
                edit.clicked.connect(
                    lambda _checked=False, s=section.step_id, f=item.field_id: (
                        self.edit_requested.emit(s, f)
                    )
                )
                grid.addWidget(edit, row, 2, Qt.AlignmentFlag.AlignVCenter)
                self.edit_buttons[item.field_id] = edit
        layout.addLayout(grid)
        return box

    def _clear(self) -> None:
        while self.content_layout.count():
            item = self.content_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                discard_widget(widget)
        self.sections = []
        self.edit_buttons = {}
        self.value_labels = {}

    def _confirm(self) -> None:
        if self.case_id is not None:
            self.confirmed.emit(self.case_id)

    def reset(self) -> None:
        """Forget the citizen's answers (nothing of them stays in any label)."""
        self._clear()
        self.case_id = None

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Xem lại hồ sơ trước khi nộp"))
        self.intro_label.setText(
            self.tr("Xin kiểm tra từng mục. Chạm “Sửa” bên cạnh mục cần thay đổi.")
        )
        self.back_button.setText(self.tr("Quay lại"))
        self.confirm_button.setText(self.tr("Thông tin đã đúng"))
        position = self.scroll_area.verticalScrollBar().value()
        self._rebuild()
        self.scroll_area.verticalScrollBar().setValue(position)
