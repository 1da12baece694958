"""The review page: every visible answer, grouped by step, each with its Edit button.

Values are written as people read them (choice labels, dd/mm/yyyy, Có/Không,
ward and province names) by :mod:`kiosk.cases.presentation`, the same words
the printed declaration uses. ``review_edit_<field id>`` emits
``edit_requested(step_id, field_id)``; the shell opens the wizard with
``goto_step(step_id)`` and comes back here after that page.
``review_confirm_button`` emits ``confirmed(case_id)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases import CaseService
from kiosk.cases.presentation import ReviewSection, review_sections
from kiosk.procedures import Catalogue
from kiosk.ui.fields.base import discard_widget
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
NAV_BUTTON_WIDTH = 320


class ReviewScreen(Retranslated, QWidget):
    edit_requested = Signal(str, str)
    confirmed = Signal(str)
    back_requested = Signal()

    def __init__(
        self,
        case_service: CaseService,
        catalogue: Catalogue,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review_screen")
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
        self.content_layout.addStretch(1)

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
