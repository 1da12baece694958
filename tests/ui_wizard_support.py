"""Shared helpers for the form wizard's UI tests: find widgets by name, tap, type, pick.

Not a test module: imported by tests/ui/test_ui_wizard.py and test_ui_wizard_typing.py.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui_shell_support import screenshot_dir

CARD_QR = (
    "049090001234|205123456|Nguyễn Văn An|15031990|Nam|"
    "Tổ 3, Phường Vĩnh Điện, Thị xã Điện Bàn, Quảng Nam|20042021"
)
SIZE = (1366, 768)


def find[W: QWidget](root: QWidget, kind: type[W], name: str) -> W:
    found = root.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    assert found.accessibleName() == name
    return found


def tap(qtbot: QtBot, root: QWidget, name: str) -> None:
    button = find(root, QPushButton, name)
    assert button.isVisible(), f"{name} is not visible"
    assert button.isEnabled(), f"{name} is disabled"
    assert button.height() >= 60, f"{name} is {button.height()} px high"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(root: QWidget, name: str, text: str) -> QLineEdit:
    editor = find(root, QLineEdit, name)
    assert editor.isVisible(), f"{name} is not visible"
    editor.setText(text)
    editor.editingFinished.emit()
    return editor


def pick_from_list(qtbot: QtBot, root: QWidget, name: str, search: str, wanted: str) -> None:
    """Type a diacritic-free search into the list's filter, then tap the wanted row."""
    type_into(root, f"{name}_filter", search)
    unit_list = find(root, QListWidget, name)
    shown = [
        unit_list.item(row)
        for row in range(unit_list.count())
        if not unit_list.item(row).isHidden()
    ]
    assert wanted in [item.text() for item in shown]
    item = next(item for item in shown if item.text() == wanted)
    unit_list.scrollToItem(item)
    centre: QPoint = unit_list.visualItemRect(item).center()
    qtbot.mouseClick(unit_list.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def find_label(root: QWidget, name: str) -> QLabel:
    found = root.findChild(QLabel, name)
    assert found is not None, f"no label named {name}"
    return found


def pick_date(qtbot: QtBot, root: QWidget, key: str, day: dt.date) -> None:
    tap(qtbot, root, f"date_{key}_day")
    tap(qtbot, root, f"date_{key}_day_{day.day}")
    tap(qtbot, root, f"date_{key}_month_{day.month}")
    tap(qtbot, root, f"date_{key}_year_{day.year}")


def error_text(root: QWidget, key: str) -> str:
    """The red note under a field, or "" when it is hidden."""
    label = find_label(root, f"error_{key}")
    return label.text() if label.isVisible() else ""


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(*SIZE)
    widget.show()
    qtbot.waitExposed(widget)


def shot(widget: QWidget, name: str) -> None:
    """Save ``widget`` as ``<name>.png`` into $KIOSK_SCREENSHOT_DIR, when it is set."""
    folder = screenshot_dir()
    if folder is not None:
        QApplication.processEvents()  # let pending layouts settle before the picture
        widget.grab().save(str(folder / f"{name}.png"))
