"""The header both 'find' screens share: title, instructions, a code field with a Find button.

Resume (by resume code) and look-up (by reference) ask the same thing of the
citizen, so they present it the same way and with the same touch sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton

from kiosk.ui.widgets import MIN_TOUCH_PX, big_button, name_widget, set_role


@dataclass
class CodeEntry:
    title_label: QLabel
    instructions_label: QLabel
    code_input: QLineEdit
    find_button: QPushButton
    code_row: QHBoxLayout
    message_label: QLabel


def build_code_entry(prefix: str, max_chars: int, on_find: Callable[[], None]) -> CodeEntry:
    """Widgets named ``<prefix>_code_input``, ``<prefix>_find_button``, ``<prefix>_*_label``."""
    title_label = QLabel()
    title_label.setObjectName(f"{prefix}_title_label")
    set_role(title_label, "title")
    instructions_label = QLabel()
    instructions_label.setObjectName(f"{prefix}_instructions_label")
    instructions_label.setWordWrap(True)
    code_input = QLineEdit()
    name_widget(code_input, f"{prefix}_code_input")
    code_input.setMaxLength(max_chars)
    code_input.setMinimumHeight(MIN_TOUCH_PX)
    # Only a tap focuses the field (and opens the keyboard), never showing the screen.
    code_input.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    code_input.returnPressed.connect(on_find)
    find_button = big_button("", f"{prefix}_find_button")
    find_button.setMaximumWidth(320)
    find_button.clicked.connect(on_find)
    code_row = QHBoxLayout()
    code_row.setSpacing(16)
    code_row.addWidget(code_input, 1)
    code_row.addWidget(find_button)
    message_label = QLabel()
    name_widget(message_label, f"{prefix}_message_label")
    set_role(message_label, "error")
    message_label.setWordWrap(True)
    message_label.hide()
    return CodeEntry(
        title_label, instructions_label, code_input, find_button, code_row, message_label
    )
