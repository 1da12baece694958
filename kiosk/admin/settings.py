"""The IT officer's settings screen, without the screen: parse, check, save ``config.toml``.

What a caller may rely on:
- :data:`SETTINGS` lists every editable setting once (dotted key, labels, kind,
  choices); :func:`editable_settings` gives them with the current values as text;
- :func:`apply_settings` takes the texts the form holds, refuses the first bad value
  with a Vietnamese message naming the setting (:class:`SettingsError`, ``key`` set),
  and otherwise saves atomically through :func:`kiosk.config.save`: the file is never
  half written, and nothing is written when any value is refused;
- changes are applied to what ``config.toml`` says, not to the running configuration,
  so an environment override (``KIOSK_MODE``, ``KIOSK_PORTAL_URL``) is never written
  into the file by accident; the returned configuration is the file plus the environment,
  as the next start will see it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from kiosk.admin.errors import SettingsError
from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.config import ConfigError, KioskConfig, load, parse, save, validate
from kiosk.identity.text import collapse_spaces
from kiosk.paths import HomeLayout
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store

SettingKind = Literal["text", "int", "float", "choice"]
MAX_TEXT_CHARS = 300


@dataclass(frozen=True)
class Setting:
    """One editable setting. ``rule`` says in plain words what a valid value is."""

    key: str
    label: LocalText
    kind: SettingKind
    rule: LocalText
    choices: tuple[tuple[str, LocalText], ...] = ()
    upper: bool = False  # codes typed in lower case are stored in upper case


def _s(
    key: str,
    label_vi: str,
    label_en: str,
    kind: SettingKind,
    rule_vi: str,
    rule_en: str,
    choices: tuple[tuple[str, LocalText], ...] = (),
    *,
    upper: bool = False,
) -> Setting:
    return Setting(
        key, LocalText(label_vi, label_en), kind, LocalText(rule_vi, rule_en), choices, upper
    )


_ANY_TEXT = ("không quá 300 ký tự", "at most 300 characters")

SETTINGS: tuple[Setting, ...] = (
    _s(
        "mode",
        "Chế độ hoạt động",
        "Mode",
        "choice",
        "phải là Huấn luyện hoặc Chính thức",
        "must be training or live",
        (
            ("training", LocalText("Huấn luyện", "Training")),
            ("live", LocalText("Chính thức", "Live")),
        ),
    ),
    _s("kiosk_number", "Số ki-ốt", "Kiosk number", "int", "phải là số từ 1 đến 99", "must be 1-99"),
    _s(
        "language",
        "Ngôn ngữ mặc định",
        "Default language",
        "choice",
        "phải là tiếng Việt hoặc tiếng Anh",
        "must be Vietnamese or English",
        (("vi", LocalText("Tiếng Việt", "Vietnamese")), ("en", LocalText("Tiếng Anh", "English"))),
    ),
    _s("ward.name", "Tên phường", "Ward name", "text", *_ANY_TEXT),
    _s(
        "ward.code",
        "Mã phường",
        "Ward code",
        "text",
        "phải là mã thống kê 5 chữ số của phường",
        "must be the ward's 5-digit statistics code",
    ),
    _s(
        "ward.agency_code",
        "Mã cơ quan",
        "Agency code",
        "text",
        "phải có dạng 000.00.21.H42 (Thông tư 01/2018)",
        "must look like 000.00.21.H42 (Circular 01/2018)",
        upper=True,
    ),
    _s("ward.agency_name", "Tên cơ quan", "Agency name", "text", *_ANY_TEXT),
    _s("ward.receiving_unit", "Bộ phận tiếp nhận", "Receiving unit", "text", *_ANY_TEXT),
    _s("ward.collect_at", "Nơi nhận kết quả", "Where results are collected", "text", *_ANY_TEXT),
    _s(
        "portal.url",
        "Địa chỉ Cổng dịch vụ công",
        "Portal URL",
        "text",
        "phải là địa chỉ bắt đầu bằng http:// hoặc https:// (chế độ Chính thức cần https://)",
        "must start with http:// or https:// (live mode needs https://)",
    ),
    _s(
        "portal.ca_bundle",
        "Tệp chứng chỉ gốc (CA) của Cổng",
        "Portal CA bundle file",
        "text",
        "phải là đường dẫn tới một tệp có trên máy, hoặc để trống",
        "must be the path of an existing file, or empty",
    ),
    _s(
        "portal.timeout_seconds",
        "Thời gian chờ Cổng trả lời (giây)",
        "Portal timeout (seconds)",
        "float",
        "phải là số từ 0,5 đến 120",
        "must be between 0.5 and 120",
    ),
    _s("printing.printer", "Máy in", "Printer", "text", *_ANY_TEXT),
    _s(
        "printing.paper",
        "Khổ giấy",
        "Paper size",
        "choice",
        "phải là A5 hoặc giấy cuộn 80 mm",
        "must be A5 or 80 mm roll",
        (("A5", LocalText("A5", "A5")), ("80mm", LocalText("Giấy cuộn 80 mm", "80 mm roll"))),
    ),
    _s(
        "fees.bank_bin",
        "Mã ngân hàng (BIN) thu phí",
        "Fee bank BIN",
        "text",
        "phải là mã BIN 6 chữ số của ngân hàng",
        "must be the bank's 6-digit BIN",
    ),
    _s(
        "fees.account",
        "Số tài khoản thu phí",
        "Fee account number",
        "text",
        "phải gồm 1 đến 19 chữ cái hoặc chữ số, không dấu cách",
        "must be 1-19 letters or digits, no spaces",
    ),
    _s("fees.account_name", "Tên tài khoản thu phí", "Fee account name", "text", *_ANY_TEXT),
    _s(
        "timeouts.idle_seconds",
        "Tự quay về màn hình chào sau (giây)",
        "Idle timeout (seconds)",
        "int",
        "phải là số từ 15 đến 3600",
        "must be 15-3600",
    ),
    _s(
        "timeouts.countdown_seconds",
        "Thời gian đếm ngược trước khi quay về (giây)",
        "Countdown (seconds)",
        "int",
        "phải là số từ 5 đến 300",
        "must be 5-300",
    ),
    _s(
        "timeouts.volunteer_idle_seconds",
        "Tự đăng xuất cán bộ sau (giây)",
        "Volunteer sign-out after (seconds)",
        "int",
        "phải là số từ 60 đến 7200",
        "must be 60-7200",
    ),
    _s(
        "timeouts.volunteer_max_seconds",
        "Cán bộ luôn phải đăng nhập lại sau (giây)",
        "Staff sign-in always ends after (seconds)",
        "int",
        "phải là số từ 600 đến 43200",
        "must be 600-43200",
    ),
    _s(
        "retention.draft_expiry_days",
        "Xoá hồ sơ nháp bỏ dở sau (ngày)",
        "Draft expiry (days)",
        "int",
        "phải là số từ 1 đến 365",
        "must be 1-365",
    ),
    _s(
        "retention.retention_days",
        "Xoá dữ liệu hồ sơ đã xong sau (ngày)",
        "Retention (days)",
        "int",
        "phải là số từ 1 đến 3650",
        "must be 1-3650",
    ),
    _s(
        "retention.backups_kept",
        "Số bản sao lưu giữ lại",
        "Backups kept",
        "int",
        "phải là số từ 1 đến 365",
        "must be 1-365",
    ),
)
SETTINGS_BY_KEY: dict[str, Setting] = {setting.key: setting for setting in SETTINGS}


@dataclass(frozen=True)
class SettingValue:
    """A setting with its current value as the form shows it."""

    setting: Setting
    text: str


def _refuse(setting: Setting) -> SettingsError:
    return SettingsError(
        setting.key,
        LocalText(
            f"{setting.label.vi}: {setting.rule.vi}.", f"{setting.label.en}: {setting.rule.en}."
        ),
    )


def _get(config: KioskConfig, key: str) -> Any:
    value: Any = config
    for part in key.split("."):
        value = getattr(value, part)
    return value


def _set(config: Any, key: str, value: Any) -> Any:
    head, _, rest = key.partition(".")
    if not rest:
        return replace(config, **{head: value})
    return replace(config, **{head: _set(getattr(config, head), rest, value)})


def _as_text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def editable_settings(config: KioskConfig) -> list[SettingValue]:
    """Every editable setting with its value as text, in the form's order."""
    return [SettingValue(setting, _as_text(_get(config, setting.key))) for setting in SETTINGS]


_INT = re.compile(r"[+-]?[0-9]{1,9}")
_FLOAT = re.compile(r"[+-]?[0-9]{1,9}(?:[.,][0-9]{1,6})?")


def parse_value(setting: Setting, raw: object) -> Any:
    """The typed value of one form entry, or :class:`SettingsError` for this setting."""
    if setting.kind == "int" and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if setting.kind == "float" and isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if not isinstance(raw, str) or len(raw) > MAX_TEXT_CHARS:
        raise _refuse(setting)
    text = collapse_spaces(raw)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise _refuse(setting)
    if setting.kind == "int":
        if not _INT.fullmatch(text):
            raise _refuse(setting)
        return int(text)
    if setting.kind == "float":
        if not _FLOAT.fullmatch(text):
            raise _refuse(setting)
        return float(text.replace(",", "."))
    if setting.kind == "choice":
        if text not in {value for value, _ in setting.choices}:
            raise _refuse(setting)
        return text
    return text.upper() if setting.upper else text


def _file_config(layout: HomeLayout, current: KioskConfig) -> KioskConfig:
    """What ``config.toml`` holds, without environment overrides."""
    path = layout.config_file
    if not path.exists():
        return KioskConfig(key_store=current.key_store)
    try:
        return parse(tomllib.loads(path.read_text(encoding="utf-8")), path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ConfigError):
        # A file broken since start-up: the running configuration is the best base.
        return current


def changed_keys(before: KioskConfig, after: KioskConfig) -> list[str]:
    """Dotted keys of the editable settings whose values differ."""
    return [s.key for s in SETTINGS if _get(before, s.key) != _get(after, s.key)]


def apply_settings(
    layout: HomeLayout,
    current: KioskConfig,
    changes: Mapping[str, object],
    *,
    store: Store | None = None,
    actor: Actor | None = None,
) -> KioskConfig:
    """Check ``changes`` (dotted key -> text from the form), save them, return the result.

    ``current`` is the running configuration (what the form showed). With ``store``
    and ``actor`` the change is audited as ``settings_changed`` with the keys changed
    (no values: the fee account and URLs are not personal, but need not be copied).
    """
    base = _file_config(layout, current)
    updated = base
    for key, raw in changes.items():
        setting = SETTINGS_BY_KEY.get(key)
        if setting is None:
            raise SettingsError(
                key, LocalText("Không có thiết lập này.", f"There is no setting {key!r}.")
            )
        updated = _set(updated, key, parse_value(setting, raw))
    try:
        validate(updated, layout.config_file)
    except ConfigError as error:
        setting = SETTINGS_BY_KEY.get(error.key)
        if setting is None:  # a setting the form does not edit (e.g. key_store)
            raise SettingsError(
                error.key, LocalText(f"Thiết lập {error.key} không hợp lệ.", str(error))
            ) from None
        raise _refuse(setting) from None
    try:
        save(updated, layout)
    except OSError as error:
        raise SettingsError(
            "(file)",
            LocalText(
                "Không ghi được tệp cấu hình (ổ đĩa đầy hoặc không có quyền ghi).",
                f"config.toml could not be written: {error.strerror or error}",
            ),
        ) from None
    if store is not None and actor is not None:
        keys = changed_keys(current, updated)
        with store.sessions.begin() as session:
            audit.record(session, actor, "settings_changed", keys=keys)
    return load(layout)
