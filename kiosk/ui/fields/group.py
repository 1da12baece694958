"""A repeat group (household members, documents to copy) as cards with Add and Remove.

Each member is a card holding the group's child questions, built by the same
factory as the page's own fields, with keys ``"<group>.<index>.<child>"``
(so the validation messages land on the right child). ``group_<key>_add``
adds an empty card; ``group_<key>_remove_<index>`` removes one. Any change
gives the whole list of non-empty members; a refused child answer is shown
next to that child.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.cases.presentation import is_blank
from kiosk.procedures import FieldType, is_field_visible
from kiosk.procedures.base import Answers, JsonValue
from kiosk.ui.fields.base import FieldWidget, discard_widget
from kiosk.ui.widgets import big_button, set_role

type Member = dict[str, Any]

_TITLE_TYPES = frozenset({FieldType.PERSON_NAME, FieldType.TEXT})


class _MemberCard(QFrame):
    def __init__(self, group: GroupField, index: int) -> None:
        super().__init__()
        self.setObjectName(f"group_{group.name_key}_card_{index}")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setWordWrap(True)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.remove_button = big_button(
            "", f"group_{group.name_key}_remove_{index}", role="secondary"
        )
        # As wide as its words in each language and size (a fixed cap cut "Remove this
        # item" at 1920x1080); the title takes the rest of the row.
        self.remove_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        header.addWidget(self.title, 1)
        header.addWidget(self.remove_button)
        layout.addLayout(header)
        self.children_widgets: list[FieldWidget] = []
        self.fields_layout = layout


class GroupField(FieldWidget):
    """Keeps the members locally (an empty new card is not stored until answered)."""

    def build_editor(self) -> None:
        self.members: list[Member] = []
        self.cards: list[_MemberCard] = []
        self.answers: Answers = {}
        self._last_child: str | None = None
        self._pending: list[Member] | None = None
        self.cards_box = QWidget()
        self.cards_box.setObjectName(f"group_{self.name_key}_cards")
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(16)
        self.empty_label = QLabel()
        set_role(self.empty_label, "muted")
        self.add_button = big_button("", f"group_{self.name_key}_add", role="secondary")
        self.add_button.clicked.connect(self.add_member)
        self.body.addWidget(self.empty_label)
        self.body.addWidget(self.cards_box)
        self.body.addWidget(self.add_button)

    # -- cards -------------------------------------------------------------------

    def _rebuild(self) -> None:
        for card in self.cards:
            discard_widget(card)
        self.cards = []
        # The factory's module imports this one; importing it here avoids the cycle.
        from kiosk.ui.fields import make_field_widget

        for index, member in enumerate(self.members):
            card = _MemberCard(self, index)
            card.remove_button.clicked.connect(lambda _checked=False, i=index: self.remove(i))
            for child in self.field.fields:
                widget = make_field_widget(
                    child, self.lang, f"{self.key}.{index}.{child.id}", self.context
                )
                widget.answer_given.connect(self._child_answer)
                widget.keyboard_needed.connect(self.keyboard_needed)
                widget.show_value(member.get(child.id))
                widget.setVisible(is_field_visible(child, self.answers, scope=member))
                card.fields_layout.addWidget(widget)
                card.children_widgets.append(widget)
            self.cards_layout.addWidget(card)
            card.show()
            self.cards.append(card)
        self.retranslate_editor()

    def add_member(self) -> None:
        self.members.append({})
        self._rebuild()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.members):
            del self.members[index]
            self._rebuild()
            self.give(self._stored())

    def _stored(self) -> list[Member] | None:
        kept = [member for member in self.members if member]
        return kept or None

    def _child_answer(self, child_key: str, raw: object) -> None:
        _group, index_text, child_id = child_key.rsplit(".", 2)
        index = int(index_text)
        member = dict(self.members[index])
        if raw is None or (isinstance(raw, str | list | dict) and is_blank(raw)):
            member.pop(child_id, None)
        else:
            member[child_id] = raw
        self._last_child = child_key
        kept = [m if i != index else member for i, m in enumerate(self.members)]
        self._pending = kept
        self.give([m for m in kept if m] or None)

    # -- wizard hooks ------------------------------------------------------------

    def accept_saved(self, value: JsonValue) -> None:
        local = self._pending if self._pending is not None else self.members
        stored = [m for m in value if isinstance(m, dict)] if isinstance(value, list) else []
        merged: list[Member] = []
        for member in local:
            merged.append(stored.pop(0) if member and stored else member)
        self.members = merged
        self._pending = None
        self.pending_error = False
        self.set_error(None)
        for index, card in enumerate(self.cards):
            for widget in card.children_widgets:
                if widget.key == self._last_child:
                    widget.accept_saved(self.members[index].get(widget.field.id))
        self._last_child = None
        self.retranslate_editor()

    def reject(self, message: str) -> None:
        self._pending = None
        target = self._child(self._last_child)
        if target is None:
            super().reject(message)
            return
        self.pending_error = True
        target.reject(message)

    def _child(self, key: str | None) -> FieldWidget | None:
        for card in self.cards:
            for widget in card.children_widgets:
                if widget.key == key:
                    return widget
        return None

    def flush(self) -> None:
        for card in self.cards:
            for widget in card.children_widgets:
                widget.flush()
        self.pending_error = any(
            widget.pending_error for card in self.cards for widget in card.children_widgets
        )

    def show_errors(self, errors: Mapping[str, str]) -> None:
        super().show_errors(errors)
        # Validation counts stored members only; empty cards are not stored.
        stored_index = 0
        for member, card in zip(self.members, self.cards, strict=True):
            for widget in card.children_widgets:
                key = f"{self.key}.{stored_index}.{widget.field.id}"
                widget.set_error(errors.get(key) if member else None)
            stored_index += 1 if member else 0

    def has_error(self) -> bool:
        children = (widget for card in self.cards for widget in card.children_widgets)
        return super().has_error() or any(widget.has_error() for widget in children)

    def set_answers(self, answers: Answers) -> None:
        """Re-apply the children's visibility rules for the case's current answers."""
        self.answers = answers
        for member, card in zip(self.members, self.cards, strict=True):
            for widget in card.children_widgets:
                widget.setVisible(is_field_visible(widget.field, answers, scope=member))

    def show_value(self, value: JsonValue) -> None:
        stored = [dict(m) for m in value if isinstance(m, dict)] if isinstance(value, list) else []
        if stored != [m for m in self.members if m] or (not self.cards and stored):
            self.members = stored
            self._rebuild()

    def reset_view(self, value: JsonValue) -> None:
        self._pending = None
        self._last_child = None
        self.pending_error = False
        self.set_error(None)
        # Fresh rows: no message, refused input or open grid is left in a child.
        self.members = (
            [dict(m) for m in value if isinstance(m, dict)] if isinstance(value, list) else []
        )
        self._rebuild()

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for card in self.cards:
            for widget in card.children_widgets:
                widget.set_language(lang)

    def _member_name(self, member: Member) -> str | None:
        """The member's first typed answer (a name, a document's title), for the card title."""
        for child in self.field.fields:
            value = member.get(child.id)
            if child.type in _TITLE_TYPES and isinstance(value, str):
                return value
        return None

    def retranslate_editor(self) -> None:
        for index, card in enumerate(self.cards):
            title = self.tr("Mục {number}").format(number=index + 1)
            name = self._member_name(self.members[index])
            card.title.setText(f"{title}: {name}" if name else title)
            card.remove_button.setText(self.tr("Bỏ mục này"))
        add_label = self.field.add_label
        self.add_button.setText(
            add_label.get(self.lang) if add_label else self.tr("Thêm một người/mục")
        )
        limit = self.field.max
        self.add_button.setEnabled(limit is None or len(self.members) < limit)
        empty_text = self.field.empty_text
        self.empty_label.setText(
            empty_text.get(self.lang) if empty_text else self.tr("Chưa có ai. Chạm “Thêm” nếu có.")
        )
        self.empty_label.setVisible(not self.members)
