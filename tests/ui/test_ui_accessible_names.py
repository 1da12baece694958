"""What a screen reader hears, and what tests and the AT-SPI walk find widgets by.

Every named widget carries its stable name as objectName and, when named through
``name_widget``, as its accessible identifier (what the walk finds it by). A control
(button, field, list) also has it as its accessible name (the kiosk's naming rule). A
label does not: a screen reader reads a label's accessible name, and an id such as
``error_detail_label`` there hid every message, date and status from one. Checked on
the real windows of a citizen's first screens, through Qt's accessibility interfaces
(what AT-SPI is fed from).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.store.database import Store
from tests.ui_shell_support import EXAMPLE_1, build_kiosk, find, scan, tap


def spoken(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def check_names(window: QWidget) -> tuple[int, int]:
    """Labels and controls on show checked: (labels, controls)."""
    labels = controls = 0
    for widget in window.findChildren(QWidget):
        name = widget.objectName()
        if not name or name.startswith("qt_") or not widget.isVisible():
            continue
        assert widget.accessibleIdentifier() in ("", name), name
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            assert spoken(widget) != name, f"{name} reads out its id, not its text"
            assert spoken(widget).strip(), name
            labels += 1
        elif isinstance(widget, QAbstractButton | QLineEdit):
            assert widget.accessibleName() == name == spoken(widget), name
            controls += 1
    return labels, controls


def test_labels_read_their_text_and_controls_keep_their_names(qtbot: QtBot, store: Store) -> None:
    kiosk = build_kiosk(qtbot, store)
    window = kiosk.window
    counted = [check_names(window)]
    date = find(window, "welcome_date_label", QLabel)
    assert spoken(date) == date.text() and "tháng" in spoken(date)

    tap(qtbot, window, "welcome_submit_button")
    scan(qtbot, window, EXAMPLE_1, lambda: kiosk.controller.scan.confirm_button.isVisible())
    counted.append(check_names(window))
    tap(qtbot, window, "scan_confirm_button")
    counted.append(check_names(window))
    tap(qtbot, window, "procedure_tile_birth")
    counted.append(check_names(window))

    labels = sum(count for count, _ in counted)
    controls = sum(count for _, count in counted)
    assert labels >= 10 and controls >= 10, counted
