"""What every field widget of the wizard shares: its label, help, badge and error line.

A field widget never saves anything itself. When the citizen gives an answer
it emits ``answer_given(key, raw)``; the wizard passes ``raw`` to the case
service and calls back :meth:`FieldWidget.accept_saved` with the stored
(normalised) value, or :meth:`FieldWidget.reject` with the plain Vietnamese
message of the :class:`~kiosk.procedures.AnswerError`. The stored answer then
stays what it was; the widget keeps the citizen's input on screen so it can
be corrected, and :attr:`FieldWidget.pending_error` tells the wizard not to
move on.

``key`` is the field id for a top-level field and ``"<group>.<index>.<child>"``
for a child of a repeat group (the same keys as the validation errors);
object names use it with dots turned into underscores.

A :class:`FieldContext` tells widgets about the kiosk (never the citizen):
its own ward, offered as a one-tap first choice by address and place pickers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.procedures import Field, SuggestedAnswer, place_name
from kiosk.procedures.base import JsonValue
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import set_role

LETTERS = "letters"
DIGITS = "digits"
"""Keyboard kinds carried by ``keyboard_needed`` (the values of keyboard.KeyboardKind)."""


_DISCARDED: set[QWidget] = set()


@dataclass(frozen=True)
class FieldContext:
    """What the kiosk tells every field widget: ``home_ward_code`` is its own ward, if known."""

    home_ward_code: int | None = None

    @property
    def home_place(self) -> str | None:
        """The kiosk's ward as a place name ("Phường Điện Bàn, Thành phố Đà Nẵng"), or None."""
        return place_name(self.home_ward_code) if self.home_ward_code is not None else None

    @classmethod
    def for_ward(cls, ward_code: str) -> FieldContext:
        """The context for ``config.ward.code`` (no home ward when the code is unknown)."""
        code = int(ward_code) if ward_code.isdigit() else None
        return cls(code if code is not None and place_name(code) is not None else None)


def discard_widget(widget: QWidget) -> None:
    """Take ``widget`` out of the tree now and delete it once control returns to Qt.

    Out of the tree at once, so ``findChild`` never finds a page that is going
    away; deleted later, because the tap being handled may come from inside it.
    The reference kept until then stops Python from deleting it any earlier.
    """
    widget.hide()
    _DISCARDED.add(widget)
    widget.destroyed.connect(lambda _obj=None, w=widget: _DISCARDED.discard(w))
    widget.setParent(None)
    widget.deleteLater()


def object_key(key: str) -> str:
    """``"household_members.0.member_name"`` -> ``"household_members_0_member_name"``."""
    return key.replace(".", "_")


class _TapWatcher(QObject):
    """Reports a tap or focus on an editor, so the keyboard can come up for it."""

    def __init__(self, owner: FieldWidget, editor: QLineEdit, kind: str) -> None:
        super().__init__(editor)
        self._owner = owner
        self._editor = editor
        self._kind = kind

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self._owner.keyboard_needed.emit(self._editor, self._kind)
        return False


class FieldWidget(Retranslated, QFrame):
    """One question on a wizard page (subclasses add the editor for their type)."""

    answer_given = Signal(str, object)
    keyboard_needed = Signal(QWidget, str)

    def __init__(
        self,
        field: Field,
        lang: str,
        key: str | None = None,
        parent: QWidget | None = None,
        *,
        context: FieldContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.key = key or field.id
        self.lang = lang
        self.context = context or FieldContext()
        self.pending_error = False
        self._prefilled = False
        self._copied = False
        self.setObjectName(f"question_{self.name_key}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        self.title_label = QLabel()
        self.title_label.setObjectName(f"label_{self.name_key}")
        self.title_label.setWordWrap(True)
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.badge_label = QLabel()
        self.badge_label.setObjectName(f"badge_{self.name_key}")
        set_role(self.badge_label, "muted")
        self.badge_label.hide()
        self.help_label = QLabel()
        self.help_label.setObjectName(f"help_{self.name_key}")
        self.help_label.setWordWrap(True)
        set_role(self.help_label, "muted")
        self.help_label.setVisible(field.help is not None)
        self.error_label = QLabel()
        self.error_label.setObjectName(f"error_{self.name_key}")
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        self.error_label.hide()

        title_row = QHBoxLayout()
        title_row.setSpacing(16)
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.badge_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(title_row)
        layout.addWidget(self.help_label)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout.addLayout(self.body)
        layout.addWidget(self.error_label)
        self.build_editor()
        self.retranslate()

    # -- for subclasses ------------------------------------------------------------

    @property
    def name_key(self) -> str:
        return object_key(self.key)

    def build_editor(self) -> None:
        """Add the editor's widgets to ``self.body``."""

    def show_value(self, value: JsonValue) -> None:
        """Show the stored ``value`` (None: unanswered) without emitting anything."""

    def retranslate_editor(self) -> None:
        """Re-set the editor's own texts for ``self.lang`` and the current translator."""

    def set_suggestions(self, items: Sequence[SuggestedAnswer]) -> None:
        """Show these one-tap answers (widgets without chips ignore them)."""

    def give(self, raw: object) -> None:
        """The citizen answered: ask the wizard to save ``raw``."""
        self.answer_given.emit(self.key, raw)

    def reveal(self, widget: QWidget) -> None:
        """Scroll the page so ``widget`` (a grid or list just opened) is in view.

        Done once control returns to the event loop, when the new layout is settled.
        """
        QTimer.singleShot(0, self, lambda: self._scroll_to(widget))

    def _scroll_to(self, widget: QWidget) -> None:
        if not shiboken6.isValid(widget) or not widget.isVisible():
            return
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(widget, 0, 40)

    def watch_editor(self, editor: QLineEdit, kind: str) -> None:
        """Ask for the on-screen keyboard (``kind``) whenever ``editor`` is tapped or focused."""
        editor.installEventFilter(_TapWatcher(self, editor, kind))

    # -- for the wizard ------------------------------------------------------------

    def flush(self) -> None:
        """Give any answer still being typed (before Next); choices have none pending."""

    def reset_view(self, value: JsonValue) -> None:
        """Look as a newly built widget showing the stored ``value`` would.

        The wizard keeps a page's widgets while the case is open and calls this
        when the page is shown again: no message, no refused input, no open
        grid or list is left from the last visit. Subclasses with more passing
        state (open grids, pickers, rows) close or rebuild it, then call this.
        """
        self.pending_error = False
        self.set_error(None)
        if self.field.is_input:
            self.show_value(value)

    def accept_saved(self, value: JsonValue) -> None:
        """The answer was stored as ``value``."""
        self.pending_error = False
        self.set_error(None)
        self.show_value(value)

    def reject(self, message: str) -> None:
        """The answer was refused; the previous stored value is unchanged."""
        self.pending_error = True
        self.set_error(message)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show the messages of Next's validation that concern this field (by key)."""
        self.set_error(errors.get(self.key))

    def has_error(self) -> bool:
        return not self.error_label.isHidden()

    def set_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))

    def set_prefilled(self, prefilled: bool) -> None:
        """Mark the answer as taken from the ID card (cleared when the citizen changes it)."""
        self._prefilled = prefilled
        self._update_badge()

    def set_copied(self, copied: bool) -> None:
        """Mark the answer as copied from the filer's own answers (``fill_from``)."""
        self._copied = copied
        self._update_badge()

    def _update_badge(self) -> None:
        self.badge_label.setVisible(self._prefilled or self._copied)
        if self._prefilled:
            self.badge_label.setText(self.tr("Đã điền sẵn từ thẻ căn cước"))
        elif self._copied:
            self.badge_label.setText(self.tr("Đã điền sẵn theo thông tin của bạn"))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        text = self.field.label.get(self.lang)
        if self.field.is_input and not self.field.required:
            optional = self.tr("(không bắt buộc)")
            text = f"{text} {optional}"
        self.title_label.setText(text)
        self.help_label.setText(self.field.help.get(self.lang) if self.field.help else "")
        self._update_badge()
        self.retranslate_editor()
