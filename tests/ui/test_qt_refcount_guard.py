"""Guard for PySide6 6.12's None refcount bug (see README, "Why Python 3.12+").

On 3.12+ None is immortal so this cannot fail; it exists to catch anyone who
lowers the Python floor to 3.11, where the same loop aborts the interpreter.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_process_events_does_not_drain_none_refcount(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for index in range(20_000):
        if index % 100 == 0:
            label.setText(str(index))
        qapp.processEvents()
    assert sys.getrefcount(None) >= before
    assert sys.version_info >= (3, 12)
