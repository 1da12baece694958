"""One widget per field type for the wizard's pages; :func:`make_field_widget` picks it.

Object names (stable, English, also the accessible names):

- ``field_<key>``: the editor of a typed, number or computed field;
- ``choice_<key>_<value>``: a choice button; ``yes_<key>`` / ``no_<key>``;
- ``date_<key>_day|month|year`` (and ``..._<n>`` in the open grid),
  ``time_<key>_hour|minute``;
- ``address_<key>_province|ward`` (lists; a click on a row picks it),
  ``..._province_filter|ward_filter``, ``address_<key>_street``,
  ``address_<key>_home_ward`` (the kiosk's own ward in one tap);
- ``suggest_<key>_<n>``: a one-tap answer (chip) from the definition;
- ``field_<key>_home_ward``, ``field_<key>_pick_place`` and the lists
  ``place_<key>_province|ward`` of a text field with ``place_picker``;
- ``group_<key>_add``, ``group_<key>_remove_<index>``;
- ``error_<key>``: the message next to a field (the documents are slots on their own
  screen, kiosk/ui/screens/documents.py).

``<key>`` is the field id, or ``<group>_<index>_<child>`` inside a repeat group.
"""

from __future__ import annotations

from kiosk.procedures import Field, FieldType
from kiosk.ui.fields.address import AddressField
from kiosk.ui.fields.base import DIGITS, LETTERS, FieldContext, FieldWidget, object_key
from kiosk.ui.fields.choice import ChoiceField
from kiosk.ui.fields.computed import ComputedField
from kiosk.ui.fields.date import DateField, TimeField
from kiosk.ui.fields.group import GroupField
from kiosk.ui.fields.number import NumberField
from kiosk.ui.fields.text import TextField
from kiosk.ui.fields.yes_no import YesNoField

_WIDGETS: dict[FieldType, type[FieldWidget]] = {
    FieldType.TEXT: TextField,
    FieldType.PERSON_NAME: TextField,
    FieldType.ID_NUMBER: TextField,
    FieldType.PHONE: TextField,
    FieldType.EMAIL: TextField,
    FieldType.NUMBER: NumberField,
    FieldType.DATE: DateField,
    FieldType.TIME: TimeField,
    FieldType.SINGLE_CHOICE: ChoiceField,
    FieldType.MULTIPLE_CHOICE: ChoiceField,
    FieldType.YES_NO: YesNoField,
    FieldType.ADDRESS: AddressField,
    FieldType.REPEAT_GROUP: GroupField,
    FieldType.COMPUTED: ComputedField,
}


def make_field_widget(
    field: Field, lang: str, key: str | None = None, context: FieldContext | None = None
) -> FieldWidget:
    """The widget for ``field`` (``key`` defaults to the field id)."""
    return _WIDGETS[field.type](field, lang, key, context=context)


__all__ = [
    "DIGITS",
    "LETTERS",
    "AddressField",
    "ChoiceField",
    "ComputedField",
    "DateField",
    "FieldContext",
    "FieldWidget",
    "GroupField",
    "NumberField",
    "TextField",
    "TimeField",
    "YesNoField",
    "make_field_widget",
    "object_key",
]
