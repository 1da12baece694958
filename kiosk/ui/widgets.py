"""Small shared building blocks for touch screens: naming, big buttons, choices, editors.

Every screen builds on these so that the rules of the kiosk hold everywhere:
each interactive widget gets the same stable English ``objectName`` and
``accessibleName`` (tests and screen readers find it by that name), nothing
touchable is shorter than :data:`MIN_TOUCH_PX`, and the on-screen keyboard
writes into a focused field the same way whatever kind of field it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QWidget,
)

# WCAG 2.5.5 asks for 44 CSS px; standing elderly users with a volunteer need more.
MIN_TOUCH_PX = 60
BIG_BUTTON_PX = 80
ROLE_PROPERTY = "kiosk_role"
SIZE_PROPERTY = "kiosk_size"
"""``large``: a control the screen is about (the capture button), bigger text and padding."""

TextEditor = QLineEdit | QPlainTextEdit


def name_widget[W: QWidget](widget: W, name: str) -> W:
    """Give ``widget`` its stable name; returns it.

    The name is the objectName and the accessible identifier (what tests and the
    AT-SPI walk look widgets up by). A control also takes it as its accessible
    name, as the kiosk's naming rule says. A label does not: its accessible name
    stays its text, which is what a screen reader must read out (an id such as
    ``error_detail_label`` in its place hid every message from one).
    """
    widget.setObjectName(name)
    widget.setAccessibleIdentifier(name)
    if not isinstance(widget, QLabel):
        widget.setAccessibleName(name)
    return widget


def set_role[W: QWidget](widget: W, role: str) -> W:
    """Tag ``widget`` with a style role the theme's style sheet knows (see theme.py)."""
    widget.setProperty(ROLE_PROPERTY, role)
    return widget


def set_large[W: QWidget](widget: W) -> W:
    """Make ``widget`` the screen's one oversized control (theme.py sizes it, any role)."""
    widget.setProperty(SIZE_PROPERTY, "large")
    return widget


def big_button(
    text: str, name: str, *, role: str = "primary", parent: QWidget | None = None
) -> QPushButton:
    """A named push button at least :data:`BIG_BUTTON_PX` high, styled by ``role``.

    Roles the theme styles: ``primary`` (the one main action), ``secondary``.
    ``text`` must already be translated by the caller (``self.tr(...)``).
    """
    button = QPushButton(text, parent)
    name_widget(button, name)
    set_role(button, role)
    button.setMinimumHeight(BIG_BUTTON_PX)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class _DisabledTapFilter(QObject):
    """Sees taps on a disabled button (Qt drops them) and calls ``explain``."""

    def __init__(self, button: QAbstractButton, explain: Callable[[], None]) -> None:
        super().__init__(button)
        self._explain = explain

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QWidget)
            and not watched.isEnabled()
        ):
            self._explain()
            return True
        return False


def explain_when_disabled(button: QAbstractButton, explain: Callable[[], None]) -> None:
    """A tap on ``button`` while it is disabled calls ``explain`` (say what is missing).

    A disabled button that does nothing and says nothing leaves a citizen tapping
    it again and again; ``explain`` shows why it cannot be used yet.
    """
    button.installEventFilter(_DisabledTapFilter(button, explain))


class ChoiceGroup(QWidget):
    """Big, mutually exclusive choice buttons: pick one answer from a short list.

    ``choices`` are ``(key, label)`` pairs; each button is named
    ``<name_prefix>_<key>_button``. ``choice_changed`` carries the key of the
    button tapped (never emitted by :meth:`set_value` or :meth:`clear`).
    """

    choice_changed = Signal(str)

    def __init__(
        self,
        name_prefix: str,
        choices: Sequence[tuple[str, str]],
        *,
        columns: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        name_widget(self, f"{name_prefix}_choices")
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        for index, (key, label) in enumerate(choices):
            button = big_button(label, f"{name_prefix}_{key}_button", role="choice")
            button.setCheckable(True)
            self._group.addButton(button)
            button.clicked.connect(lambda _checked=False, k=key: self.choice_changed.emit(k))
            layout.addWidget(button, index // max(columns, 1), index % max(columns, 1))
            self.buttons[key] = button

    def value(self) -> str | None:
        """The key of the checked button, or None."""
        for key, button in self.buttons.items():
            if button.isChecked():
                return key
        return None

    def set_value(self, key: str | None) -> None:
        """Check the button for ``key`` (None or an unknown key clears the choice)."""
        if key is None or key not in self.buttons:
            self.clear()
            return
        self.buttons[key].setChecked(True)

    def clear(self) -> None:
        """Uncheck every button (an exclusive group refuses that, so lift it briefly)."""
        self._group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self._group.setExclusive(True)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _index_from_utf16(text: str, position: int) -> int:
    """Python index of the character at Qt's UTF-16 ``position`` in ``text``."""
    units = 0
    for index, character in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(character) > 0xFFFF else 1
    return len(text)


class EditorTarget:
    """Edit a QLineEdit or QPlainTextEdit the way a keyboard would, at its cursor.

    Text is inserted through the widget's own API (``QLineEdit.insert`` runs the
    validator and max length), never through synthesised key events, so what
    lands in the field is exactly the NFC text given. Qt counts positions in
    UTF-16 units; this class converts so emoji before the cursor do not shift
    anything.
    """

    def __init__(self, editor: TextEditor) -> None:
        self.editor = editor

    def insert(self, text: str) -> None:
        editor = self.editor
        if editor.isReadOnly():
            return
        if isinstance(editor, QLineEdit):
            editor.insert(text)
        else:
            editor.insertPlainText(text)

    def backspace(self) -> None:
        editor = self.editor
        if editor.isReadOnly():
            return
        if isinstance(editor, QLineEdit):
            editor.backspace()
        else:
            cursor = editor.textCursor()
            cursor.deletePreviousChar()
            editor.setTextCursor(cursor)

    def text_before_cursor(self) -> str:
        """The current line of text up to the cursor (the selection is ignored)."""
        editor = self.editor
        if isinstance(editor, QLineEdit):
            text = editor.text()
            return text[: _index_from_utf16(text, editor.cursorPosition())]
        cursor = editor.textCursor()
        line = cursor.block().text()
        return line[: _index_from_utf16(line, cursor.positionInBlock())]

    def rewrite_before_cursor(self, transform: Callable[[str], str]) -> None:
        """Replace the line before the cursor by ``transform(line)``.

        Only the part that differs is replaced, so undo, the validator and the
        text after the cursor see the smallest possible change.
        """
        editor = self.editor
        if editor.isReadOnly():
            return
        before = self.text_before_cursor()
        after = transform(before)
        if after == before:
            return
        common = 0
        for old_char, new_char in zip(before, after, strict=False):
            if old_char != new_char:
                break
            common += 1
        start = _utf16_length(before[:common])
        length = _utf16_length(before) - start
        replacement = after[common:]
        if isinstance(editor, QLineEdit):
            editor.deselect()
            cursor_position = editor.cursorPosition()
            editor.setSelection(start, length)
            editor.insert(replacement)
            if editor.hasSelectedText():
                # The validator refused the change: leave the field as it was.
                editor.deselect()
                editor.setCursorPosition(cursor_position)
            return
        cursor = editor.textCursor()
        block_start = cursor.block().position()
        end = cursor.position()
        cursor.clearSelection()
        cursor.setPosition(block_start + start)
        cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        editor.setTextCursor(cursor)


def make_touch_key(text: str, name: str, role: str, parent: QWidget | None = None) -> QPushButton:
    """A keyboard key: named, styled, never taking focus from the field it types into."""
    key = QPushButton(text, parent)
    name_widget(key, name)
    set_role(key, role)
    key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    key.setAutoDefault(False)
    key.setMinimumSize(MIN_TOUCH_PX, MIN_TOUCH_PX)
    key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return key


def buttons_in(widget: QWidget) -> list[QAbstractButton]:
    """Every button below ``widget`` (for checks that all of them are named and big)."""
    return widget.findChildren(QAbstractButton)


def scroll_to_top(widget: QWidget) -> None:
    """Every scroll area in ``widget`` back at its top (each citizen starts at the top)."""
    areas = widget.findChildren(QScrollArea)
    if isinstance(widget, QScrollArea):
        areas.append(widget)
    for area in areas:
        area.verticalScrollBar().setValue(0)
        area.horizontalScrollBar().setValue(0)


def follow_finger(view: QAbstractScrollArea) -> None:
    """A finger dragged over ``view`` scrolls it (a touch screen has no scroll wheel)."""
    gesture = QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    forget_gesture_type(gesture)


def forget_gesture_type(gesture: Qt.GestureType) -> None:
    """Drop PySide's Python object for a gesture type Qt has just made up.

    Every ``grabGesture`` registers a new recogniser under a new number, which
    ``Qt.GestureType`` does not list; PySide turns such a number into a
    pseudo-member (an enum class of its own, about 4 kB) and keeps it for the
    life of the process in the enum's ``_sbk_missing_`` dict. Pages with scroll
    areas are built again for every case, so that kept about ten of them per
    citizen (docs/performance.md, "Memory growth over 300 citizens"). The kiosk
    never uses the number. Should a later PySide keep the object elsewhere, this
    does nothing and ``tests/ui/test_ui_touch_scroll_memory.py`` fails.
    """
    made_up = vars(Qt.GestureType).get("_sbk_missing_")
    if isinstance(made_up, dict):
        made_up.pop(str(int(gesture)), None)


def touch_scroll_area(
    content: QWidget, name: str, *, framed: bool = False, transparent: bool = False
) -> QScrollArea:
    """``content`` in a vertical-only scroll area that follows a finger: the one way to scroll.

    The screens that must fit above the on-screen keyboard (or a 768-pixel screen
    with large text) scroll their middle instead of pushing buttons off screen.
    ``framed`` keeps the frame (a long text to read in a box, e.g. a consent
    notice); ``transparent`` shows the window's background through it.
    """
    area = QScrollArea()
    name_widget(area, name)
    area.setWidgetResizable(True)
    if not framed:
        area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    if transparent:
        area.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
    follow_finger(area)
    return area


def scroll_field_into_sight(
    area: QScrollArea, editor: QWidget, label: QWidget | None = None, margin: int = 12
) -> None:
    """Scroll ``area`` so ``editor`` is whole in sight, with ``label`` above it when both fit.

    Whole rectangles: QScrollArea.ensureWidgetVisible only brings in a text field's
    cursor, which leaves the field's lower edge under the keyboard. The editor wins
    when both cannot fit. Used while a keyboard is up (the wizard, the resume code).
    """
    content = area.widget()
    if content is None or not content.isAncestorOf(editor):
        return
    bar = area.verticalScrollBar()
    height = area.viewport().height()
    top = editor.mapTo(content, QPoint(0, 0)).y() - margin
    bottom = top + editor.height() + 2 * margin
    if label is not None and label.isVisible() and content.isAncestorOf(label):
        asked = label.mapTo(content, QPoint(0, 0)).y() - margin
        if bottom - asked <= height:  # both fit: from the label down
            top = asked
    value = bar.value()
    if bottom > value + height:
        value = bottom - height
    if top < value:
        value = top
    bar.setValue(max(0, value))


def centred_text(name: str, role: str | None = None) -> QLabel:
    """A named, word-wrapped, centred label: the lines of a message screen (the error
    screen, the start-up problem screen), styled by ``role`` when given."""
    label = name_widget(QLabel(), name)
    if role is not None:
        set_role(label, role)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def section_heading(name: str, text: str = "") -> QLabel:
    """The heading of a step: the wizard's page title and the same step's box on the review.

    One look for both, so the citizen recognises on the review the page they filled in.
    """
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    set_role(label, "heading")
    return label
