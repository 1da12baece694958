"""Enrolment with the province's portal and "Test connection", for the IT officer.

The kiosk id and the one-time enrolment secret go to
:func:`kiosk.admin.enrolment.enrol` (which stores the credentials outside the
database); "Test connection" runs :func:`kiosk.admin.enrolment.test_connection`
and lists each check (DNS, connection, TLS, sign-in, API version) in plain words.
Both run off the GUI thread; ``enrolment_finished`` / ``test_finished`` fire when
their answer is on screen. The secret field is emptied after every attempt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.admin.enrolment import CheckResult, EnrolmentResult, enrol, test_connection
from kiosk.admin.errors import SettingsError
from kiosk.admin.settings import apply_settings
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.ui.background import TaskRunner
from kiosk.ui.keyboard import KeyboardKind, set_keyboard_kind
from kiosk.ui.staff.common import refusal_text, text_label
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, name_widget, set_role, touch_scroll_area
from sync.credentials import KioskCredentials, load_credentials


def stored_credentials(layout: HomeLayout) -> KioskCredentials | None:
    """The saved credentials, or None when there are none or the file is damaged."""
    try:
        return load_credentials(layout)
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class _Enrolled:
    result: EnrolmentResult
    checks: list[CheckResult]
    saved_config: KioskConfig | None
    url_problem: SettingsError | None


class EnrolmentPanel(Retranslated, QWidget):
    """Fields ``enrolment_portal_url``, ``enrolment_kiosk_id``, ``enrolment_secret``;
    buttons ``enrolment_submit_button`` and ``enrolment_test_button``; the checks
    in ``enrolment_check_<name>`` labels."""

    enrolment_finished = Signal(bool)
    test_finished = Signal()
    settings_saved = Signal(object)  # KioskConfig, when the portal URL was saved too

    def __init__(
        self,
        layout: HomeLayout,
        config: KioskConfig,
        store: Store | None = None,
        actor: Callable[[], Actor | None] = lambda: None,
        language: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrolment_panel")
        self.home = layout
        self.config = config
        self.store = store
        self.actor = actor
        self.language = language
        self.checks: list[CheckResult] = []
        self._message = ""
        self._message_is_error = False
        self.task = TaskRunner(self)
        self.task.busy_changed.connect(self._busy)

        self.title_label = text_label("enrolment_title_label", "heading")
        self.help_label = text_label("enrolment_help_label", "muted")
        self.url_label = text_label("enrolment_portal_url_label")
        self.kiosk_id_label = text_label("enrolment_kiosk_id_label")
        self.secret_label = text_label("enrolment_secret_label")
        self.url_field = self._field("enrolment_portal_url", 300)
        self.kiosk_id_field = self._field("enrolment_kiosk_id", 64)
        self.secret_field = self._field("enrolment_secret", 200)
        self.secret_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.enrol_button = big_button("", "enrolment_submit_button")
        self.enrol_button.clicked.connect(self.start_enrolment)
        self.test_button = big_button("", "enrolment_test_button", role="secondary")
        self.test_button.clicked.connect(self.start_test)
        self.message_label = text_label("enrolment_message_label")
        self.results_title = text_label("enrolment_results_title")
        self.results = QWidget()
        self.results.setObjectName("enrolment_results")
        self.results_layout = QVBoxLayout(self.results)
        self.results_layout.setContentsMargins(0, 0, 0, 0)
        self.results_layout.setSpacing(6)
        self.check_labels: list[QLabel] = []

        form = QFormLayout()
        form.setSpacing(10)
        form.addRow(self.url_label, self.url_field)
        form.addRow(self.kiosk_id_label, self.kiosk_id_field)
        form.addRow(self.secret_label, self.secret_field)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.enrol_button)
        buttons.addWidget(self.test_button)
        content = QWidget()
        content.setObjectName("enrolment_content")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 12, 0)
        inner.setSpacing(10)
        inner.addWidget(self.help_label)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.message_label)
        inner.addWidget(self.results_title)
        inner.addWidget(self.results)
        inner.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addWidget(self.title_label)
        outer.addWidget(touch_scroll_area(content, "enrolment_scroll"), 1)
        self.reset()

    def _field(self, name: str, limit: int) -> QLineEdit:
        field = QLineEdit()
        name_widget(field, name)
        field.setMaxLength(limit)
        set_keyboard_kind(field, KeyboardKind.LETTERS)
        return field

    # -- what the staff home calls -----------------------------------------------------

    def refresh(self) -> None:
        if not self.url_field.text():
            self.url_field.setText(self.config.portal.url)

    def reset(self) -> None:
        self.url_field.setText(self.config.portal.url)
        self.kiosk_id_field.clear()
        self.secret_field.clear()
        self.checks = []
        self._message = ""
        self.retranslate()

    def set_config(self, config: KioskConfig) -> None:
        self.config = config

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def start_enrolment(self) -> None:
        """Exchange the one-time secret for credentials, then test the connection."""
        url = self.url_field.text().strip()
        kiosk_id = self.kiosk_id_field.text()
        secret = self.secret_field.text()
        self.secret_field.clear()
        config, home, store, actor = self.config, self.home, self.store, self.actor()

        def work() -> _Enrolled:
            result = enrol(config, home, url, kiosk_id, secret, store=store, actor=actor)
            saved: KioskConfig | None = None
            problem: SettingsError | None = None
            if url != config.portal.url:
                try:
                    saved = apply_settings(
                        home, config, {"portal.url": url}, store=store, actor=actor
                    )
                except SettingsError as refused:
                    problem = refused
            credentials = stored_credentials(home)
            ca_bundle = (saved or config).portal.ca_bundle or None
            return _Enrolled(result, test_connection(url, ca_bundle, credentials), saved, problem)

        if self.task.start(work, self._enrolled, self._enrolment_failed):
            self._say(self.tr("Đang đăng ký với Cổng…"), error=False)

    def start_test(self) -> None:
        url = self.url_field.text().strip()
        home, ca_bundle = self.home, self.config.portal.ca_bundle or None

        def work() -> list[CheckResult]:
            return test_connection(url, ca_bundle, stored_credentials(home))

        if self.task.start(work, self._tested, self._test_failed):
            self._say(self.tr("Đang kiểm tra kết nối…"), error=False)

    # -- answers ----------------------------------------------------------------------

    def _enrolled(self, outcome: object) -> None:
        assert isinstance(outcome, _Enrolled)
        text = self.tr("Đã đăng ký ki-ốt {kiosk_id}. Thông tin đăng nhập đã được lưu.").format(
            kiosk_id=outcome.result.kiosk_id
        )
        if outcome.saved_config is not None:
            self.config = outcome.saved_config
            text += " " + self.tr("Địa chỉ Cổng đã được lưu vào cài đặt.")
            self.settings_saved.emit(outcome.saved_config)
        if outcome.url_problem is not None:
            text += " " + (refusal_text(outcome.url_problem, self.language) or "")
        self.kiosk_id_field.clear()
        self.checks = outcome.checks
        self._say(text, error=False)
        self.enrolment_finished.emit(True)

    def _enrolment_failed(self, error: object) -> None:
        self._say(
            refusal_text(error, self.language) or self.tr("Đăng ký không thành công."),
            error=True,
        )
        self.enrolment_finished.emit(False)

    def _tested(self, checks: object) -> None:
        self.checks = list(checks) if isinstance(checks, list) else []
        failed = [check for check in self.checks if not check.ok]
        self._say(
            self.tr("Kết nối tốt: mọi bước đều được.")
            if not failed
            else self.tr("Có {count} bước chưa được, xem bên dưới.").format(count=len(failed)),
            error=bool(failed),
        )
        self.test_finished.emit()

    def _test_failed(self, error: object) -> None:
        self._say(
            refusal_text(error, self.language) or self.tr("Không kiểm tra được kết nối."),
            error=True,
        )
        self.test_finished.emit()

    def _say(self, text: str, *, error: bool) -> None:
        self._message = text
        self._message_is_error = error
        self._show()

    def _busy(self, busy: bool) -> None:
        self.enrol_button.setEnabled(not busy)
        self.test_button.setEnabled(not busy)

    # -- texts ------------------------------------------------------------------------

    def check_title(self, name: str) -> str:
        titles = {
            "dns": self.tr("Tìm máy chủ (DNS)"),
            "tcp": self.tr("Kết nối mạng tới máy chủ"),
            "tls": self.tr("Kết nối bảo mật (TLS)"),
            "auth": self.tr("Đăng nhập Cổng bằng thông tin của ki-ốt"),
            "api_version": self.tr("Phiên bản giao diện của Cổng"),
        }
        return titles.get(name, name)

    def check_state(self, check: CheckResult) -> str:
        if check.skipped and not check.ok:
            return self.tr("Chưa kiểm tra")
        return self.tr("Được") if check.ok else self.tr("Chưa được")

    def _show(self) -> None:
        self.message_label.setText(self._message)
        set_role(self.message_label, "error" if self._message_is_error else "")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setVisible(bool(self._message))
        for label in self.check_labels:  # out of sight and out of findChild() at once
            self.results_layout.removeWidget(label)
            label.setParent(None)
            label.deleteLater()
        self.check_labels = []
        for check in self.checks:
            label = text_label(f"enrolment_check_{check.name}", "" if check.ok else "error")
            label.setText(
                f"{self.check_state(check)} — {self.check_title(check.name)}: "
                f"{check.message.get(self.language)}"
            )
            self.results_layout.addWidget(label)
            self.check_labels.append(label)
        self.results_title.setVisible(bool(self.checks))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Đăng ký ki-ốt với Cổng dịch vụ công"))
        self.help_label.setText(
            self.tr(
                "Nhập mã ki-ốt và mã đăng ký dùng một lần do tỉnh cấp. Thông tin đăng nhập "
                "được lưu ngoài cơ sở dữ liệu; mã đăng ký không được lưu."
            )
        )
        self.url_label.setText(self.tr("Địa chỉ Cổng"))
        self.kiosk_id_label.setText(self.tr("Mã ki-ốt"))
        self.secret_label.setText(self.tr("Mã đăng ký"))
        self.enrol_button.setText(self.tr("Đăng ký ki-ốt"))
        self.test_button.setText(self.tr("Kiểm tra kết nối"))
        self.results_title.setText(self.tr("Kết quả kiểm tra:"))
        self._show()
