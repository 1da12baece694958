"""Before a second draft of the same procedure: continue the one already started, or not.

The controller shows this screen when the card holder starting a procedure already
has a draft of it (:func:`kiosk.cases.draft_overview.same_procedure_drafts`). Each
existing draft is a big button described like a row of the resume list
(``duplicate_draft_<n>``, newest first): ``continue_requested(case_id)``.
``duplicate_new_button`` starts a new draft anyway: ``new_requested(procedure_id)``;
``duplicate_back_button`` goes back to the catalogue: ``back_requested``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.cases.draft_overview import DraftOverview
from kiosk.procedures.base import LocalText
from kiosk.ui.draft_rows import draft_row_text
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import BIG_BUTTON_PX, big_button, name_widget, set_role, touch_scroll_area


class DuplicateDraftScreen(Retranslated, QWidget):
    """Signals: ``continue_requested(str)``, ``new_requested(str)``, ``back_requested()``."""

    continue_requested = Signal(str)
    new_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, language: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicate_draft_screen")
        self.language = language
        self.procedure_id: str | None = None
        self._procedure_title: LocalText | None = None
        self._drafts: list[DraftOverview] = []
        self.draft_buttons: list[QPushButton] = []

        self.title_label = name_widget(QLabel(), "duplicate_title_label")
        set_role(self.title_label, "title")
        self.title_label.setWordWrap(True)
        self.explanation_label = name_widget(QLabel(), "duplicate_explanation_label")
        self.explanation_label.setWordWrap(True)
        self.continue_heading = name_widget(QLabel(), "duplicate_continue_heading")
        set_role(self.continue_heading, "heading")
        self.draft_holder = QWidget()
        self.draft_holder.setObjectName("duplicate_drafts")
        self.draft_layout = QVBoxLayout(self.draft_holder)
        self.draft_layout.setContentsMargins(0, 0, 0, 0)
        self.draft_layout.setSpacing(14)

        content = QWidget()
        content.setObjectName("duplicate_content")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 12, 0)
        content_layout.setSpacing(14)
        content_layout.addWidget(self.title_label)
        content_layout.addWidget(self.explanation_label)
        content_layout.addWidget(self.continue_heading)
        content_layout.addWidget(self.draft_holder)
        content_layout.addStretch(1)

        self.new_button = big_button("", "duplicate_new_button", role="secondary")
        self.new_button.clicked.connect(self._start_new)
        self.back_button = big_button("", "duplicate_back_button", role="secondary")
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.back_button, 1)
        buttons.addWidget(self.new_button, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(14)
        layout.addWidget(touch_scroll_area(content, "duplicate_scroll"), 1)
        layout.addLayout(buttons)
        self.retranslate()

    def show_drafts(
        self, procedure_id: str, procedure_title: LocalText, drafts: list[DraftOverview]
    ) -> None:
        """The card holder's drafts of ``procedure_id``, newest first."""
        self.procedure_id = procedure_id
        self._procedure_title = procedure_title
        self._set_drafts(drafts)
        self.retranslate()

    def reset(self) -> None:
        self.procedure_id = None
        self._procedure_title = None
        self._set_drafts([])
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def _set_drafts(self, drafts: list[DraftOverview]) -> None:
        for button in self.draft_buttons:
            self.draft_layout.removeWidget(button)
            button.setParent(None)  # out of the tree now: nothing of it may linger
            button.deleteLater()
        self.draft_buttons = []
        self._drafts = list(drafts)
        for index, draft in enumerate(self._drafts):
            button = name_widget(QPushButton(), f"duplicate_draft_{index}")
            button.setMinimumHeight(BIG_BUTTON_PX + 20)
            button.clicked.connect(
                lambda _checked=False, case_id=draft.case_id: self.continue_requested.emit(case_id)
            )
            self.draft_layout.addWidget(button)
            button.show()  # at once, not at the layout's next turn: a tap may come first
            self.draft_buttons.append(button)

    def _start_new(self) -> None:
        if self.procedure_id is not None:
            self.new_requested.emit(self.procedure_id)

    def retranslate(self) -> None:
        title = self._procedure_title.get(self.language) if self._procedure_title else ""
        self.title_label.setText(
            self.tr("Quý vị đã có hồ sơ «{procedure}» đang làm dở").format(procedure=title)
        )
        self.explanation_label.setText(
            self.tr(
                "Làm tiếp hồ sơ đã có thì không phải khai lại những gì đã khai. "
                "Chỉ tạo hồ sơ mới nếu đây là một yêu cầu khác (ví dụ cho một người con khác)."
            )
        )
        self.continue_heading.setText(self.tr("Làm tiếp hồ sơ đã có:"))
        self.new_button.setText(self.tr("Vẫn tạo hồ sơ mới"))
        self.back_button.setText(self.tr("Quay lại"))
        for button, draft in zip(self.draft_buttons, self._drafts, strict=True):
            button.setText(draft_row_text(draft, self.language))
