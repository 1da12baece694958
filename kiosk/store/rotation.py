"""A new field key for a store (the ward's, after a key may have leaked): every sealed
value re-sealed and every keyed hash recomputed, in one transaction.

Why one transaction: a kiosk must never meet a store half under one key and half under
another; either the rotation happened (and the key check value says the new key) or it
did not. Why every kiosk must be stopped first: a kiosk keeps the key it opened the
store with, and would write new rows under the old one. On PostgreSQL the rotation
refuses while another kiosk (``application_name`` cdkv-kiosk) is connected.

The sealed columns are found from the models (every :class:`EncryptedText` and
:class:`EncryptedJSON` column), so a column added later is rotated too. The values are
moved as the bytes they are stored as (``type_coerce`` to the column's binary type):
opened with the old key and the column's own context, sealed with the new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import (
    Column,
    Connection,
    LargeBinary,
    Table,
    func,
    select,
    text,
    type_coerce,
    update,
)

from kiosk.store.crypto import FieldCipher
from kiosk.store.database import KEY_CHECK, Store
from kiosk.store.models import Base, Citizen, Meta
from kiosk.store.types import EncryptedJSON, EncryptedText


class RotationRefused(Exception):
    """The rotation did not start (nothing changed); the message says why."""


@dataclass
class RotationReport:
    resealed: dict[str, int] = field(default_factory=dict)  # "table.column": values
    hashes: int = 0


def sealed_columns() -> list[tuple[Table, Column[object], str]]:
    """(table, column, context) of every sealed column of the schema."""
    found: list[tuple[Table, Column[object], str]] = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, EncryptedText | EncryptedJSON):
                found.append((table, column, column.type.context))
    return found


def _other_kiosks_connected(connection: Connection) -> int:
    if connection.dialect.name != "postgresql":
        return 0
    return int(
        connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = 'cdkv-kiosk' AND pid <> pg_backend_pid()"
            )
        ).scalar()
        or 0
    )


def rotate_key(store: Store, new_key: bytes) -> RotationReport:
    """Re-seal ``store`` under ``new_key``; the store's engine must not be used afterwards
    (its cipher is the old key's): close it and open the store again with the new key."""
    old, new = store.cipher, FieldCipher(new_key)
    report = RotationReport()
    with store.engine.begin() as connection:
        others = _other_kiosks_connected(connection)
        if others:
            raise RotationRefused(
                f"{others} other connection(s) of kiosks are open on this database: "
                "stop every kiosk of the ward and the nightly sync first"
            )
        if connection.dialect.name == "postgresql":
            # No kiosk may start (and write with the old key) until this commits.
            connection.execute(text("LOCK TABLE kiosk_meta IN ACCESS EXCLUSIVE MODE"))
        id_numbers: dict[int, str] = {}
        for table, column, context in sealed_columns():
            key_column = next(iter(table.primary_key.columns))
            raw = type_coerce(column, LargeBinary)
            rows = connection.execute(select(key_column, raw).where(column.is_not(None))).all()
            for row_key, sealed in rows:
                plain = old.open(bytes(sealed), context)
                if table.name == Citizen.__tablename__ and column.name == "id_number":
                    id_numbers[int(row_key)] = plain.decode("utf-8")
                connection.execute(
                    update(table)
                    .where(key_column == row_key)
                    .values({column.name: type_coerce(new.seal(plain, context), LargeBinary)})
                )
            report.resealed[f"{table.name}.{column.name}"] = len(rows)
        citizens = Base.metadata.tables[Citizen.__tablename__]
        for citizen_id, id_number in id_numbers.items():
            connection.execute(
                update(citizens)
                .where(citizens.c.id == citizen_id)
                .values(id_number_hash=new.lookup_hash(id_number))
            )
        report.hashes = len(id_numbers)
        without = connection.execute(
            select(func.count())
            .select_from(citizens)
            .where(citizens.c.id_number.is_(None), citizens.c.id_number_hash.is_not(None))
        ).scalar()
        if without:
            raise RotationRefused(
                f"{without} citizen(s) have an ID hash without a sealed ID number; "
                "nothing was changed"
            )
        connection.execute(
            update(Meta).where(Meta.key == KEY_CHECK).values(value=new.check_value())
        )
    return report
