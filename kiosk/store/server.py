"""The ward's shared database: the same store on a PostgreSQL server.

A ward with several kiosks points all of them at one server (``[database] url``).
What differs from the embedded SQLite file, and why:

- No file to check, quarantine or copy: the server has its own crash recovery, and
  backups are the server's job (``pg_dump`` on the ward server; docs/operations.md).
- Every kiosk must hold the ward's one field key; the key check value in
  ``kiosk_meta`` is compared before anything is written, so a kiosk with a wrong or
  missing key refuses (exit 3) and never writes.
- Two kiosks starting at once must not both migrate: the upgrade runs under a
  transaction-level advisory lock, and the second one finds the schema at head.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, create_engine, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store import errors, migrate
from kiosk.store.crypto import FieldCipher
from kiosk.store.database import KEY_CHECK, Store
from kiosk.store.keys import KeyMismatchError, KeyMissingError, KeyStore
from kiosk.store.models import Meta

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same for every kiosk of the ward.
_MIGRATION_LOCK = 0x4B494F534B  # "KIOSK"
CONNECT_TIMEOUT_SECONDS = 5


def server_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy's default would be psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return make_url(server_url(url)).render_as_string(hide_password=True)


def make_server_engine(url: str, cipher: FieldCipher | None) -> Engine:
    engine = create_engine(
        server_url(url),
        # A connection the server dropped (restart, cable) is replaced, not reused.
        pool_pre_ping=True,
        pool_size=3,
        max_overflow=2,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "application_name": "cdkv-kiosk",
        },
    )
    if cipher is not None:
        engine.dialect.kiosk_cipher = cipher  # type: ignore[attr-defined]
    errors.install(engine)
    return engine


def stored_key_check(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table(Meta.__tablename__):
            return None
        value = connection.execute(select(Meta.value).where(Meta.key == KEY_CHECK)).scalar()
    return None if value is None else str(value)


def _load_ward_cipher(layout: HomeLayout, config: KioskConfig, engine: Engine) -> FieldCipher:
    keys = KeyStore(layout.secrets, config.key_store)
    expected = stored_key_check(engine)
    key = keys.load()
    where = describe(config.database.url)
    if key is None:
        if expected is not None:
            raise KeyMissingError(
                f"the ward database {where} is encrypted with the ward's key, which this "
                f"kiosk does not have in {keys.describe()}; import it with "
                "`kiosk admin import-ward-key` (see docs/operations.md)"
            )
        key = keys.create()
    cipher = FieldCipher(key)
    if expected is not None and cipher.check_value() != expected:
        raise KeyMismatchError(
            f"the key in {keys.describe()} is not the ward key {where} was written with"
        )
    return cipher


def _migrate_once(engine: Engine, check_value: str) -> None:
    """Upgrade and write the key check under one advisory lock (kiosks may start together)."""
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        if migrate.current_revision_on(connection) != migrate.head_revision():
            migrate.upgrade_on(connection)
        present = connection.execute(select(Meta.value).where(Meta.key == KEY_CHECK)).scalar()
        if present is None:
            connection.execute(insert(Meta).values(key=KEY_CHECK, value=check_value))
        elif present != check_value:  # another kiosk initialised the ward in between
            raise KeyMismatchError("another kiosk initialised this ward database with another key")


def open_server_store(
    layout: HomeLayout, config: KioskConfig, *, ward_key: bytes | None = None
) -> Store:
    """Open the ward database named by ``config.database.url``; migrate it if needed.

    The key comes from this kiosk's key store, or is ``ward_key`` (moving a kiosk
    onto the server: kiosk/admin/ward.py), checked against the database either way.
    """
    layout.ensure()
    probe = make_server_engine(config.database.url, None)
    try:
        if ward_key is None:
            cipher = _load_ward_cipher(layout, config, probe)
        else:
            cipher = FieldCipher(ward_key)
            expected = stored_key_check(probe)
            if expected is not None and expected != cipher.check_value():
                raise KeyMismatchError(
                    f"the ward key given is not the key {describe(config.database.url)} "
                    "was written with"
                )
    finally:
        probe.dispose()
    engine = make_server_engine(config.database.url, cipher)
    _migrate_once(engine, cipher.check_value())
    log.info("Opened the ward database %s", describe(config.database.url))
    return Store(engine, sessionmaker(engine, expire_on_commit=False), cipher, layout)
