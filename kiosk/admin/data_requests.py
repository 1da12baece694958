"""Data subject requests (Law 91/2025 on personal data protection): find, export, delete.

What a caller may rely on:
- a citizen is found by ID number through the keyed lookup hash, never by decrypting
  every row;
- :func:`export_citizen` gathers everything this kiosk holds about the person: the
  citizen record, their cases with answers, sync state and captured pages (opened,
  base64, with each slot's "bring it later" reason and digest), consents with the exact
  notice text, portal account requests, and the audit events about those; it is
  plain JSON data (:func:`export_json`) and prints as a PDF
  (:func:`kiosk.documents.data_export.render_data_export`);
- :func:`delete_citizen` refuses while any of their cases or account requests has
  not reached the portal, with a message that lists what would be lost, unless the
  IT officer confirmed exactly that (``confirm_unsynced=True``);
- what deletion does (one transaction):
  * a case not yet at the portal (draft, ready, returned, or with a queued/sending
    outbox entry) is deleted with its outbox entries: it will never be sent;
  * a case the portal has is kept with its non-personal fields (procedure, status,
    local reference, dossier code, dates, fee) for the ward's records and reports;
    its answers, resume code, portal message and citizen link are wiped (``purged_at``);
  * every captured page and assembled document of those cases is deleted (rows in
    the transaction, the sealed files right after);
  * account requests: unsent ones are deleted, sent ones lose phone and e-mail;
  * consents stay (the notice text proves what was agreed) but lose the citizen link;
  * the citizen row is deleted;
- every lookup, export and deletion is an audit event naming the citizen's row id
  and case ids only, never the ID number, a name or anything else personal.

- files: the case's kept receipts (``documents/``) and every export made for this
  citizen (``exports/``) are removed in the same call, and counted in the report.

Encrypted backups still hold the data until they rotate out (``backups_kept`` days);
the deletion report says so, so the IT officer can tell the citizen.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from kiosk.admin.errors import DataRequestError
from kiosk.admin.personal_files import remove_exports_of, remove_receipts
from kiosk.attachments.errors import AttachmentError
from kiosk.attachments.storage import PageStore, forget_case_rows
from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.cases.citizens import find_by_id_number
from kiosk.cases.clock import Clock, from_storage, system_clock, to_storage
from kiosk.identity.errors import IdNumberError
from kiosk.identity.id_number import validate_id_number
from kiosk.procedures import Catalogue
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from kiosk.store.models import (
    AccountRequest,
    AuditEvent,
    Case,
    Citizen,
    Consent,
    OutboxEntry,
)

EXPORT_FORMAT = "cdkv-kiosk-subject-export/1"
UNSYNCED_CASE_STATUSES = frozenset({"draft", "ready", "returned"})
UNSENT_ACCOUNT_STATUSES = frozenset({"queued"})
PENDING_OUTBOX_STATES = ("queued", "sending")

_STATUS_VI = {
    "draft": "đang làm dở",
    "ready": "đã nộp tại ki-ốt, chờ gửi lên Cổng",
    "returned": "bị Cổng trả lại, chưa gửi lại",
    "queued": "chờ gửi lên Cổng",
    "sending": "đang gửi",
}


@dataclass(frozen=True)
class CitizenMatch:
    """Who was found, for the IT officer to confirm with the person in front of them."""

    citizen_id: int
    full_name: str
    date_of_birth: str | None
    case_count: int
    account_request_count: int


@dataclass(frozen=True)
class UnsyncedItem:
    """A case or account request the portal does not have yet."""

    kind: str  # "case" | "account_request"
    id: str
    title: LocalText
    status: str
    local_reference: str | None


class UnsyncedDataError(DataRequestError):
    """Deletion would lose cases (or account requests) not yet sent; ``items`` lists them."""

    def __init__(self, items: tuple[UnsyncedItem, ...]) -> None:
        self.items = items
        lines_vi = []
        lines_en = []
        for number, item in enumerate(items, start=1):
            reference = f", mã {item.local_reference}" if item.local_reference else ""
            reference_en = f", reference {item.local_reference}" if item.local_reference else ""
            status_vi = _STATUS_VI.get(item.status, item.status)
            lines_vi.append(f"{number}) {item.title.vi}{reference}: {status_vi}")
            lines_en.append(f"{number}) {item.title.en}{reference_en}: {item.status}")
        super().__init__(
            LocalText(
                f"Còn {len(items)} hồ sơ chưa gửi lên Cổng dịch vụ công:\n"
                + "\n".join(lines_vi)
                + "\nNếu xoá, những hồ sơ này sẽ bị xoá hẳn, không được gửi đi và không "
                "khôi phục được. Chỉ xoá khi công dân đã đồng ý bỏ các hồ sơ này.",
                f"{len(items)} item(s) have not reached the portal yet:\n"
                + "\n".join(lines_en)
                + "\nDeleting now removes them for good: they will never be sent.",
            )
        )


@dataclass(frozen=True)
class DeletionReport:
    citizen_id: int
    cases_deleted: tuple[str, ...]
    cases_wiped: tuple[str, ...]
    account_requests_deleted: int
    account_requests_wiped: int
    consents_unlinked: int
    note: LocalText
    receipts_removed: int = 0
    exports_removed: int = 0


class _Titles:
    def __init__(self, catalogue: Catalogue | None) -> None:
        self.catalogue = catalogue

    def of(self, procedure_id: str) -> LocalText:
        if self.catalogue is not None and procedure_id in self.catalogue:
            return self.catalogue[procedure_id].title
        return LocalText(procedure_id, procedure_id)

    def labels(self, procedure_id: str, version: int, answers: dict[str, Any]) -> dict[str, str]:
        if self.catalogue is None:
            return {}
        try:
            definition = self.catalogue.version(procedure_id, version)
        except KeyError:
            return {}
        return {
            fid: definition.fields_by_id[fid].label.vi
            for fid in answers
            if fid in definition.fields_by_id
        }


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return from_storage(value).isoformat()
    return value.isoformat()


def _load_citizen(session: Session, citizen_id: int) -> Citizen:
    valid_row_id = isinstance(citizen_id, int) and 0 < citizen_id < 2**63
    citizen = session.get(Citizen, citizen_id) if valid_row_id else None
    if citizen is None:
        raise DataRequestError(
            LocalText(
                "Không tìm thấy dữ liệu của công dân này (có thể đã được xoá).",
                "No data for this citizen (it may have been deleted already).",
            )
        )
    return citizen


# -- find ---------------------------------------------------------------------------------


def find_citizen(store: Store, id_number: str, actor: Actor) -> CitizenMatch | None:
    """The citizen with this ID number, or None. Audited as ``subject_lookup``."""
    try:
        number = validate_id_number(id_number)
    except IdNumberError as error:
        raise DataRequestError(
            LocalText(error.message, "The ID number must be 12 digits.")
        ) from None
    with store.sessions.begin() as session:
        citizen = find_by_id_number(session, store.cipher, number)
        audit.record(
            session,
            actor,
            "subject_lookup",
            found=citizen is not None,
            citizen=None if citizen is None else citizen.id,
        )
        if citizen is None:
            return None
        cases = session.scalar(
            select(func.count()).select_from(Case).where(Case.citizen_id == citizen.id)
        )
        requests = session.scalar(
            select(func.count())
            .select_from(AccountRequest)
            .where(AccountRequest.citizen_id == citizen.id)
        )
        return CitizenMatch(
            citizen.id,
            citizen.full_name,
            citizen.date_of_birth,
            int(cases or 0),
            int(requests or 0),
        )


# -- export -------------------------------------------------------------------------------


def _outbox_state(session: Session, column: Any, owner_id: str) -> str | None:
    return session.scalar(
        select(OutboxEntry.state).where(column == owner_id).order_by(OutboxEntry.id.desc()).limit(1)
    )


def export_citizen(
    store: Store,
    citizen_id: int,
    actor: Actor,
    *,
    catalogue: Catalogue | None = None,
    clock: Clock = system_clock,
) -> dict[str, Any]:
    """Everything the kiosk holds about one citizen, as JSON-ready data. Audited."""
    titles = _Titles(catalogue)
    with store.sessions.begin() as session:
        citizen = _load_citizen(session, citizen_id)
        cases = session.scalars(
            select(Case).where(Case.citizen_id == citizen_id).order_by(Case.created_at, Case.id)
        ).all()
        case_ids = [case.id for case in cases]
        requests = session.scalars(
            select(AccountRequest)
            .where(AccountRequest.citizen_id == citizen_id)
            .order_by(AccountRequest.created_at, AccountRequest.id)
        ).all()
        request_ids = [request.id for request in requests]
        consents = session.scalars(
            select(Consent)
            .where(
                or_(
                    Consent.citizen_id == citizen_id,
                    Consent.case_id.in_(case_ids),
                    Consent.account_request_id.in_(request_ids),
                )
            )
            .order_by(Consent.given_at, Consent.id)
        ).all()
        events = session.scalars(
            select(AuditEvent)
            .where(
                or_(
                    AuditEvent.case_id.in_(case_ids),
                    AuditEvent.details["account_request"].as_string().in_(request_ids),
                    AuditEvent.details["citizen"].as_integer() == citizen_id,
                )
            )
            .order_by(AuditEvent.at, AuditEvent.id)
        ).all()
        pages = PageStore(store)
        export: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "exported_at": clock().astimezone(dt.UTC).isoformat(),
            "citizen": {
                "id": citizen.id,
                "id_number": citizen.id_number,
                "full_name": citizen.full_name,
                "date_of_birth": citizen.date_of_birth,
                "sex": citizen.sex,
                "address": citizen.address,
                "phone": citizen.phone,
                "email": citizen.email,
                "created_at": _iso(citizen.created_at),
                "updated_at": _iso(citizen.updated_at),
            },
            "cases": [
                {
                    "id": case.id,
                    "procedure_id": case.procedure_id,
                    "procedure_title": titles.of(case.procedure_id).vi,
                    "procedure_version": case.procedure_version,
                    "status": case.status,
                    "answers": dict(case.answers or {}),
                    "answer_labels": titles.labels(
                        case.procedure_id, case.procedure_version, dict(case.answers or {})
                    ),
                    "local_reference": case.local_reference,
                    "dossier_code": case.dossier_code,
                    "portal_status": case.portal_status,
                    "portal_message": case.portal_message,
                    "appointment_date": _iso(case.appointment_date),
                    "fee_amount": case.fee_amount,
                    "payment_method": case.payment_method,
                    "paid_at": _iso(case.paid_at),
                    "channel": case.channel,
                    "language": case.language,
                    "assisted_by_volunteer": case.assisted_by,
                    "sync_state": _outbox_state(session, OutboxEntry.case_id, case.id),
                    "created_at": _iso(case.created_at),
                    "updated_at": _iso(case.updated_at),
                    "submitted_at": _iso(case.submitted_at),
                    "sent_at": _iso(case.sent_at),
                    "finished_at": _iso(case.finished_at),
                    "purged_at": _iso(case.purged_at),
                    "attachments": _attachments_export(pages, case.id),
                }
                for case in cases
            ],
            "consents": [
                {
                    "id": consent.id,
                    "case_id": consent.case_id,
                    "account_request_id": consent.account_request_id,
                    "purpose": consent.purpose,
                    "notice_text": consent.notice_text,
                    "notice_sha256": consent.notice_sha256,
                    "language": consent.language,
                    "given_at": _iso(consent.given_at),
                    "withdrawn_at": _iso(consent.withdrawn_at),
                }
                for consent in consents
            ],
            "account_requests": [
                {
                    "id": request.id,
                    "phone": request.phone,
                    "email": request.email,
                    "status": request.status,
                    "portal_request_id": request.portal_request_id,
                    "portal_message": request.portal_message,
                    "sync_state": _outbox_state(
                        session, OutboxEntry.account_request_id, request.id
                    ),
                    "created_at": _iso(request.created_at),
                    "updated_at": _iso(request.updated_at),
                }
                for request in requests
            ],
            "audit_events": [
                {
                    "at": _iso(event.at),
                    "actor_kind": event.actor_kind,
                    "actor_id": event.actor_id,
                    "action": event.action,
                    "case_id": event.case_id,
                    "details": event.details,
                }
                for event in events
            ],
        }
        audit.record(
            session,
            actor,
            "subject_data_exported",
            citizen=citizen_id,
            cases=len(cases),
            account_requests=len(requests),
        )
    return export


def _attachments_export(pages: PageStore, case_id: str) -> list[dict[str, Any]]:
    """The case's captured pages (opened, base64) and its slots' promises and digests."""
    slots: dict[str, dict[str, Any]] = {}
    for document in pages.documents(case_id):
        slots[document.slot_key] = {
            "slot": document.slot_key,
            "bring_later_reason": document.bring_later_reason,
            "sha256": document.sha256,
            "sent_to_portal": document.confirmed_at is not None,
            "pages": [],
        }
    for page in pages.pages(case_id):
        entry = slots.setdefault(
            page.slot_key,
            {
                "slot": page.slot_key,
                "bring_later_reason": None,
                "sha256": None,
                "sent_to_portal": False,
                "pages": [],
            },
        )
        try:
            content: str | None = base64.b64encode(pages.read_page(page)).decode("ascii")
        except AttachmentError:
            content = None
        entry["pages"].append({"media_type": page.media_type, "base64": content})
    return [slots[key] for key in sorted(slots)]


def export_json(export: dict[str, Any]) -> bytes:
    """The export as UTF-8 JSON (readable: indented, Vietnamese letters as they are)."""
    return json.dumps(export, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


# -- delete -------------------------------------------------------------------------------


def _pending_ids(session: Session, column: Any, owner_ids: list[str]) -> set[str]:
    if not owner_ids:
        return set()
    return set(
        session.scalars(
            select(column).where(
                column.in_(owner_ids), OutboxEntry.state.in_(PENDING_OUTBOX_STATES)
            )
        )
    )


def unsynced_items(
    store: Store, citizen_id: int, catalogue: Catalogue | None = None
) -> tuple[UnsyncedItem, ...]:
    """What deleting this citizen now would lose (empty: nothing)."""
    with store.sessions() as session:
        return _unsynced(session, citizen_id, _Titles(catalogue))[0]


def _unsynced(
    session: Session, citizen_id: int, titles: _Titles
) -> tuple[tuple[UnsyncedItem, ...], list[Case], list[AccountRequest]]:
    cases = list(session.scalars(select(Case).where(Case.citizen_id == citizen_id)))
    requests = list(
        session.scalars(select(AccountRequest).where(AccountRequest.citizen_id == citizen_id))
    )
    pending_cases = _pending_ids(session, OutboxEntry.case_id, [c.id for c in cases])
    pending_requests = _pending_ids(
        session, OutboxEntry.account_request_id, [r.id for r in requests]
    )
    items: list[UnsyncedItem] = []
    for case in cases:
        if case.status in UNSYNCED_CASE_STATUSES or case.id in pending_cases:
            items.append(
                UnsyncedItem(
                    "case",
                    case.id,
                    titles.of(case.procedure_id),
                    case.status,
                    case.local_reference,
                )
            )
    for request in requests:
        if request.status in UNSENT_ACCOUNT_STATUSES or request.id in pending_requests:
            items.append(
                UnsyncedItem(
                    "account_request",
                    request.id,
                    LocalText("Yêu cầu tạo tài khoản dịch vụ công", "Portal account request"),
                    request.status,
                    None,
                )
            )
    return tuple(items), cases, requests


def delete_citizen(
    store: Store,
    citizen_id: int,
    actor: Actor,
    *,
    confirm_unsynced: bool = False,
    catalogue: Catalogue | None = None,
    backups_kept: int | None = None,
    clock: Clock = system_clock,
) -> DeletionReport:
    """Erase the citizen's personal data (see the module's docstring for exactly what).

    Raises :class:`UnsyncedDataError` (nothing changed) when something not yet sent
    would be lost and ``confirm_unsynced`` is False.
    """
    now = to_storage(clock())
    with store.sessions.begin() as session:
        _load_citizen(session, citizen_id)
        items, cases, requests = _unsynced(session, citizen_id, _Titles(catalogue))
        if items and not confirm_unsynced:
            raise UnsyncedDataError(items)
        lost_cases = {item.id for item in items if item.kind == "case"}
        lost_requests = {item.id for item in items if item.kind == "account_request"}
        references = [case.local_reference for case in cases]
        deleted: list[str] = []
        wiped: list[str] = []
        for case in cases:
            if case.id in lost_cases:
                deleted.append(case.id)
                audit.record(session, actor, "case_erased", case_id=case.id, deleted=True)
            else:
                case.answers = {}
                case.resume_code = None
                case.citizen_id = None
                case.portal_message = None
                case.flagged_reason = None
                case.purged_at = case.purged_at or now
                forget_case_rows(session, case.id)
                wiped.append(case.id)
                audit.record(session, actor, "case_erased", case_id=case.id, deleted=False)
        if wiped:
            # The frozen dossier bodies sent to the portal hold the answers too.
            session.execute(
                update(OutboxEntry)
                .where(
                    OutboxEntry.case_id.in_(wiped),
                    OutboxEntry.state.not_in(PENDING_OUTBOX_STATES),
                )
                .values(body=None)
            )
        if deleted:
            session.execute(
                update(Consent).where(Consent.case_id.in_(deleted)).values(case_id=None)
            )
            session.execute(delete(OutboxEntry).where(OutboxEntry.case_id.in_(deleted)))
            session.execute(delete(Case).where(Case.id.in_(deleted)))
        requests_deleted = [r.id for r in requests if r.id in lost_requests]
        for request in requests:
            if request.id not in lost_requests:
                request.phone = None
                request.email = None
                request.citizen_id = None
        if requests_deleted:
            session.execute(
                update(Consent)
                .where(Consent.account_request_id.in_(requests_deleted))
                .values(account_request_id=None)
            )
            session.execute(
                delete(OutboxEntry).where(OutboxEntry.account_request_id.in_(requests_deleted))
            )
            session.execute(delete(AccountRequest).where(AccountRequest.id.in_(requests_deleted)))
        unlinked = session.execute(
            update(Consent).where(Consent.citizen_id == citizen_id).values(citizen_id=None)
        )
        session.flush()
        session.execute(delete(Citizen).where(Citizen.id == citizen_id))
        audit.record(
            session,
            actor,
            "subject_data_deleted",
            citizen=citizen_id,
            cases_deleted=deleted,
            cases_wiped=wiped,
            account_requests_deleted=len(requests_deleted),
            account_requests_wiped=len(requests) - len(requests_deleted),
            confirmed_unsynced=bool(items),
        )
    # The rows are gone for good now; the files follow (a crash in between leaves files
    # the next retention run removes, since their cases are no longer live).
    receipts_removed = remove_receipts(store.layout, references)
    exports_removed = remove_exports_of(store.layout, citizen_id)
    from kiosk.cases.declarations import forget_declaration

    for case_id in (*deleted, *wiped):
        forget_declaration(store, case_id)
    PageStore(store).clean_orphans()  # the deleted and wiped cases' sealed page files
    days = f"{backups_kept} ngày" if backups_kept else "vài ngày"
    days_en = f"{backups_kept} days" if backups_kept else "a few days"
    return DeletionReport(
        citizen_id=citizen_id,
        cases_deleted=tuple(deleted),
        cases_wiped=tuple(wiped),
        account_requests_deleted=len(requests_deleted),
        account_requests_wiped=len(requests) - len(requests_deleted),
        consents_unlinked=int(getattr(unlinked, "rowcount", 0) or 0),
        note=LocalText(
            "Dữ liệu đã được xoá khỏi ki-ốt, kể cả giấy hẹn đã lưu và các tệp trích xuất "
            f"({receipts_removed} giấy hẹn, {exports_removed} thư mục trích xuất). "
            "Các bản sao lưu (đã mã hoá) còn chứa dữ liệu này cho tới khi được xoá xoay "
            f"vòng sau khoảng {days}.",
            "The data was deleted from the kiosk, with its kept receipts and exports "
            f"({receipts_removed} receipts, {exports_removed} export folders). Encrypted "
            f"backups still hold it until they rotate out, in about {days_en}.",
        ),
        receipts_removed=receipts_removed,
        exports_removed=exports_removed,
    )
