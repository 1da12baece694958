"""the documents checklist becomes the document slots

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 13:20:00.000000

The procedures' ``documents_brought`` checklist is gone: a case's papers are its
document slots (``attachment_slots``). A stored tick meant "I have this paper
with me for the officer", which in the slots is "I will bring it to the counter"
(reason ``prefers_counter``): each ticked paper that can be scanned becomes
such a promise, unless its slot already holds something, and the answer is
removed from the case. Papers only shown at the counter (the ID card) need no
row. What the procedures looked like at this revision is written out here, not
read from the live definitions, which may change after it.

The answers are sealed: they are opened with the store's cipher, which the
migration runner hands to this connection. A row that does not open (a damaged
value) is left as it is and counted in the log: it never stops the upgrade.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import sqlalchemy as sa
from alembic import op

from kiosk.store.crypto import DecryptionError
from kiosk.store.types import EncryptedJSON, cipher_of

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

CHECKLIST = "documents_brought"
SHOWN_AT_COUNTER = frozenset({"requester_id_card"})
"""Papers of the five procedures (at this revision) that are shown, never scanned."""
PER_MEMBER = {"originals": "documents_to_copy"}
"""Slots with one key per member of a list (``id.N``), and the list they follow."""
REASON = "prefers_counter"

_CASES = sa.table(
    "cases",
    sa.column("id", sa.String),
    sa.column("answers", sa.LargeBinary),
    sa.column("purged_at", sa.DateTime),
)
_SEALED_ANSWERS = sa.table(
    "cases", sa.column("id", sa.String), sa.column("answers", EncryptedJSON("cases.answers"))
)
_SLOTS = sa.table(
    "attachment_slots",
    sa.column("case_id", sa.String),
    sa.column("slot_key", sa.String),
    sa.column("bring_later_reason", sa.String),
    sa.column("page_count", sa.Integer),
    sa.column("updated_at", sa.DateTime),
)


def slot_keys(ticked: list[Any], answers: dict[str, Any]) -> list[str]:
    """The slot keys the ticked papers stand for (one per member for a list's papers)."""
    keys: list[str] = []
    for document_id in ticked:
        if not isinstance(document_id, str) or document_id in SHOWN_AT_COUNTER:
            continue
        group = PER_MEMBER.get(document_id)
        if group is None:
            keys.append(document_id)
            continue
        members = answers.get(group)
        count = len(members) if isinstance(members, list) else 0
        keys.extend(f"{document_id}.{index}" for index in range(count))
    return keys


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_CASES.c.id, _CASES.c.answers).where(
            _CASES.c.purged_at.is_(None), _CASES.c.answers.is_not(None)
        )
    ).all()
    if not rows:
        return
    cipher = cipher_of(bind.dialect)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    unreadable = 0
    for case_id, sealed in rows:
        try:
            answers = json.loads(cipher.open(sealed, "cases.answers").decode("utf-8"))
        except (DecryptionError, ValueError):
            unreadable += 1
            continue
        if not isinstance(answers, dict) or CHECKLIST not in answers:
            continue
        ticked = answers.pop(CHECKLIST)
        held = set(bind.scalars(sa.select(_SLOTS.c.slot_key).where(_SLOTS.c.case_id == case_id)))
        for key in slot_keys(ticked if isinstance(ticked, list) else [], answers):
            if key not in held:
                bind.execute(
                    _SLOTS.insert().values(
                        case_id=case_id,
                        slot_key=key,
                        bring_later_reason=REASON,
                        page_count=0,
                        updated_at=now,
                    )
                )
        bind.execute(
            _SEALED_ANSWERS.update().where(_SEALED_ANSWERS.c.id == case_id).values(answers=answers)
        )
    if unreadable:
        log.warning("Checklist migration: %d case(s) whose answers did not open", unreadable)


def downgrade() -> None:
    # The promises cannot be told apart from ones made on the documents screen, and the
    # old code reads a case without the checklist answer as one with nothing ticked.
    pass
