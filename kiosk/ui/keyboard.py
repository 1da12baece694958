"""The on-screen Vietnamese keyboard, inside the kiosk window, and the dock holding it.

Why our own keyboard rather than Qt Virtual Keyboard: see PLATFORM.md (it
needs a separate window, long presses for diacritics, and cannot be tested
offscreen). Here every Vietnamese letter (ă â đ ê ô ơ ư) and every tone is one
tap. A tone key rewrites the word before the cursor with
:func:`kiosk.text_input.apply_tone`, so the mark lands where the spelling rules
put it whenever it is tapped; after each letter the tone is moved again if the
word grew (``hòa`` + ``n`` -> ``hoàn``).

Keys insert text into the field through its own API (never synthesised key
events), so the field receives exact NFC text and its validator still runs.
The keyboard keeps no text of its own; :meth:`OnScreenKeyboard.clear` resets
shift, page and target, which is all the idle reset needs.

Key names (objectName == accessibleName): ``keyboard_key_<letter>`` for
letters in lower case (``keyboard_key_ă``), ``keyboard_key_<character>`` for
digits and punctuation, and ``keyboard_key_space``, ``_backspace``,
``_shift``, ``_done``, ``_tone_sac`` / ``_huyen`` / ``_hoi`` / ``_nga`` /
``_nang`` / ``_none``, ``_page_digits``, ``_page_letters``. The number pad
reuses ``keyboard_key_0``..``9``, ``_backspace`` and ``_done``: names are
unique within one panel, and the dock shows one panel at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, StrEnum
from functools import partial

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from kiosk.text_input import DEFAULT_STYLE, Tone, ToneStyle, apply_tone, reposition_tone
from kiosk.ui.number_pad import NumberPad
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import (
    MIN_TOUCH_PX,
    EditorTarget,
    TextEditor,
    make_touch_key,
    name_widget,
    set_role,
)

# The letter block is laid out on a grid of half-key columns so rows can be
# staggered like a real keyboard: (text, first half-column, width in halves).
_HALF_COLUMNS = 20
_Rows = tuple[tuple[tuple[str, int, int], ...], ...]
_LETTER_ROWS: _Rows = (
    tuple((letter, 2 * index, 2) for index, letter in enumerate("qwertyuiop")),
    tuple((letter, 1 + 2 * index, 2) for index, letter in enumerate("asdfghjkl")),
    (
        # "Chữ hoa" needs a wide key at the large text size.
        ("shift", 0, 4),
        *((letter, 4 + 2 * i, 2) for i, letter in enumerate("zxcvbnm")),
        ("-", 18, 2),
    ),
    ((",", 0, 3), *((letter, 3 + 2 * i, 2) for i, letter in enumerate("ăâđêôơư")), (".", 17, 3)),
)
_DIGIT_ROWS: _Rows = (
    tuple((digit, 2 * index, 2) for index, digit in enumerate("1234567890")),
    tuple((sign, 1 + 2 * index, 2) for index, sign in enumerate("/:;()@&#%")),
    tuple((sign, 3 + 2 * index, 2) for index, sign in enumerate("?!'\"+=_")),
)
_VIETNAMESE_LETTERS = frozenset("ăâđêôơư")
_TONE_KEYS = (Tone.SAC, Tone.HUYEN, Tone.HOI, Tone.NGA, Tone.NANG, Tone.NONE)
_ROW_COUNT = 5
_ROW_SHARE_OF_WINDOW = 0.075
_SPACING = 8


class Shift(Enum):
    """Off; once (the next letter only); caps (until tapped again)."""

    OFF = 0
    ONCE = 1
    CAPS = 2


class KeyboardKind(StrEnum):
    """Which panel a field asks for."""

    LETTERS = "letters"
    DIGITS = "digits"
    NONE = "none"


KEYBOARD_KIND_PROPERTY = "kiosk_keyboard"
_DIGIT_HINTS = (
    Qt.InputMethodHint.ImhDigitsOnly
    | Qt.InputMethodHint.ImhDialableCharactersOnly
    | Qt.InputMethodHint.ImhFormattedNumbersOnly
)


def set_keyboard_kind(editor: TextEditor, kind: KeyboardKind) -> None:
    """Declare which keyboard ``editor`` needs (screens call this when building a field).

    Digits also set Qt's standard ``ImhDigitsOnly`` hint, so any input method
    agrees with ours.
    """
    editor.setProperty(KEYBOARD_KIND_PROPERTY, kind.value)
    if kind is KeyboardKind.DIGITS:
        editor.setInputMethodHints(editor.inputMethodHints() | Qt.InputMethodHint.ImhDigitsOnly)


def keyboard_kind_for(editor: QWidget) -> KeyboardKind:
    """The panel ``editor`` needs: its declared kind, else guessed from Qt's hints."""
    if not isinstance(editor, QLineEdit | QPlainTextEdit) or editor.isReadOnly():
        return KeyboardKind.NONE
    declared = editor.property(KEYBOARD_KIND_PROPERTY)
    if isinstance(declared, str) and declared in KeyboardKind.__members__.values():
        return KeyboardKind(declared)
    if editor.inputMethodHints() & _DIGIT_HINTS:
        return KeyboardKind.DIGITS
    return KeyboardKind.LETTERS


class OnScreenKeyboard(Retranslated, QWidget):
    """Letters (QWERTY + ă â đ ê ô ơ ư), the five tones, a digits/signs page.

    Types into the editor given to :meth:`attach`; with none attached, into
    the application's focused QLineEdit/QPlainTextEdit. ``done_pressed`` is
    emitted when the citizen taps "Xong".
    """

    done_pressed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, tone_style: ToneStyle = DEFAULT_STYLE
    ) -> None:
        super().__init__(parent)
        name_widget(self, "on_screen_keyboard")
        set_role(self, "keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tone_style = tone_style
        self._editor: TextEditor | None = None
        self._shift = Shift.OFF
        self.keys: dict[str, QPushButton] = {}
        self._letter_keys: dict[str, QPushButton] = {}

        self.pages = QStackedWidget()
        self.pages.setObjectName("keyboard_pages")
        self.letters_page = self._page(_LETTER_ROWS, "keyboard_letters_page", rows=4)
        self.digits_page = self._page(_DIGIT_ROWS, "keyboard_digits_page", rows=3)
        self.pages.addWidget(self.letters_page)
        self.pages.addWidget(self.digits_page)

        grid = QGridLayout(self)
        grid.setContentsMargins(10, 10, 10, 10)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(_SPACING)
        grid.addWidget(self.pages, 0, 0)
        grid.addWidget(self._tone_block(), 0, 1)
        grid.addWidget(self._bottom_row(), 1, 0)
        grid.addWidget(self._key("done", "keyboard_key_done", "primary", self._done), 1, 1)
        grid.setColumnStretch(0, _HALF_COLUMNS)
        grid.setColumnStretch(1, 8)
        grid.setRowStretch(0, _ROW_COUNT - 1)
        grid.setRowStretch(1, 1)
        self.retranslate()
        self._show_page(KeyboardKind.LETTERS)

    # -- building --------------------------------------------------------

    def _key(
        self, key_id: str, name: str, role: str, action: Callable[[], None], text: str = ""
    ) -> QPushButton:
        key = make_touch_key(text, name, role)
        # clicked(bool) would land in a lambda's first default argument.
        key.clicked.connect(lambda _checked=False: action())
        self.keys[key_id] = key
        return key

    def _character_key(self, character: str) -> QPushButton:
        if character == "shift":
            key = self._key("shift", "keyboard_key_shift", "key_special", self._cycle_shift)
            key.setCheckable(True)
            return key
        role = "key_vietnamese" if character in _VIETNAMESE_LETTERS else "key"
        # "&" alone would be read as a mnemonic marker and vanish from the label.
        label = "&&" if character == "&" else character
        key = self._key(
            character,
            f"keyboard_key_{character}",
            role,
            partial(self._type_character, character),
            label,
        )
        if character.isalpha():
            self._letter_keys[character] = key
        return key

    def _page(self, layout_rows: _Rows, name: str, *, rows: int) -> QWidget:
        page = QWidget()
        page.setObjectName(name)
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(_SPACING)
        grid.setVerticalSpacing(_SPACING)
        for row, keys in enumerate(layout_rows):
            for character, column, width in keys:
                grid.addWidget(self._character_key(character), row, column, 1, width)
        for column in range(_HALF_COLUMNS):
            grid.setColumnStretch(column, 1)
        for row in range(rows):
            grid.setRowStretch(row, 1)
            grid.setRowMinimumHeight(row, MIN_TOUCH_PX)
        return page

    def _tone_block(self) -> QWidget:
        block = QWidget()
        block.setObjectName("keyboard_tone_block")
        grid = QGridLayout(block)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(_SPACING)
        for index, tone in enumerate(_TONE_KEYS):
            key = self._key(
                f"tone_{tone.value}",
                f"keyboard_key_tone_{tone.value}",
                "key_tone",
                partial(self._apply_tone, tone),
            )
            grid.addWidget(key, index // 2, index % 2)
        grid.addWidget(
            self._key("backspace", "keyboard_key_backspace", "key_special", self._backspace),
            3,
            0,
            1,
            2,
        )
        return block

    def _bottom_row(self) -> QWidget:
        row = QWidget()
        row.setObjectName("keyboard_bottom_row")
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(_SPACING)
        to_digits = self._key(
            "page_digits",
            "keyboard_key_page_digits",
            "key_special",
            lambda: self._show_page(KeyboardKind.DIGITS),
        )
        to_letters = self._key(
            "page_letters",
            "keyboard_key_page_letters",
            "key_special",
            lambda: self._show_page(KeyboardKind.LETTERS),
        )
        space = self._key("space", "keyboard_key_space", "key", lambda: self._insert(" "))
        grid.addWidget(to_digits, 0, 0, 1, 3)
        grid.addWidget(to_letters, 0, 0, 1, 3)
        grid.addWidget(space, 0, 3, 1, _HALF_COLUMNS - 3)
        for column in range(_HALF_COLUMNS):
            grid.setColumnStretch(column, 1)
        grid.setRowMinimumHeight(0, MIN_TOUCH_PX)
        return row

    def retranslate(self) -> None:
        """Set every visible label (call again after a language change)."""
        labels = {
            "tone_sac": self.tr("á  sắc"),
            "tone_huyen": self.tr("à  huyền"),
            "tone_hoi": self.tr("ả  hỏi"),
            "tone_nga": self.tr("ã  ngã"),
            "tone_nang": self.tr("ạ  nặng"),
            "tone_none": self.tr("Xoá dấu"),
            "backspace": self.tr("Xoá"),
            "space": self.tr("Dấu cách"),
            "done": self.tr("Xong"),
            "page_digits": self.tr("123"),
            "page_letters": self.tr("abc"),
        }
        for key_id, label in labels.items():
            self.keys[key_id].setText(label)
        self._update_shift_labels()

    def sizeHint(self) -> QSize:  # Qt's name
        # Five rows of keys at least 64 px high, taller on a taller window (a 1080p
        # screen is physically larger, so 64 px keys would be smaller to the finger).
        window = self.window()
        window_height = window.height() if window is not self else 0
        row = max(MIN_TOUCH_PX + 4, round(window_height * _ROW_SHARE_OF_WINDOW))
        height = 20 + _ROW_COUNT * row + (_ROW_COUNT - 1) * _SPACING
        return QSize(1346, height)

    # -- target ----------------------------------------------------------

    def attach(self, editor: TextEditor | None) -> None:
        """Type into ``editor`` from now on; None: follow the focused field."""
        if self._editor is not None and shiboken6.isValid(self._editor):
            self._editor.destroyed.disconnect(self._forget_editor)
        self._editor = editor
        if editor is not None:
            editor.destroyed.connect(self._forget_editor)

    def _forget_editor(self, _destroyed: QObject | None = None) -> None:
        self._editor = None

    def editor(self) -> TextEditor | None:
        """The field keys type into now (attached, else the focused text field)."""
        if self._editor is not None and shiboken6.isValid(self._editor):
            return self._editor
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit | QPlainTextEdit):
            return focused
        return None

    def clear(self) -> None:
        """Back to a fresh keyboard: no field, shift off, letters page (idle reset)."""
        self.attach(None)
        self._set_shift(Shift.OFF)
        self._show_page(KeyboardKind.LETTERS)

    # -- state -----------------------------------------------------------

    @property
    def shift(self) -> Shift:
        return self._shift

    def page(self) -> KeyboardKind:
        return (
            KeyboardKind.LETTERS
            if self.pages.currentWidget() is self.letters_page
            else KeyboardKind.DIGITS
        )

    def _show_page(self, kind: KeyboardKind) -> None:
        letters = kind is not KeyboardKind.DIGITS
        self.pages.setCurrentWidget(self.letters_page if letters else self.digits_page)
        self.keys["page_digits"].setVisible(letters)
        self.keys["page_letters"].setVisible(not letters)

    def _cycle_shift(self) -> None:
        following = {Shift.OFF: Shift.ONCE, Shift.ONCE: Shift.CAPS, Shift.CAPS: Shift.OFF}
        self._set_shift(following[self._shift])

    def _set_shift(self, shift: Shift) -> None:
        self._shift = shift
        self._update_shift_labels()

    def _update_shift_labels(self) -> None:
        upper = self._shift is not Shift.OFF
        for letter, key in self._letter_keys.items():
            key.setText(letter.upper() if upper else letter)
        shift_key = self.keys["shift"]
        shift_key.setChecked(upper)
        shift_key.setText(self.tr("CHỮ HOA") if self._shift is Shift.CAPS else self.tr("Chữ hoa"))

    # -- typing ----------------------------------------------------------

    def _insert(self, text: str) -> None:
        editor = self.editor()
        if editor is not None:
            EditorTarget(editor).insert(text)

    def _type_character(self, character: str) -> None:
        editor = self.editor()
        if editor is None:
            return
        target = EditorTarget(editor)
        if character.isalpha():
            target.insert(character.upper() if self._shift is not Shift.OFF else character)
            if self._shift is Shift.ONCE:
                self._set_shift(Shift.OFF)
            target.rewrite_before_cursor(lambda text: reposition_tone(text, self.tone_style))
        else:
            target.insert(character)

    def _apply_tone(self, tone: Tone) -> None:
        editor = self.editor()
        if editor is not None:
            EditorTarget(editor).rewrite_before_cursor(
                lambda text: apply_tone(text, tone, self.tone_style)
            )

    def _backspace(self) -> None:
        editor = self.editor()
        if editor is not None:
            EditorTarget(editor).backspace()

    def _done(self) -> None:
        self.done_pressed.emit()


class KeyboardDock(QWidget):
    """The bottom strip of the kiosk window: the keyboard or the number pad, or nothing.

    A screen calls :meth:`request` for a field (or turns on
    :meth:`follow_focus` once). The field's :func:`keyboard_kind_for` decides
    the panel; ``keyboard_requested(kind)`` reports each decision ("letters",
    "digits", "none"). "Xong" or :meth:`dismiss` hides the dock and emits
    ``dismissed``.
    """

    keyboard_requested = Signal(str)
    dismissed = Signal()
    shown_changed = Signal(bool)  # the dock appeared (True) or went (False), however

    def __init__(
        self, parent: QWidget | None = None, *, tone_style: ToneStyle = DEFAULT_STYLE
    ) -> None:
        super().__init__(parent)
        name_widget(self, "keyboard_dock")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._tone_style = tone_style
        # Both panels are built at their first use (the controller's first reset, just
        # after the welcome screen's first paint): ~25 ms of CPU the paint does not need.
        self._keyboard: OnScreenKeyboard | None = None
        self._number_pad: NumberPad | None = None
        self._panels = QStackedWidget()
        self._panels.setObjectName("keyboard_panels")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._panels, 0, 0)
        self._following = False
        self._watched_window: QWidget | None = None
        self._hide_pending = False  # focus left the field mid-tap; hide after the lift
        self.hide()

    @property
    def keyboard(self) -> OnScreenKeyboard:
        if self._keyboard is None:
            self._build_panels()
        assert self._keyboard is not None
        return self._keyboard

    @property
    def number_pad(self) -> NumberPad:
        if self._number_pad is None:
            self._build_panels()
        assert self._number_pad is not None
        return self._number_pad

    def _build_panels(self) -> None:
        self._keyboard = OnScreenKeyboard(tone_style=self._tone_style)
        self._number_pad = NumberPad()
        self._panels.addWidget(self._keyboard)
        self._panels.addWidget(self._number_pad)
        self._keyboard.done_pressed.connect(self.dismiss)
        self._number_pad.done_pressed.connect(self.dismiss)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        # Key height follows the window's height (see OnScreenKeyboard.sizeHint).
        window = self.window()
        if window is not self and window is not self._watched_window:
            window.installEventFilter(self)
            self._watched_window = window
        self.keyboard.updateGeometry()
        super().showEvent(event)
        self.shown_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:  # Qt's name
        super().hideEvent(event)
        self.shown_changed.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        # Checked type first, attribute second: while a window is being destroyed
        # Qt may still call in after PySide has emptied this wrapper.
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is getattr(self, "_watched_window", None):
            self.keyboard.updateGeometry()
        elif (
            kind == QEvent.Type.MouseButtonRelease
            and getattr(self, "_hide_pending", False)
            and QApplication.mouseButtons() == Qt.MouseButton.NoButton
        ):
            # After this lift reaches the button (and its click has run).
            QTimer.singleShot(0, self, self._hide_if_still_unfocused)
        return False

    def request(self, editor: TextEditor, kind: KeyboardKind | None = None) -> KeyboardKind:
        """Show the panel ``editor`` needs (``kind`` overrides its own) and type into it."""
        chosen = kind or keyboard_kind_for(editor)
        self._forget_pending_hide()
        if chosen is KeyboardKind.NONE:
            self._hide_panels()
        elif chosen is KeyboardKind.DIGITS:
            self.keyboard.attach(None)
            self.number_pad.attach(editor)
            self._panels.setCurrentWidget(self.number_pad)
            self.show()
        else:
            self.number_pad.attach(None)
            self.keyboard.attach(editor)
            self._panels.setCurrentWidget(self.keyboard)
            self.show()
        self.keyboard_requested.emit(chosen.value)
        return chosen

    def current_panel(self) -> KeyboardKind:
        if not self.isVisible():
            return KeyboardKind.NONE
        if self._panels.currentWidget() is self.number_pad:
            return KeyboardKind.DIGITS
        return KeyboardKind.LETTERS

    def follow_focus(self, enabled: bool = True) -> None:
        """Open the right panel whenever a text field of this window gets focus."""
        app = QApplication.instance()
        if not isinstance(app, QApplication) or enabled == self._following:
            return
        if enabled:
            app.focusChanged.connect(self._on_focus_changed)
        else:
            app.focusChanged.disconnect(self._on_focus_changed)
        self._following = enabled

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not shiboken6.isValid(self) or new.window() is not self.window():
            return
        if isinstance(new, QLineEdit | QPlainTextEdit):
            self.request(new)
        elif not self.isAncestorOf(new):
            if QApplication.mouseButtons() == Qt.MouseButton.NoButton:
                self._hide_panels()
            else:
                self._hide_after_release()

    def _hide_after_release(self) -> None:
        # A finger's press moved the focus (to a button, say). Hiding now would re-lay
        # the screen out under the finger, and the lift would miss the button: the tap
        # would only close the keyboard. So the dock goes once the lift is delivered.
        if self._hide_pending:
            return
        self._hide_pending = True
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _forget_pending_hide(self) -> None:
        if not self._hide_pending:
            return
        self._hide_pending = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _hide_if_still_unfocused(self) -> None:
        if not self._hide_pending:
            return  # a field asked for the keyboard meanwhile (request), or it was hidden
        self._forget_pending_hide()
        focused = QApplication.focusWidget()
        if not isinstance(focused, QLineEdit | QPlainTextEdit):
            self._hide_panels()

    def dismiss(self) -> None:
        """Hide the dock (the citizen tapped "Xong")."""
        self._hide_panels()
        self.dismissed.emit()

    def _hide_panels(self) -> None:
        self._forget_pending_hide()
        self.keyboard.attach(None)
        self.number_pad.attach(None)
        self.hide()

    def clear(self) -> None:
        """Idle reset: hide, forget every field, shift off, letters page."""
        self._forget_pending_hide()
        self.keyboard.clear()
        self.number_pad.clear()
        self._panels.setCurrentWidget(self.keyboard)
        self.hide()
