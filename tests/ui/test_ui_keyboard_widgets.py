"""Shared touch helpers: naming, big buttons, choice groups, the editor adapter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets import (
    MIN_TOUCH_PX,
    ROLE_PROPERTY,
    ChoiceGroup,
    EditorTarget,
    big_button,
    name_widget,
)


def test_name_widget_names_controls_and_leaves_labels_their_text(qtbot: QtBot) -> None:
    """A control is found and read out by its name; a label is found by its name and
    read out by its text (tests/ui/test_ui_accessible_names.py checks whole screens)."""
    button = name_widget(QPushButton("Tiếp tục"), "some_button")
    label = name_widget(QLabel("Hôm nay"), "some_label")
    qtbot.addWidget(button)
    qtbot.addWidget(label)
    assert button.objectName() == button.accessibleName() == "some_button"
    assert button.accessibleIdentifier() == "some_button"
    assert label.objectName() == label.accessibleIdentifier() == "some_label"
    assert label.accessibleName() == ""  # Qt reads out the label's text


def test_big_button_is_named_tall_and_styled(qtbot: QtBot) -> None:
    button = big_button("Tiếp tục", "next_button")
    qtbot.addWidget(button)
    button.show()
    assert button.accessibleName() == "next_button"
    assert button.height() >= MIN_TOUCH_PX
    assert button.property(ROLE_PROPERTY) == "primary"


def test_choice_group(qtbot: QtBot) -> None:
    group = ChoiceGroup("gender", [("male", "Nam"), ("female", "Nữ")], columns=2)
    qtbot.addWidget(group)
    group.show()
    assert group.value() is None
    female = group.buttons["female"]
    assert female.objectName() == female.accessibleName() == "gender_female_button"
    with qtbot.waitSignal(group.choice_changed) as chosen:
        qtbot.mouseClick(female, Qt.MouseButton.LeftButton)
    assert chosen.args == ["female"]
    assert group.value() == "female"
    qtbot.mouseClick(group.buttons["male"], Qt.MouseButton.LeftButton)
    assert group.value() == "male"
    assert not female.isChecked()
    with qtbot.assertNotEmitted(group.choice_changed):
        group.set_value("female")
        group.clear()
    assert group.value() is None
    group.set_value("unknown")
    assert group.value() is None


def test_editor_target_inserts_and_rewrites_line_edit(qtbot: QtBot) -> None:
    field = QLineEdit("ab")
    qtbot.addWidget(field)
    target = EditorTarget(field)
    target.insert("ờ")
    assert field.text() == "abờ"
    assert target.text_before_cursor() == "abờ"
    target.rewrite_before_cursor(lambda text: text.upper())
    assert field.text() == "ABỜ"
    field.setReadOnly(True)
    target.insert("x")
    target.backspace()
    assert field.text() == "ABỜ"


def test_editor_target_plain_text_uses_the_current_line(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("một\nhai")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    target = EditorTarget(editor)
    assert target.text_before_cursor() == "hai"
    target.rewrite_before_cursor(lambda text: text + "!")
    assert editor.toPlainText() == "một\nhai!"
