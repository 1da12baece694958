"""Copy one kiosk's SQLite data into the ward's PostgreSQL database, then check the copy.

Used by ``kiosk admin move-to-server`` (kiosk/admin/ward.py). Rows are read through
the source engine (sealed values opened with the kiosk's key) and written through
the target engine (sealed again with the ward's key), so a kiosk that ran alone
before, with a key of its own, joins the ward without any value staying under the
old key. Whole-number ids are given anew by the server (other kiosks' rows are
there already) and every reference to them is rewritten; UUIDs, references and
resume codes keep their values.

One transaction on the server: the copy is all there or not at all. The source
file is only read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Integer, Table, func, insert, select

from kiosk.store.crypto import DecryptionError
from kiosk.store.database import Store
from kiosk.store.models import Base, Case, Citizen, DailySequence, Volunteer

# Facts about one database (key check, sync cursor), the lease, and Alembic's
# bookkeeping belong to the database itself, not to the kiosk's data.
NOT_COPIED = frozenset({"kiosk_meta", "sync_lease", "alembic_version"})


class TransferRefused(Exception):
    """The copy cannot be made as asked; nothing was written to the server."""


@dataclass
class TransferReport:
    copied: dict[str, int] = field(default_factory=dict)
    volunteers_deactivated: int = 0
    same_key: bool = True


def _integer_key(table: Table) -> str | None:
    """The name of a table's single whole-number primary key, if it has one."""
    columns = list(table.primary_key.columns)
    if len(columns) == 1 and isinstance(columns[0].type, Integer):
        return columns[0].name
    return None


def _refuse_if_number_taken(source: Connection, target: Connection) -> None:
    numbers = set(source.execute(select(DailySequence.kiosk_number).distinct()).scalars().all()) | {
        n for n in source.execute(select(Case.kiosk_number).distinct()).scalars() if n
    }
    if not numbers:
        return
    taken = (
        target.execute(
            select(DailySequence.kiosk_number).where(DailySequence.kiosk_number.in_(numbers))
        ).first()
        or target.execute(select(Case.id).where(Case.kiosk_number.in_(numbers))).first()
    )
    if taken is not None:
        raise TransferRefused(
            f"the ward database already holds cases of kiosk number(s) {sorted(numbers)}; "
            "give this kiosk a number of its own before moving it"
        )


def _rewrite(
    row: Mapping[str, Any], table: Table, id_maps: Mapping[str, Mapping[int, int]]
) -> dict[str, Any]:
    values = dict(row)
    for column in table.columns:
        for foreign in column.foreign_keys:
            mapping = id_maps.get(foreign.column.table.name)
            if mapping is not None and values.get(column.name) is not None:
                values[column.name] = mapping[values[column.name]]
    return values


def copy_store(source: Store, target: Store, kiosk_number: int) -> TransferReport:
    """Copy every row of ``source`` into ``target`` (one transaction); see the module."""
    report = TransferReport(same_key=source.cipher.check_value() == target.cipher.check_value())
    id_maps: dict[str, dict[int, int]] = {}
    with source.engine.connect() as reading, target.engine.begin() as writing:
        _refuse_if_number_taken(reading, writing)
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_COPIED:
                continue
            rows = [dict(row) for row in reading.execute(select(table)).mappings()]
            if table.name == Case.__tablename__:
                for row in rows:  # older cases were all this kiosk's
                    row["kiosk_number"] = row["kiosk_number"] or kiosk_number
                    row["locked_by_kiosk"], row["locked_until"] = None, None
            if table.name == Citizen.__tablename__ and not report.same_key:
                for row in rows:  # the lookup hash is keyed: recompute it with the ward key
                    if row["id_number"]:
                        row["id_number_hash"] = target.cipher.lookup_hash(row["id_number"])
            if table.name == Volunteer.__tablename__ and not report.same_key:
                # PINs are keyed with the kiosk's key: they cannot be checked under the
                # ward's. The accounts come across inactive; an admin sets new PINs.
                for row in rows:
                    report.volunteers_deactivated += int(row["active"])
                    row["active"] = False
            rows = [_rewrite(row, table, id_maps) for row in rows]
            key = _integer_key(table)
            if key is not None and rows:
                old_ids = [row.pop(key) for row in rows]
                new_ids = writing.execute(
                    insert(table).returning(table.c[key], sort_by_parameter_order=True), rows
                ).scalars()
                id_maps[table.name] = dict(zip(old_ids, new_ids, strict=True))
            elif rows:
                writing.execute(insert(table), rows)
            report.copied[table.name] = len(rows)
    return report


def verify_copy(source: Store, target: Store, report: TransferReport) -> list[str]:
    """Problems found (empty: the copy holds every row, and every sealed value opens).

    Reading every row back through the target engine opens each sealed value with
    the ward's key; a value that does not open raises there and is reported.
    """
    problems: list[str] = []
    with source.engine.connect() as reading, target.engine.connect() as checking:
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_COPIED:
                continue
            expected = reading.execute(select(func.count()).select_from(table)).scalar_one()
            held = checking.execute(select(func.count()).select_from(table)).scalar_one()
            if report.copied.get(table.name, 0) != expected or held < expected:
                problems.append(f"{table.name}: {held} on the server for {expected} here")
            try:
                for _ in checking.execute(select(table)):
                    pass
            except (DecryptionError, ValueError) as error:
                problems.append(f"{table.name}: a value does not open ({type(error).__name__})")
        ids_here = set(reading.execute(select(Case.id)).scalars())
        ids_there = set(checking.execute(select(Case.id).where(Case.id.in_(ids_here))).scalars())
        if ids_here - ids_there:
            problems.append(f"cases: {len(ids_here - ids_there)} missing on the server")
    return problems
