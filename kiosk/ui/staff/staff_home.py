"""The staff home: what a signed-in volunteer (and the IT officer) can open.

A column of big tab buttons on the left (``staff_tab_<name>``) and the chosen
panel on the right. Everyone gets the work queue and "Today"; an admin also
gets staff accounts, settings, enrolment, backups, data subject requests and
the audit log
(those tab buttons are hidden, and their panels never shown, for a volunteer).

Signals: ``sign_out_requested``, ``serve_citizen_requested`` (back to the
citizens: the sign-in ends with that citizen's session unless
``stay_signed_in_toggled(True)``, the "Giữ đăng nhập" switch, see
kiosk/volunteers/staff_session.py), ``case_open_requested(case_id)`` from the work
queue, ``settings_saved(KioskConfig)``, ``restart_required(RestoreOutcome)`` after a
restore and ``restart_requested`` (its "restart now" button).
:meth:`reset` forgets every citizen shown (queue rows, the data request).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.ui.printing import list_printers
from kiosk.ui.staff.accounts import AccountsPanel
from kiosk.ui.staff.audit_log import AuditLogPanel
from kiosk.ui.staff.backups import BackupsPanel
from kiosk.ui.staff.common import keep_normal_text_size, text_label
from kiosk.ui.staff.data_requests import DataRequestsPanel
from kiosk.ui.staff.enrolment import EnrolmentPanel
from kiosk.ui.staff.queue import WorkQueuePanel
from kiosk.ui.staff.settings import SettingsPanel
from kiosk.ui.staff.today import TodayPanel
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import MIN_TOUCH_PX, big_button
from kiosk.volunteers import SignedIn, VolunteerService, WorkQueue
from kiosk.volunteers.printer_health import printer_health

TABS = (
    "queue",
    "today",
    "accounts",
    "settings",
    "enrolment",
    "backups",
    "data_requests",
    "audit_log",
)
ADMIN_TABS = frozenset(
    {"accounts", "settings", "enrolment", "backups", "data_requests", "audit_log"}
)


class StaffHome(Retranslated, QWidget):
    sign_out_requested = Signal()
    serve_citizen_requested = Signal()
    case_open_requested = Signal(str)
    settings_saved = Signal(object)  # KioskConfig
    restart_requested = Signal()
    restart_required = Signal(object)  # RestoreOutcome: the database was replaced
    quit_requested = Signal()  # an admin (signed in with the admin PIN) closes the kiosk
    # On: the sign-in outlives the next citizen's session (the staff screens still ask the PIN).
    stay_signed_in_toggled = Signal(bool)

    def __init__(
        self,
        volunteer_service: VolunteerService,
        store: Store,
        catalogue: Catalogue,
        config: KioskConfig,
        layout: HomeLayout,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staff_home")
        self.volunteer_service = volunteer_service
        self.language = language
        self.volunteer: SignedIn | None = None
        self.config = config
        self.current_tab = "queue"
        actor: Callable[[], Actor | None] = self.actor

        self.queue_panel = WorkQueuePanel(WorkQueue(store, catalogue), language)
        self.today_panel = TodayPanel(
            store,
            catalogue,
            language,
            device_health=lambda: printer_health(self.config.printing.printer, list_printers()),
        )
        self.accounts_panel = AccountsPanel(volunteer_service, actor, language)
        self.settings_panel = SettingsPanel(layout, config, store, actor, language)
        self.enrolment_panel = EnrolmentPanel(layout, config, store, actor, language)
        self.backups_panel = BackupsPanel(store, config, actor, language)
        self.data_requests_panel = DataRequestsPanel(
            store, layout, config, catalogue, actor, language
        )
        self.audit_log_panel = AuditLogPanel(store, layout, language)
        self.panels: dict[str, QWidget] = {
            "queue": self.queue_panel,
            "today": self.today_panel,
            "accounts": self.accounts_panel,
            "settings": self.settings_panel,
            "enrolment": self.enrolment_panel,
            "backups": self.backups_panel,
            "data_requests": self.data_requests_panel,
            "audit_log": self.audit_log_panel,
        }
        self.queue_panel.case_open_requested.connect(self.case_open_requested)
        self.settings_panel.settings_saved.connect(self._settings_saved)
        self.enrolment_panel.settings_saved.connect(self._settings_saved)
        self.backups_panel.restart_requested.connect(self.restart_requested)
        self.backups_panel.restart_required.connect(self.restart_required)

        self.who_label = text_label("staff_who_label", "heading")
        self.serve_button = big_button("", "staff_serve_citizen_button", role="secondary")
        self.serve_button.setMinimumHeight(MIN_TOUCH_PX)
        self.serve_button.clicked.connect(self.serve_citizen_requested)
        self.stay_button = big_button("", "staff_stay_signed_in_button", role="choice")
        self.stay_button.setCheckable(True)
        self.stay_button.setMinimumHeight(MIN_TOUCH_PX)
        self.stay_button.toggled.connect(self.stay_signed_in_toggled)
        self.sign_out_button = big_button("", "staff_sign_out_button", role="secondary")
        self.sign_out_button.setMinimumHeight(MIN_TOUCH_PX)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.quit_button = big_button("", "staff_quit_button", role="secondary")
        self.quit_button.setMinimumHeight(MIN_TOUCH_PX)
        self.quit_button.clicked.connect(self.quit_requested)
        self.quit_button.hide()
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.who_label, 1)
        top.addWidget(self.stay_button)
        top.addWidget(self.serve_button)
        top.addWidget(self.quit_button)
        top.addWidget(self.sign_out_button)

        self.tab_buttons: dict[str, QPushButton] = {}
        tabs = QVBoxLayout()
        tabs.setContentsMargins(0, 0, 0, 0)
        tabs.setSpacing(8)
        for name in TABS:
            button = big_button("", f"staff_tab_{name}", role="choice")
            button.setCheckable(True)
            button.setMinimumHeight(MIN_TOUCH_PX)
            button.clicked.connect(lambda _checked=False, n=name: self.show_tab(n))
            tabs.addWidget(button)
            self.tab_buttons[name] = button
        tabs.addStretch(1)
        tab_column = QWidget()
        tab_column.setObjectName("staff_tabs")
        tab_column.setLayout(tabs)
        self.tab_column = tab_column
        self.stack = QStackedWidget()
        self.stack.setObjectName("staff_stack")
        for panel in self.panels.values():
            self.stack.addWidget(panel)
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(tab_column)
        body.addWidget(self.stack, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        outer.addLayout(top)
        outer.addLayout(body, 1)
        self.set_volunteer(None)
        self.retranslate()

    # -- what the controller calls ----------------------------------------------------

    def actor(self) -> Actor | None:
        """Who acts in the audit: the signed-in volunteer or admin."""
        return None if self.volunteer is None else self.volunteer.actor

    def set_volunteer(self, volunteer: SignedIn | None) -> None:
        """Show who is signed in and the tabs their role allows."""
        if volunteer != self.volunteer:  # every sign-in starts with "sign out after the citizen"
            self.stay_button.setChecked(False)
        self.volunteer = volunteer
        is_admin = volunteer is not None and volunteer.is_admin
        for name, button in self.tab_buttons.items():
            button.setVisible(name not in ADMIN_TABS or is_admin)
        self.quit_button.setVisible(is_admin)
        if self.current_tab in ADMIN_TABS and not is_admin:
            self.current_tab = "queue"
        if volunteer is None:
            self.reset()
        self._show_who()
        self._select(self.current_tab)

    def allowed_tabs(self) -> list[str]:
        is_admin = self.volunteer is not None and self.volunteer.is_admin
        return [name for name in TABS if name not in ADMIN_TABS or is_admin]

    def show_tab(self, name: str) -> None:
        """Open a panel (refreshed); an admin panel only for an admin."""
        if name not in self.allowed_tabs():
            return
        self._select(name)
        refresh = getattr(self.panels[name], "refresh", None)
        if callable(refresh):
            refresh()

    def reset(self) -> None:
        """Forget every citizen shown (queue rows, the data request, settings typed)."""
        for panel in self.panels.values():
            reset = getattr(panel, "reset", None)
            if callable(reset):
                reset()

    def set_config(self, config: KioskConfig) -> None:
        self.config = config
        for panel in self.panels.values():
            set_config = getattr(panel, "set_config", None)
            if callable(set_config):
                set_config(config)

    def set_language(self, language: str) -> None:
        self.language = language
        for panel in self.panels.values():
            set_language = getattr(panel, "set_language", None)
            if callable(set_language):
                set_language(language)
        self.retranslate()

    # -- inside -----------------------------------------------------------------------

    def _select(self, name: str) -> None:
        self.current_tab = name
        self.stack.setCurrentWidget(self.panels[name])
        for tab, button in self.tab_buttons.items():
            button.setChecked(tab == name)

    def _settings_saved(self, config: object) -> None:
        if isinstance(config, KioskConfig):
            self.set_config(config)
            self.settings_saved.emit(config)

    def _fit_tabs(self) -> None:
        """The tab column as wide as its longest title at the current text size."""
        widest = 0
        for button in self.tab_buttons.values():
            button.ensurePolished()  # the style sheet's button size, not the default font
            bold = QFont(button.font())
            bold.setBold(True)  # a checked tab is bold
            widest = max(widest, QFontMetrics(bold).horizontalAdvance(button.text()))
        # Padding 2 x 20 px and a checked tab's 4 px border on each side, with room to spare.
        self.tab_column.setFixedWidth(max(240, widest + 64))
        # The "stay signed in" switch is bold when on: wide enough for that too.
        self.stay_button.ensurePolished()
        bold = QFont(self.stay_button.font())
        bold.setBold(True)
        self.stay_button.setMinimumWidth(
            QFontMetrics(bold).horizontalAdvance(self.stay_button.text()) + 64
        )

    def _show_who(self) -> None:
        volunteer = self.volunteer
        if volunteer is None:
            self.who_label.setText("")
            return
        role = self.tr("quản trị") if volunteer.is_admin else self.tr("tình nguyện viên")
        self.who_label.setText(
            self.tr("Cán bộ: {name} ({role})").format(name=volunteer.name, role=role)
        )

    def retranslate(self) -> None:
        titles = {
            "queue": self.tr("Việc cần làm"),
            "today": self.tr("Hôm nay"),
            "accounts": self.tr("Tài khoản"),
            "settings": self.tr("Cài đặt"),
            "enrolment": self.tr("Đăng ký ki-ốt"),
            "backups": self.tr("Sao lưu"),
            "data_requests": self.tr("Dữ liệu cá nhân"),
            "audit_log": self.tr("Nhật ký"),
        }
        for name, button in self.tab_buttons.items():
            button.setText(titles[name])
        self.serve_button.setText(self.tr("Phục vụ công dân"))
        self.stay_button.setText(self.tr("Giữ đăng nhập"))
        self.stay_button.setToolTip(
            self.tr(
                "Bật: vẫn đăng nhập sau lượt của công dân (vào lại màn hình cán bộ cần mã PIN)."
            )
        )
        self.sign_out_button.setText(self.tr("Đăng xuất"))
        self.quit_button.setText(self.tr("Tắt ki-ốt"))
        self._show_who()
        self._fit_tabs()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_tabs()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        keep_normal_text_size(self)
        self._fit_tabs()  # the citizen's larger text may have been switched on meanwhile
        super().showEvent(event)
