"""Small pieces shared by the staff screens: labels, scrolling, exports, refusals.

The staff panels run everything that may take more than a blink (network
checks, PDF rendering, backups, CSV exports, reports over many cases) on
:class:`kiosk.ui.background.TaskRunner`, the GUI's one background runner.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.cases.clock import VIETNAM, from_storage
from kiosk.fileio import atomic_write
from kiosk.procedures.base import LocalText
from kiosk.ui.theme import style_sheet, theme_for
from kiosk.ui.widgets import big_button, set_role

log = logging.getLogger(__name__)

# Staff tables hold many columns: a little smaller than the citizens' 20 pt body text.
TABLE_STYLE = "QTableView, QHeaderView { font-size: 16pt; }"
MIN_ROW_STYLE = "QListWidget::item { min-height: 60px; }"


def text_label(name: str, role: str | None = None, *, wrap: bool = True) -> QLabel:
    """A named label (objectName only: labels are not interactive)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        set_role(label, role)
    return label


def keep_normal_text_size(widget: QWidget) -> None:
    """Staff screens keep the normal text size when a citizen chose larger text.

    Larger text is the citizen's switch; the staff tools hold tables and forms that
    would not fit the screen at +30 %. Colours still follow the high-contrast switch.
    """
    app = QApplication.instance()
    large = bool(app.property("kiosk_large_text")) if app is not None else False
    wanted = ""
    if large and app is not None:
        wanted = style_sheet(theme_for(bool(app.property("kiosk_high_contrast")), False))
    if widget.styleSheet() != wanted:
        widget.setStyleSheet(wanted)


def local_time(stored: dt.datetime | None, with_date: bool = True) -> str:
    """A stored naive-UTC (or aware) moment as the ward office's local ``dd/mm/yyyy HH:MM``."""
    if stored is None:
        return ""
    moment = from_storage(stored) if stored.tzinfo is None else stored
    local = moment.astimezone(VIETNAM)
    return local.strftime("%d/%m/%Y %H:%M" if with_date else "%H:%M")


def write_private(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` atomically, readable by the kiosk user only."""
    atomic_write(path, payload, mode=0o600)


def refusal_text(error: object, language: str) -> str | None:
    """The refusal's own message (domain errors carry one), or None for a bug.

    A bug is logged by its type only: messages may hold personal data.
    """
    message = getattr(error, "message", None)
    if isinstance(message, LocalText):
        return message.get(language)
    if isinstance(error, OSError):
        log.error("staff task failed on the file system: %s", type(error).__name__)
        return None
    log.error("staff task failed unexpectedly: %s", type(error).__name__)
    return None


class ConfirmationPanel(QWidget):
    """ "Are you sure?" under the tool it belongs to: a sentence, then cancel and confirm.

    Used for what cannot be undone (restore a backup, delete a citizen's data).
    ``confirmed`` / ``cancelled`` on the taps; the panel hides itself on either.
    """

    confirmed = Signal()
    cancelled = Signal()

    def __init__(
        self, name: str, confirm_name: str, cancel_name: str, *, label_role: str = "heading"
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self.label = text_label(name.replace("_panel", "_label"), label_role)
        self.confirm_button = big_button("", confirm_name)
        self.cancel_button = big_button("", cancel_name, role="secondary")
        self.confirm_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        self.setVisible(False)

    def ask(self, question: str) -> None:
        self.label.setText(question)
        self.setVisible(True)

    def dismiss(self) -> None:
        self.setVisible(False)
        self.label.clear()

    def _confirm(self) -> None:
        self.setVisible(False)
        self.confirmed.emit()

    def _cancel(self) -> None:
        self.dismiss()
        self.cancelled.emit()
