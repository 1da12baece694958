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
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import LargeBinary, Table, Update, bindparam, or_, select, type_coerce, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kiosk.procedures.base import JsonValue
from kiosk.store.crypto import FieldCipher
from kiosk.store.models import Case

ANSWERS_CONTEXT = "cases.answers"
_cases = cast(Table, Case.__table__)
_sealed_column = type_coerce(_cases.c.answers, LargeBinary)
_statements: dict[frozenset[str], Update] = {}


@dataclass(frozen=True, slots=True)
class OpenDraft:
    """A draft's answers and the sealed bytes its row held when they were read.

    ``answers`` is never mutated (a save builds a new dict) and shares no list or dict
    with values handed to callers.
    """

    case_id: str
    procedure_id: str
    procedure_version: int
    answers: dict[str, JsonValue]
    sealed: bytes


def _answers_text(answers: dict[str, Any]) -> str:
    return json.dumps(answers, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def seal_answers(cipher: FieldCipher, answers: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """The answers sealed exactly as :class:`EncryptedJSON` seals them, and a private
    copy of them as the row now holds them (decoded from the very text sealed).

    The copy shares no list or dict with the caller's values, so nothing a screen
    does with an answer it was given can change what the next tap writes.
    """
    text = _answers_text(answers)
    return cipher.seal(text.encode("utf-8"), ANSWERS_CONTEXT), json.loads(text)


def private_copy(answers: dict[str, Any]) -> dict[str, Any]:
    """``answers`` as a reader of the row gets them, sharing nothing with the original."""
    copied: dict[str, Any] = json.loads(_answers_text(answers))
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


def swap_answers(
    connection: Connection,
    draft: OpenDraft,
    sealed: bytes,
    *,
    editable: frozenset[str],
    kiosk_number: int,
    now: dt.datetime,
    locked_until: dt.datetime,
) -> bool:
    """Write ``sealed`` over the draft's row if nothing changed it since ``draft``.

    Also renews this kiosk's lock and ``updated_at``, as the full path does.
    False (nothing written) when the row's answers are not ``draft.sealed``
    any more, its status is no longer editable, or another kiosk holds it.
    """
    result = connection.execute(
        _swap_statement(editable),
        {
            "draft_id": draft.case_id,
            "previous": draft.sealed,
            "sealed": sealed,
            "kiosk": kiosk_number,
            "now": now,
            "until": locked_until,
        },
    )
    return result.rowcount == 1
