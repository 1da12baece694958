"""The settings screen's service: texts from the form in, a validated config.toml out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.admin.errors import SettingsError
from kiosk.admin.settings import SETTINGS, apply_settings, editable_settings
from kiosk.cases.audit import Actor
from kiosk.config import KioskConfig, load
from kiosk.paths import HomeLayout
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent

pytestmark = pytest.mark.backends("sqlite", "postgresql")

ADMIN = Actor("admin", "1")


def test_every_setting_names_a_real_field() -> None:
    values = editable_settings(KioskConfig())
    assert [value.setting.key for value in values] == [s.key for s in SETTINGS]
    shown = {value.setting.key: value.text for value in values}
    assert shown["kiosk_number"] == "1"
    assert shown["portal.timeout_seconds"] == "10"
    assert shown["printing.paper"] == "A5"


def test_a_change_survives_a_restart(kiosk_layout: HomeLayout, store: Store) -> None:
    current = load(kiosk_layout)
    changed = apply_settings(
        kiosk_layout,
        current,
        {
            "kiosk_number": " 7 ",
            "ward.agency_code": "000.00.22.h43",
            "printing.paper": "80mm",
            "printing.printer": "Máy in quầy   1",
            "portal.timeout_seconds": "12,5",
            "fees.account": "1234567890",
            "retention.draft_expiry_days": "14",
        },
        store=store,
        actor=ADMIN,
    )
    assert changed.kiosk_number == 7
    restarted = load(kiosk_layout)  # what the next start reads from config.toml
    assert restarted == changed
    assert restarted.kiosk_number == 7
    assert restarted.ward.agency_code == "000.00.22.H43"
    assert restarted.printing.paper == "80mm"
    assert restarted.printing.printer == "Máy in quầy 1"
    assert restarted.portal.timeout_seconds == 12.5
    assert restarted.retention.draft_expiry_days == 14
    with store.sessions() as session:
        details = session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "settings_changed")
        ).one()
    assert set(details["keys"]) == {
        "kiosk_number",
        "ward.agency_code",
        "printing.paper",
        "printing.printer",
        "portal.timeout_seconds",
        "fees.account",
        "retention.draft_expiry_days",
    }


@pytest.mark.parametrize(
    ("key", "raw", "label"),
    [
        ("kiosk_number", "0", "Số ki-ốt"),
        ("kiosk_number", "bảy", "Số ki-ốt"),
        ("kiosk_number", "7.5", "Số ki-ốt"),
        ("ward.code", "2055", "Mã phường"),
        ("ward.agency_code", "H42", "Mã cơ quan"),
        ("portal.url", "ftp://portal", "Địa chỉ Cổng dịch vụ công"),
        ("portal.ca_bundle", "/no/such/file.pem", "Tệp chứng chỉ gốc"),
        ("portal.timeout_seconds", "1000", "Thời gian chờ Cổng"),
        ("printing.paper", "A4", "Khổ giấy"),
        ("fees.bank_bin", "97040", "Mã ngân hàng"),
        ("fees.account", "12 34", "Số tài khoản"),
        ("timeouts.idle_seconds", "5", "quay về màn hình chào"),
        ("retention.retention_days", "-1", "hồ sơ đã xong"),
        ("mode", "demo", "Chế độ hoạt động"),
        ("printing.printer", "x" * 10_000, "Máy in"),
        ("printing.printer", "Máy\x00in", "Máy in"),
        ("kiosk_number", "😀", "Số ki-ốt"),
        ("kiosk_number", None, "Số ki-ốt"),
    ],
)
def test_invalid_values_are_refused_naming_the_setting(
    kiosk_layout: HomeLayout, key: str, raw: object, label: str
) -> None:
    before = load(kiosk_layout)
    with pytest.raises(SettingsError) as refused:
        apply_settings(kiosk_layout, before, {"ward.name": "Phường Hải Châu", key: raw})
    assert refused.value.key == key
    assert label in refused.value.message.vi
    assert not kiosk_layout.config_file.exists(), "nothing is written when a value is refused"


def test_live_mode_needs_an_https_url(kiosk_layout: HomeLayout) -> None:
    with pytest.raises(SettingsError) as refused:
        apply_settings(kiosk_layout, load(kiosk_layout), {"mode": "live"})
    assert refused.value.key == "portal.url"
    assert "https://" in refused.value.message.vi
    live = apply_settings(
        kiosk_layout,
        load(kiosk_layout),
        {"mode": "live", "portal.url": "https://dichvucong.danang.gov.vn"},
    )
    assert live.mode == "live" and load(kiosk_layout).mode == "live"


def test_unknown_settings_are_refused(kiosk_layout: HomeLayout) -> None:
    with pytest.raises(SettingsError) as refused:
        apply_settings(kiosk_layout, load(kiosk_layout), {"key_store": "file"})
    assert refused.value.key == "key_store"


def test_an_environment_override_is_not_written_to_the_file(
    kiosk_layout: HomeLayout, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply_settings(
        kiosk_layout,
        load(kiosk_layout),
        {"mode": "live", "portal.url": "https://dichvucong.danang.gov.vn"},
    )
    monkeypatch.setenv("KIOSK_MODE", "training")
    running = load(kiosk_layout)
    assert running.mode == "training"
    after = apply_settings(kiosk_layout, running, {"kiosk_number": "3"})
    assert after.mode == "training"  # the environment still wins while it is set
    monkeypatch.delenv("KIOSK_MODE")
    assert load(kiosk_layout).mode == "live"
    assert load(kiosk_layout).kiosk_number == 3
