"""The kiosk's one configuration file, ``config.toml`` in the kiosk home.

With no file at all the kiosk runs in training mode against the embedded
training portal, so ``make run`` on a fresh machine shows a working kiosk.
Environment variables override the file (``KIOSK_MODE``, ``KIOSK_PORTAL_URL``,
``KIOSK_HOME`` picks the home itself). A bad value is a :class:`ConfigError`
naming the file, the key and what is wrong; the entry points turn it into one
line on stderr and exit code 2.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import tomli_w

from kiosk.documents.tracking import check_url_template
from kiosk.fileio import atomic_write
from kiosk.paths import HomeLayout, kiosk_home

Mode = Literal["training", "live"]
PaperSize = Literal["A5", "80mm"]
KeyStore = Literal["auto", "keyring", "file"]

EXIT_CONFIG_ERROR = 2

# The national public-service portal's dossier look-up; a province sets its own page.
DEFAULT_TRACKING_URL_TEMPLATE = (
    "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma-ho-so={reference}"
)

_AGENCY_CODE = re.compile(r"^[0-9A-Z]{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


class ConfigError(Exception):
    """A configuration value the kiosk cannot run with."""

    def __init__(self, file: Path | str, key: str, problem: str) -> None:
        self.file = str(file)
        self.key = key
        self.problem = problem
        super().__init__(f"{self.file}: {key}: {problem}")


@dataclass(frozen=True)
class WardSettings:
    name: str = "Phường Điện Bàn"
    code: str = "20551"
    agency_code: str = "000.00.21.H42"
    agency_name: str = "UBND Phường Điện Bàn"
    receiving_unit: str = "Bộ phận Một cửa"
    collect_at: str = "Bộ phận Một cửa, UBND Phường Điện Bàn"


@dataclass(frozen=True)
class PortalSettings:
    url: str = ""
    ca_bundle: str = ""
    timeout_seconds: float = 10.0
    # The province portal's public tracking page; the receipt's QR opens it on a phone.
    tracking_url_template: str = DEFAULT_TRACKING_URL_TEMPLATE


@dataclass(frozen=True)
class PrintingSettings:
    printer: str = ""
    paper: PaperSize = "A5"


@dataclass(frozen=True)
class FeeAccount:
    bank_bin: str = "970405"
    account: str = "0000000000000"
    account_name: str = "Kho bạc Nhà nước"


@dataclass(frozen=True)
class Timeouts:
    idle_seconds: int = 90
    countdown_seconds: int = 20
    volunteer_idle_seconds: int = 600
    # A staff sign-in always ends this long after the PIN (kiosk/volunteers/staff_session.py).
    volunteer_max_seconds: int = 3600


@dataclass(frozen=True)
class ChipSettings:
    """The ID card chip reader (kiosk/identity/chip).

    ``csca_list``: the country signing CA certificates (PEM bundle) the IT
    officer installs; empty means ``<kiosk home>/csca/csca-list.pem``. Without
    it every chip reads as "not verified". ``reader``: the PC/SC reader name;
    empty means the first one.
    """

    csca_list: str = ""
    reader: str = ""


@dataclass(frozen=True)
class Retention:
    draft_expiry_days: int = 30
    retention_days: int = 90
    backups_kept: int = 14


@dataclass(frozen=True)
class DatabaseSettings:
    """Where the kiosk keeps its data: empty ``url`` means the SQLite file in the home.

    A ward with several kiosks points all of them at one PostgreSQL server
    (``postgresql+psycopg://user@server/ward``); see docs/operations.md.
    """

    url: str = ""
    # How long a draft opened at one kiosk stays locked to it after its last touch.
    draft_lock_minutes: int = 15

    @property
    def shared(self) -> bool:
        return bool(self.url)


@dataclass(frozen=True)
class AttachmentSettings:
    """How much scanned paper the kiosk keeps (sealed) before sync takes it away."""

    case_quota_mb: int = 40
    kiosk_quota_mb: int = 2048


@dataclass(frozen=True)
class StorageSettings:
    # Below this much free space the kiosk refuses NEW cases (drafts in progress,
    # submits and sync go on): its own writes must never meet a full disk.
    min_free_mb: int = 200


@dataclass(frozen=True)
class KioskConfig:
    """Every setting, with the defaults a fresh training kiosk runs on."""

    mode: Mode = "training"
    kiosk_number: int = 1
    language: Literal["vi", "en"] = "vi"
    key_store: KeyStore = "auto"
    ward: WardSettings = field(default_factory=WardSettings)
    portal: PortalSettings = field(default_factory=PortalSettings)
    printing: PrintingSettings = field(default_factory=PrintingSettings)
    fees: FeeAccount = field(default_factory=FeeAccount)
    timeouts: Timeouts = field(default_factory=Timeouts)
    retention: Retention = field(default_factory=Retention)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    attachments: AttachmentSettings = field(default_factory=AttachmentSettings)
    chip: ChipSettings = field(default_factory=ChipSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    source: str = "(defaults)"

    @property
    def training(self) -> bool:
        return self.mode == "training"


_SECTIONS: dict[str, type[Any]] = {
    "ward": WardSettings,
    "portal": PortalSettings,
    "printing": PrintingSettings,
    "fees": FeeAccount,
    "timeouts": Timeouts,
    "retention": Retention,
    "database": DatabaseSettings,
    "attachments": AttachmentSettings,
    "chip": ChipSettings,
    "storage": StorageSettings,
}
_TOP_LEVEL = {"mode", "kiosk_number", "language", "key_store"}


def _check_type(file: Path | str, key: str, value: Any, expected: Any) -> Any:
    if expected is int or expected == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(file, key, f"must be a whole number, not {value!r}")
        return value
    if expected is float or expected == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(file, key, f"must be a number, not {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ConfigError(file, key, f"must be text, not {value!r}")
    return value


def _build_section(file: Path | str, name: str, table: Any) -> Any:
    cls = _SECTIONS[name]
    if not isinstance(table, dict):
        raise ConfigError(file, name, "must be a table ([" + name + "])")
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(file, f"{name}.{key}", "unknown setting")
        values[key] = _check_type(file, f"{name}.{key}", value, known[key].type)
    return cls(**values)


def validate(config: KioskConfig, file: Path | str) -> KioskConfig:
    """Refuse values the kiosk cannot run with; returns ``config`` unchanged."""
    if config.mode not in ("training", "live"):
        raise ConfigError(file, "mode", f"must be 'training' or 'live', not {config.mode!r}")
    if config.language not in ("vi", "en"):
        raise ConfigError(file, "language", "must be 'vi' or 'en'")
    if config.key_store not in ("auto", "keyring", "file"):
        raise ConfigError(file, "key_store", "must be 'auto', 'keyring' or 'file'")
    if not 1 <= config.kiosk_number <= 99:
        raise ConfigError(file, "kiosk_number", "must be between 1 and 99")
    if not re.fullmatch(r"\d{5}", config.ward.code):
        raise ConfigError(file, "ward.code", "must be the ward's 5-digit statistics code")
    if not _AGENCY_CODE.fullmatch(config.ward.agency_code):
        raise ConfigError(
            file, "ward.agency_code", "must look like 000.00.21.H42 (Circular 01/2018)"
        )
    if config.mode == "live" and not config.portal.url.startswith("https://"):
        raise ConfigError(file, "portal.url", "live mode needs an https:// portal URL")
    if config.portal.url and not re.match(r"^https?://[^\s/]+", config.portal.url):
        raise ConfigError(file, "portal.url", "must be an http(s):// URL")
    if config.portal.ca_bundle and not Path(config.portal.ca_bundle).is_file():
        raise ConfigError(file, "portal.ca_bundle", "file does not exist")
    template_problem = check_url_template(config.portal.tracking_url_template)
    if template_problem is not None:
        raise ConfigError(file, "portal.tracking_url_template", template_problem)
    if not 0.5 <= config.portal.timeout_seconds <= 120:
        raise ConfigError(file, "portal.timeout_seconds", "must be between 0.5 and 120")
    if config.printing.paper not in ("A5", "80mm"):
        raise ConfigError(file, "printing.paper", "must be 'A5' or '80mm'")
    if not re.fullmatch(r"\d{6}", config.fees.bank_bin):
        raise ConfigError(file, "fees.bank_bin", "must be the bank's 6-digit BIN")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", config.fees.account):
        raise ConfigError(file, "fees.account", "must be 1-19 letters or digits")
    if not 15 <= config.timeouts.idle_seconds <= 3600:
        raise ConfigError(file, "timeouts.idle_seconds", "must be between 15 and 3600")
    if not 5 <= config.timeouts.countdown_seconds <= 300:
        raise ConfigError(file, "timeouts.countdown_seconds", "must be between 5 and 300")
    if not 60 <= config.timeouts.volunteer_idle_seconds <= 7200:
        raise ConfigError(file, "timeouts.volunteer_idle_seconds", "must be between 60 and 7200")
    if not 600 <= config.timeouts.volunteer_max_seconds <= 43200:
        raise ConfigError(file, "timeouts.volunteer_max_seconds", "must be between 600 and 43200")
    if not 1 <= config.retention.draft_expiry_days <= 365:
        raise ConfigError(file, "retention.draft_expiry_days", "must be between 1 and 365")
    if not 1 <= config.retention.retention_days <= 3650:
        raise ConfigError(file, "retention.retention_days", "must be between 1 and 3650")
    if not 1 <= config.retention.backups_kept <= 365:
        raise ConfigError(file, "retention.backups_kept", "must be between 1 and 365")
    if config.database.url and not re.match(r"^postgresql(\+psycopg)?://", config.database.url):
        raise ConfigError(
            file, "database.url", "must be empty (the SQLite file) or a postgresql+psycopg:// URL"
        )
    if not 1 <= config.database.draft_lock_minutes <= 240:
        raise ConfigError(file, "database.draft_lock_minutes", "must be between 1 and 240")
    if not 1 <= config.attachments.case_quota_mb <= 1000:
        raise ConfigError(file, "attachments.case_quota_mb", "must be between 1 and 1000")
    if not config.attachments.case_quota_mb <= config.attachments.kiosk_quota_mb <= 100_000:
        raise ConfigError(
            file,
            "attachments.kiosk_quota_mb",
            "must be at least attachments.case_quota_mb and at most 100000",
        )
    if not 1 <= config.storage.min_free_mb <= 100_000:
        raise ConfigError(file, "storage.min_free_mb", "must be between 1 and 100000")
    return config


def parse(document: dict[str, Any], file: Path | str) -> KioskConfig:
    """Build a validated config from a parsed TOML document."""
    values: dict[str, Any] = {}
    for key, value in document.items():
        if key in _SECTIONS:
            values[key] = _build_section(file, key, value)
        elif key in _TOP_LEVEL:
            expected = "int" if key == "kiosk_number" else "str"
            values[key] = _check_type(file, key, value, expected)
        else:
            raise ConfigError(file, key, "unknown setting")
    return validate(KioskConfig(source=str(file), **values), file)


def _apply_environment(config: KioskConfig) -> KioskConfig:
    mode = os.environ.get("KIOSK_MODE")
    if mode:
        config = replace(config, mode=mode)  # type: ignore[arg-type]
    url = os.environ.get("KIOSK_PORTAL_URL")
    if url is not None:
        config = replace(config, portal=replace(config.portal, url=url))
    database_url = os.environ.get("KIOSK_DATABASE_URL")
    if database_url is not None:
        config = replace(config, database=replace(config.database, url=database_url))
    key_store = os.environ.get("KIOSK_KEY_STORE")
    if key_store:
        config = replace(config, key_store=key_store)  # type: ignore[arg-type]
    return validate(config, "environment")


def load(layout: HomeLayout | None = None) -> KioskConfig:
    """Read ``config.toml`` from the home (defaults if absent), then the environment."""
    layout = layout or HomeLayout(kiosk_home())
    path = layout.config_file
    if path.exists():
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(path, "(syntax)", str(error)) from None
        except UnicodeDecodeError:
            raise ConfigError(path, "(encoding)", "the file is not UTF-8") from None
        config = parse(document, path)
    else:
        config = KioskConfig()
    return _apply_environment(config)


def to_document(config: KioskConfig) -> dict[str, Any]:
    document = asdict(config)
    document.pop("source")
    return document


def save(config: KioskConfig, layout: HomeLayout) -> None:
    """Validate, then write atomically (temp file, fsync, rename): never half a file."""
    validate(config, layout.config_file)
    layout.root.mkdir(parents=True, exist_ok=True)
    payload = tomli_w.dumps(to_document(config)).encode("utf-8")
    atomic_write(layout.config_file, payload)
