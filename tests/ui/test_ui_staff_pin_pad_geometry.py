"""Issue 15 #13: a wrong staff PIN squeezed the pad and cut off "Đăng nhập".

Measured on the real window at 1366x768 with the kiosk's fonts and theme: the
error must take no height from the pad.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.store.database import Store
from tests.ui_shell_support import find, tap
from tests.ui_staff_support import build_staff_kiosk, make_accounts, type_pin


def _window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def _fully_visible(widget: QWidget) -> bool:
    """Inside every ancestor's rectangle (nothing clips it) and tall enough for its text."""
    rect = _window_rect(widget)
    parent = widget.parentWidget()
    while parent is not None:
        if not _window_rect(parent).contains(rect):
            return False
        parent = parent.parentWidget()
    return widget.height() >= widget.sizeHint().height()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_a_wrong_pin_does_not_squeeze_the_pad(
    qtbot: QtBot, themed: QApplication, store: Store, size: tuple[int, int]
) -> None:
    lan, _binh = make_accounts(store)
    kiosk = build_staff_kiosk(qtbot, store, size=size)
    window = kiosk.window
    tap(qtbot, window, "volunteer_button")
    tap(qtbot, window, f"volunteer_{lan.id}")
    submit = find(window, "pin_submit_button", QPushButton)
    digit = find(window, "pin_digit_1", QPushButton)
    assert submit.isVisible() and _fully_visible(submit)
    back = find(window, "sign_in_back_button", QPushButton)
    assert _window_rect(back).left() <= 40, "«Quay lại» keeps its place at the left edge"
    before = _window_rect(submit)
    key_height = digit.height()

    type_pin(qtbot, window, "9071")
    error = find(window, "sign_in_error_label", QLabel)
    assert error.isVisible() and "Còn 4 lần thử" in error.text()
    QApplication.processEvents()  # the layout settles
    assert _fully_visible(submit), "«Đăng nhập» is cut off after a wrong PIN"
    assert submit.height() == before.height(), "the error squeezed «Đăng nhập»"
    assert digit.height() == key_height, "the error squeezed the digits"

    for _attempt in range(4):  # the longest message: the account is locked
        type_pin(qtbot, window, "9071")
    assert "tạm khoá" in error.text()
    QApplication.processEvents()
    assert _fully_visible(submit) and _fully_visible(error)
    assert submit.height() == before.height() and digit.height() == key_height
