"""Typed answers: free text, person names, ID numbers, phone numbers, email addresses.

The editor is a QLineEdit named ``field_<key>``. Tapping it asks for the
on-screen keyboard (letters, or the number pad for ID and phone numbers)
through ``keyboard_needed``; the answer is given on ``editingFinished`` (the
keyboard's "Xong", leaving the field, or :meth:`TextField.flush` before Next)
and only when it differs from what is stored.

Common answers need no typing: the definition's suggestions are chips
``suggest_<key>_<n>`` under the editor (a tap answers with the chip's text),
and a field with ``place_picker`` adds the kiosk's own ward in one tap and
a province/ward list (:mod:`kiosk.ui.fields.place`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.cases.presentation import format_phone
from kiosk.procedures import FieldType, SuggestedAnswer
from kiosk.procedures.answers import DEFAULT_NAME_MAX_LENGTH, DEFAULT_TEXT_MAX_LENGTH
from kiosk.procedures.base import JsonValue
from kiosk.ui.fields.base import DIGITS, LETTERS, FieldWidget
from kiosk.ui.fields.chips import SuggestionChips
from kiosk.ui.fields.place import PlacePicker
from kiosk.ui.widgets import MIN_TOUCH_PX, name_widget

_LIMITS = {
    FieldType.ID_NUMBER: 16,
    FieldType.PHONE: 20,
    FieldType.EMAIL: 254,
    FieldType.PERSON_NAME: DEFAULT_NAME_MAX_LENGTH,
}
_DIGIT_TYPES = frozenset({FieldType.ID_NUMBER, FieldType.PHONE})


def keyboard_kind(field_type: FieldType) -> str:
    """Which keyboard a typed field needs."""
    return DIGITS if field_type in _DIGIT_TYPES else LETTERS


class TextField(FieldWidget):
    """One line of text; what is shown after saving is the stored (normalised) value."""

    def build_editor(self) -> None:
        self.editor = name_widget(QLineEdit(), f"field_{self.name_key}")
        self.editor.setMinimumHeight(MIN_TOUCH_PX)
        limit = self.field.max_length or _LIMITS.get(self.field.type, DEFAULT_TEXT_MAX_LENGTH)
        self.editor.setMaxLength(limit)
        kind = keyboard_kind(self.field.type)
        if kind == DIGITS:
            self.editor.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        elif self.field.type is FieldType.EMAIL:
            self.editor.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self._committed = ""
        self.editor.editingFinished.connect(self.flush)
        self.watch_editor(self.editor, kind)
        self.body.addWidget(self.editor)
        self.chips: SuggestionChips | None = None
        if self.field.suggestions:
            self.chips = SuggestionChips(f"suggest_{self.name_key}", self.lang)
            self.chips.chosen.connect(self.give)
            self.body.addWidget(self.chips)
        self.place_picker: PlacePicker | None = None
        if self.field.place_picker:
            self.place_picker = PlacePicker(
                self.name_key,
                self.context,
                lambda editor: self.watch_editor(editor, LETTERS),
                self.reveal,
            )
            self.place_picker.picked.connect(self.give)
            self.body.addWidget(self.place_picker)

    def set_suggestions(self, items: Sequence[SuggestedAnswer]) -> None:
        if self.chips is not None:
            self.chips.set_items(items)

    def flush(self) -> None:
        text = self.editor.text()
        if text != self._committed or self.pending_error:
            self.give(text)

    def reset_view(self, value: JsonValue) -> None:
        if self.place_picker is not None:
            self.place_picker.close_lists()
        super().reset_view(value)

    def show_value(self, value: JsonValue) -> None:
        if value is None:
            text = ""
        elif self.field.type is FieldType.PHONE:
            text = format_phone(value)
        else:
            text = str(value)
        self._committed = text
        if self.editor.text() != text:
            self.editor.setText(text)
        if self.chips is not None:
            self.chips.set_current(value)

    def retranslate_editor(self) -> None:
        if self.chips is not None:
            self.chips.set_language(self.lang)
        if self.place_picker is not None:
            self.place_picker.retranslate()
