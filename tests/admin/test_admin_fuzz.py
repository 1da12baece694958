"""Property-based tests: the IT officer's look-ups raise only their documented errors.

``find_citizen``: :class:`DataRequestError` or a match/None; export and delete by
row id: :class:`DataRequestError`; the audit log's filters: rows or ``ValueError``;
an export folder's name: :class:`FolderNameError`. Lone surrogates included.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.admin import audit_log
from kiosk.admin.data_requests import delete_citizen, export_citizen, find_citizen
from kiosk.admin.errors import DataRequestError
from kiosk.admin.personal_files import FolderNameError, export_folder
from kiosk.cases.audit import Actor
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent, Citizen
from tests.hostile_inputs import FUZZ, hostile_text

ADMIN = Actor("admin", "1")


def citizens(store: Store) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Citizen)) or 0)


@FUZZ
@given(id_number=hostile_text)
def test_find_citizen_answers_or_refuses_with_a_message(store: Store, id_number: str) -> None:
    try:
        assert find_citizen(store, id_number, ADMIN) is None
    except DataRequestError as error:
        assert error.message.vi and error.message.en
    assert citizens(store) == 0


@FUZZ
@given(citizen_id=st.integers())
def test_export_and_delete_of_unknown_rows_are_refused(store: Store, citizen_id: int) -> None:
    with pytest.raises(DataRequestError):
        export_citizen(store, citizen_id, ADMIN)
    with pytest.raises(DataRequestError):
        delete_citizen(store, citizen_id, ADMIN, confirm_unsynced=True)


@FUZZ
@given(
    action=hostile_text,
    actor_kind=st.one_of(st.none(), hostile_text),
    actor_id=st.one_of(st.none(), hostile_text),
    case_id=st.one_of(st.none(), hostile_text),
)
def test_audit_filters_give_rows_or_value_errors(
    store: Store, action: str, actor_kind: str | None, actor_id: str | None, case_id: str | None
) -> None:
    where = audit_log.AuditFilter(
        actions=[action],
        actor_kind=actor_kind,
        actor_id=actor_id,
        case_id=case_id,
        since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    with store.sessions() as session:
        before = session.scalar(select(func.count()).select_from(AuditEvent))
    try:
        rows = audit_log.query(store, where)
        assert audit_log.count(store, where) == len(rows)
    except ValueError as error:
        assert not isinstance(error, UnicodeError), "an undocumented encoding failure"
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == before


@FUZZ
@given(name=hostile_text)
def test_export_folder_names_are_checked(store: Store, name: str) -> None:
    try:
        folder = export_folder(store.layout, name)
    except FolderNameError:
        return
    assert folder.parent == store.layout.root / "exports"
