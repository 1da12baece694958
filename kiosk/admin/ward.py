"""The IT officer's ward operations: carry the ward key, move a kiosk onto the ward server.

A ward with several kiosks keeps one database on a PostgreSQL server in the office
(``[database] url``) and one field key that every kiosk holds. How the key travels
and why is in kiosk/store/ward_key.py; how a kiosk's own data joins the ward is in
kiosk/store/transfer.py. These functions put the steps in the order that leaves
nothing half done: nothing is switched (key, configuration) until the copy on the
server has been read back and checked; the kiosk's SQLite file is never changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.config import KioskConfig, save
from kiosk.fileio import atomic_write
from kiosk.paths import HomeLayout
from kiosk.store.crypto import FieldCipher, new_master_key
from kiosk.store.database import open_store
from kiosk.store.keys import KeyMismatchError, KeyMissingError, KeyStore
from kiosk.store.rotation import RotationReport, rotate_key
from kiosk.store.server import (
    describe,
    make_server_engine,
    open_server_store,
    stored_key_check,
)
from kiosk.store.transfer import TransferRefused, TransferReport, copy_store, verify_copy
from kiosk.store.ward_key import WardKey, open_ward_key, seal_ward_key


@dataclass(frozen=True)
class MoveOutcome:
    report: TransferReport
    server: str
    previous_key_kept_in: Path | None


def export_ward_key(layout: HomeLayout, config: KioskConfig, passphrase: str, out: Path) -> str:
    """Write this kiosk's key, sealed with ``passphrase``, to ``out``; returns its check value."""
    key = KeyStore(layout.secrets, config.key_store).load()
    if key is None:
        raise KeyMissingError(f"this kiosk has no key yet in {layout.secrets}")
    if out.exists():
        raise FileExistsError(f"{out} exists already; choose a new file name")
    atomic_write(out, seal_ward_key(key, passphrase))
    return FieldCipher(key).check_value()


def _server_key_check(url: str) -> str | None:
    engine = make_server_engine(url, None)
    try:
        return stored_key_check(engine)
    finally:
        engine.dispose()


def import_ward_key(
    layout: HomeLayout, config: KioskConfig, blob: bytes, passphrase: str
) -> WardKey:
    """Install the ward's key from a file (a kiosk joining a ward with no data of its own).

    Checked against the ward database when ``[database] url`` is set. A kiosk whose
    own SQLite file holds data keeps its key: it joins with ``move-to-server``.
    """
    ward_key = open_ward_key(blob, passphrase)
    if config.database.url:
        expected = _server_key_check(config.database.url)
        if expected is not None and expected != ward_key.check_value:
            raise KeyMismatchError(
                f"this is not the key the ward database {describe(config.database.url)} "
                "was written with"
            )
    keys = KeyStore(layout.secrets, config.key_store)
    current = keys.load()
    if current is not None and current != ward_key.key and layout.database.exists():
        raise KeyMismatchError(
            "this kiosk already has data of its own under another key; move it onto the "
            "ward server with `kiosk admin move-to-server`, which carries both keys"
        )
    keys.install(ward_key.key, keep_previous_as=_aside_name())
    return ward_key


def _aside_name() -> str:
    return f"field.key.before-ward-{dt.datetime.now():%Y%m%d-%H%M%S}"


def move_to_server(
    layout: HomeLayout,
    config: KioskConfig,
    url: str,
    ward_key: WardKey | None,
) -> MoveOutcome:
    """Copy this kiosk's data to the ward database at ``url``, check it, then switch.

    ``ward_key`` is the ward's key (from its file); None when this kiosk is the first
    on the server, whose own key then becomes the ward's. Raises TransferRefused,
    KeyMismatchError or KeyMissingError with nothing switched.
    """
    if config.database.url:
        raise TransferRefused(f"this kiosk already uses {describe(config.database.url)}")
    local = open_store(layout, config)
    try:
        key = ward_key.key if ward_key is not None else _local_key(layout, config)
        server_config = replace(config, database=replace(config.database, url=url))
        target = open_server_store(layout, server_config, ward_key=key)
        try:
            report = copy_store(local, target, config.kiosk_number)
            problems = verify_copy(local, target, report)
        finally:
            target.close()
    finally:
        local.close()
    if problems:
        raise TransferRefused("the copy on the server does not check: " + "; ".join(problems))
    kept = KeyStore(layout.secrets, config.key_store).install(key, keep_previous_as=_aside_name())
    save(replace(config, database=replace(config.database, url=url)), layout)
    return MoveOutcome(report, describe(url), kept)


def _local_key(layout: HomeLayout, config: KioskConfig) -> bytes:
    key = KeyStore(layout.secrets, config.key_store).load()
    if key is None:
        raise KeyMissingError(f"this kiosk has no key in {layout.secrets}")
    return key


def rotate_ward_key(
    layout: HomeLayout, config: KioskConfig, passphrase: str, out: Path
) -> tuple[str, RotationReport]:
    """A new key for the ward: written to ``out`` (sealed with ``passphrase``) first, then
    the whole database re-sealed in one transaction, then installed here.

    The order is the safety: the new key exists in its file before a single row uses it,
    and a rotation that fails changes no row (the file is then removed). The old key is
    kept aside in ``secrets/`` (old dumps and backups were sealed with it). Every other
    kiosk then imports the file (``import-ward-key``); until then they refuse (exit 3).
    """
    if out.exists():
        raise FileExistsError(f"{out} exists already; choose a new file name")
    store = open_store(layout, config)
    try:
        new_key = new_master_key()
        atomic_write(out, seal_ward_key(new_key, passphrase))
        try:
            report = rotate_key(store, new_key)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
    finally:
        store.close()
    stamp = f"field.key.before-rotation-{dt.datetime.now():%Y%m%d-%H%M%S}"
    KeyStore(layout.secrets, config.key_store).install(new_key, keep_previous_as=stamp)
    return FieldCipher(new_key).check_value(), report
