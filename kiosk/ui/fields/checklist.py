"""The documents the citizen has brought, as big toggles beside each document's name.

Only the documents that apply to the current answers are listed (a power of
attorney only when someone else files). Toggles are named
``doc_<key>_<document id>``; every tap saves the list of ticked ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from kiosk.procedures import RequiredDocument
from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import FieldWidget, discard_widget
from kiosk.ui.widgets import big_button

TOGGLE_WIDTH = 260


class DocumentChecklistField(FieldWidget):
    def build_editor(self) -> None:
        self.documents: tuple[RequiredDocument, ...] = ()
        self.ticked: list[str] = []
        self.toggles: dict[str, QPushButton] = {}
        self.names: dict[str, QLabel] = {}
        self.rows = QWidget()
        self.rows.setObjectName(f"doc_{self.name_key}_rows")
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(12)
        self.grid.setColumnStretch(0, 1)
        self.body.addWidget(self.rows)

    def set_documents(self, documents: Sequence[RequiredDocument]) -> None:
        """List these documents (the applicable ones, in the definition's order)."""
        if tuple(documents) == self.documents:
            return
        self.documents = tuple(documents)
        for widget in (*self.toggles.values(), *self.names.values()):
            discard_widget(widget)
        self.toggles.clear()
        self.names.clear()
        for row, document in enumerate(self.documents):
            name = QLabel()
            name.setWordWrap(True)
            name.setObjectName(f"doc_{self.name_key}_{document.id}_name")
            toggle = big_button("", f"doc_{self.name_key}_{document.id}", role="choice")
            toggle.setCheckable(True)
            toggle.setFixedWidth(TOGGLE_WIDTH)
            toggle.clicked.connect(self._tapped)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(toggle, row, 1)
            name.show()
            toggle.show()
            self.names[document.id] = name
            self.toggles[document.id] = toggle
        self.show_value(list[JsonValue](self.ticked))

    def _tapped(self) -> None:
        self.give([doc_id for doc_id, toggle in self.toggles.items() if toggle.isChecked()])

    def show_value(self, value: JsonValue) -> None:
        items = value if isinstance(value, list) else []
        self.ticked = [item for item in items if isinstance(item, str)]
        for doc_id, toggle in self.toggles.items():
            toggle.setChecked(doc_id in self.ticked)
        self.retranslate_editor()

    def retranslate_editor(self) -> None:
        for document in self.documents:
            detail = self.tr("{form}, {quantity} bản").format(
                form=document.form.label.get(self.lang), quantity=document.quantity
            )
            text = f"{document.name.get(self.lang)}\n({detail})"
            if document.note is not None:
                text += f"\n{document.note.get(self.lang)}"
            self.names[document.id].setText(text)
            toggle = self.toggles[document.id]
            toggle.setText(self.tr("Đã mang") if toggle.isChecked() else self.tr("Chưa có"))
