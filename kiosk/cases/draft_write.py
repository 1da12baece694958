"""The open draft's answers kept in memory, and the one-statement autosave they allow.

A tap stores one answer. Loading the case through the ORM, opening its sealed
answers, re-sealing them and flushing the unit of work cost about four times
the durable commit itself (see docs/performance.md). The kiosk edits one draft
at a time, so the service keeps that draft's answers as they were last read or
written, together with the exact sealed bytes the row held then, and writes
the next answer with a single compare-and-swap ``UPDATE``: the new sealed
answers, where the row still holds those bytes, is still editable and is not
held by another kiosk.

Every seal draws a fresh nonce, so any other writer (another kiosk of the ward,
the staff desk, submit, the retention purge, a key rotation) leaves different
bytes and the swap matches no row; the caller then takes the full path, which
reads the row again under its lock and raises the right error. Nothing is
ever written from a stale copy. The sealed value has the layout and associated
data of :class:`kiosk.store.types.EncryptedJSON`, so every reader opens it as
before.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import LargeBinary, Table, Update, bindparam, or_, select, type_coerce, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from kiosk.procedures.base import JsonValue
from kiosk.store.crypto import FieldCipher
from kiosk.store.database import Store
from kiosk.store.models import Case

ANSWERS_CONTEXT = "cases.answers"
_cases = cast(Table, Case.__table__)
_sealed_column = type_coerce(_cases.c.answers, LargeBinary)
_statements: dict[frozenset[str], Update] = {}
_driver_statements: dict[tuple[str, frozenset[str]], _DriverStatement | None] = {}


@dataclass(frozen=True, slots=True)
class OpenDraft:
    """A draft's answers and the sealed bytes its row held when they were read.

    ``answers`` is never mutated (a save builds a new dict) and shares no list or dict
    with values handed to callers. ``copies_day`` is the day the copy rules last
    ran over them (:func:`kiosk.procedures.fill_updates`): on that day they are
    settled, which spares the next tap the rules its answer does not touch.
    """

    case_id: str
    procedure_id: str
    procedure_version: int
    answers: dict[str, JsonValue]
    sealed: bytes
    copies_day: dt.date
    encoded: dict[str, str]
    """Each answer's ``"id":value`` text, as :func:`encoded_answers` gives it."""


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _member(key: str, value: JsonValue) -> str:
    """One answer as a member of the sealed JSON object: ``"id":value``."""
    return f"{_json(key)}:{_json(value)}"


def encoded_answers(answers: dict[str, JsonValue]) -> dict[str, str]:
    """Each answer's member text in the sealed JSON object, by field id."""
    return {key: _member(key, value) for key, value in answers.items()}


def reencoded(
    encoded: dict[str, str], answers: dict[str, JsonValue], changed: Iterable[str]
) -> dict[str, str]:
    """``encoded`` (left as it is) brought up to ``answers`` for the ``changed`` ones."""
    updated = dict(encoded)
    for key in changed:
        if key in answers:
            updated[key] = _member(key, answers[key])
        else:
            updated.pop(key, None)
    return updated


def seal_encoded(cipher: FieldCipher, encoded: dict[str, str]) -> bytes:
    """The answers sealed exactly as :class:`EncryptedJSON` seals them.

    The text is the members joined in key order, which is what ``json.dumps``
    with sorted keys writes for the whole dict: a tap encodes only the answers
    it changed (about a tenth of a save's CPU when all were encoded again).
    """
    text = "{" + ",".join(encoded[key] for key in sorted(encoded)) + "}"
    return cipher.seal(text.encode("utf-8"), ANSWERS_CONTEXT)


def detached(value: JsonValue) -> JsonValue:
    """``value`` sharing no list or dict with anything (a scalar is its own copy)."""
    if value is None or isinstance(value, str | int | float):
        return value
    copied: JsonValue = json.loads(json.dumps(value, ensure_ascii=False))
    return copied


def kept_answers(answers: dict[str, JsonValue], changed: Iterable[str]) -> dict[str, JsonValue]:
    """What the next tap starts from: ``answers`` with the ``changed`` ones detached.

    The others are the previous kept copy's own values, which nothing outside
    this module ever received, so only the answers just set (which their caller
    holds) need copying; a copy made from a kept answer is a new value too, as
    :func:`kiosk.procedures.normalise_answer` builds every list and dict anew.
    Decoding the whole sealed text again, as the first save does, cost as much
    as sealing it.
    """
    kept = dict(answers)
    for key in changed:
        if key in kept:
            kept[key] = detached(kept[key])
    return kept


def private_copy(answers: dict[str, Any]) -> dict[str, Any]:
    """``answers`` as a reader of the row gets them, sharing nothing with the original."""
    copied: dict[str, Any] = json.loads(_json(answers))
    return copied


def stored_seal(session: Session, case_id: str) -> bytes | None:
    """The sealed answers the row holds in ``session``'s transaction (after a flush)."""
    sealed = session.scalar(select(_sealed_column).where(_cases.c.id == case_id))
    return None if sealed is None else bytes(sealed)


def _swap_statement(editable: frozenset[str]) -> Update:
    """The compare-and-swap ``UPDATE``, built once per set of editable statuses.

    Built once and executed with parameters: constructing and post-compiling a
    statement per tap cost more than the rest of the Python side together.
    """
    statement = _statements.get(editable)
    if statement is None:
        statement = (
            update(_cases)
            .where(
                _cases.c.id == bindparam("draft_id"),
                _sealed_column == bindparam("previous", type_=LargeBinary),
                or_(*(_cases.c.status == status for status in sorted(editable))),
                or_(
                    _cases.c.locked_by_kiosk.is_(None),
                    _cases.c.locked_by_kiosk == bindparam("kiosk"),
                    _cases.c.locked_until.is_(None),
                    _cases.c.locked_until <= bindparam("now"),
                ),
            )
            .values(
                {
                    _cases.c.answers: bindparam("sealed", type_=LargeBinary),
                    _cases.c.updated_at: bindparam("now"),
                    _cases.c.locked_by_kiosk: bindparam("kiosk"),
                    _cases.c.locked_until: bindparam("until"),
                }
            )
        )
        _statements[editable] = statement
    return statement


@dataclass(frozen=True, slots=True)
class _DriverStatement:
    """The swap compiled once for SQLite's driver: its text, and how to bind each parameter.

    On the local SQLite file SQLAlchemy's execution of even a prebuilt statement
    (execution context, parameter processing, result wrapping) cost about as much
    CPU as the commit it precedes: a third of an autosave on a fast disk
    (docs/performance.md, "Autosave, third pass"). The text and the bind
    processors are SQLAlchemy's own, taken from the compiled statement, so the
    bytes that reach SQLite are those SQLAlchemy would send.
    """

    sql: str
    names: tuple[str, ...]
    fixed: dict[str, Any]
    processors: dict[str, Callable[[Any], Any]]

    def parameters(self, values: dict[str, Any]) -> list[Any]:
        """The driver's parameters, each value processed once however often it is used."""
        processed = self.fixed | values
        for name, processor in self.processors.items():
            processed[name] = processor(processed[name])
        return [processed[name] for name in self.names]


_PROBES = (dt.datetime(2026, 12, 6, 18, 41, 47, 123456), dt.datetime(2027, 1, 2, 3, 4, 5))


def _same_text_faster(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``datetime.isoformat`` in place of SQLite's date-time processor where it writes the
    very same text (it does for SQLAlchemy's default format and naive values, which
    is what the kiosk stores), at a third of the cost; anything else goes to
    ``processor``."""
    try:
        same = all(processor(probe) == probe.isoformat(" ", "microseconds") for probe in _PROBES)
    except (TypeError, AttributeError, ValueError):
        same = False
    if not same:
        return processor

    def faster(value: Any) -> Any:
        if type(value) is dt.datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return processor(value)

    return faster


def _driver_statement(dialect: Dialect, editable: frozenset[str]) -> _DriverStatement | None:
    """The swap for the driver, or None: run it through SQLAlchemy (the ward's server)."""
    key = (dialect.name, editable)
    if key in _driver_statements:
        return _driver_statements[key]
    driver: _DriverStatement | None = None
    if dialect.name == "sqlite":
        compiled = _swap_statement(editable).compile(dialect=dialect)
        names = compiled.positiontup
        assert names is not None  # pysqlite's paramstyle is positional ("qmark")
        processors = {}
        for name, bind in compiled.binds.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                processors[name] = _same_text_faster(processor)
        driver = _DriverStatement(str(compiled), tuple(names), dict(compiled.params), processors)
    _driver_statements[key] = driver
    return driver


def swap_answers(
    store: Store,
    draft: OpenDraft,
    sealed: bytes,
    *,
    editable: frozenset[str],
    kiosk_number: int,
    now: dt.datetime,
    locked_until: dt.datetime,
) -> bool:
    """Write ``sealed`` over the draft's row, durably, if nothing changed it since ``draft``.

    Also renews this kiosk's lock and ``updated_at``, as the full path does.
    False (nothing written) when the row's answers are not ``draft.sealed``
    any more, its status is no longer editable, or another kiosk holds it.

    On SQLite the statement and its commit go to the store's kept driver
    connection (:mod:`kiosk.store.kept_connection`), and False also means the
    driver failed (a full disk, a lock held too long): the caller's full path
    meets the same fault through SQLAlchemy, which reports it as
    :mod:`kiosk.store.errors` says. On the ward's server SQLAlchemy runs it, and
    its errors propagate as usual.
    """
    values = {
        "draft_id": draft.case_id,
        "previous": draft.sealed,
        "sealed": sealed,
        "kiosk": kiosk_number,
        "now": now,
        "until": locked_until,
    }
    driver = _driver_statement(store.engine.dialect, editable)
    if driver is None:
        with store.engine.begin() as connection:
            return connection.execute(_swap_statement(editable), values).rowcount == 1
    try:
        with store.kept.driver() as connection:
            swapped = connection.execute(driver.sql, driver.parameters(values)).rowcount == 1
            connection.commit()
    except sqlite3.Error:
        return False  # the kept connection was rolled back and let go
    return bool(swapped)
