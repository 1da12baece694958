"""The kiosk's tables, on one typed declarative base with a constraint naming convention.

Personal data (names, ID numbers, dates of birth, addresses, phones, e-mails,
answers) is in Encrypted* columns; what stays plain is what sync, reports and
retention need to work without the key: states, codes, dates, counts.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from sqlalchemy import JSON, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kiosk.store.types import EncryptedJSON, EncryptedText

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Naive UTC: SQLite has no time zones, so every stored time is UTC by rule."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def new_uuid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


IntPk = Annotated[int, mapped_column(primary_key=True)]
UuidPk = Annotated[str, mapped_column(String(36), primary_key=True, default=new_uuid)]
Created = Annotated[dt.datetime, mapped_column(default=utcnow)]
Updated = Annotated[dt.datetime, mapped_column(default=utcnow, onupdate=utcnow)]


class Meta(Base):
    """Key/value facts about this database (key check value, sync cursor, ...)."""

    __tablename__ = "kiosk_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Citizen(Base):
    __tablename__ = "citizens"
    id: Mapped[IntPk]
    id_number_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    id_number: Mapped[str | None] = mapped_column(EncryptedText("citizens.id_number"))
    full_name: Mapped[str] = mapped_column(EncryptedText("citizens.full_name"))
    date_of_birth: Mapped[str | None] = mapped_column(EncryptedText("citizens.date_of_birth"))
    sex: Mapped[str | None] = mapped_column(EncryptedText("citizens.sex"))
    address: Mapped[str | None] = mapped_column(EncryptedText("citizens.address"))
    phone: Mapped[str | None] = mapped_column(EncryptedText("citizens.phone"))
    email: Mapped[str | None] = mapped_column(EncryptedText("citizens.email"))
    created_at: Mapped[Created]
    updated_at: Mapped[Updated]

    cases: Mapped[list[Case]] = relationship(back_populates="citizen")


class Consent(Base):
    """What the citizen agreed to: the exact notice text shown, and when."""

    __tablename__ = "consents"
    id: Mapped[IntPk]
    citizen_id: Mapped[int | None] = mapped_column(
        ForeignKey("citizens.id", ondelete="SET NULL"), index=True
    )
    case_id: Mapped[str | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), index=True
    )
    account_request_id: Mapped[str | None] = mapped_column(
        ForeignKey("account_requests.id", ondelete="SET NULL"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(200))
    notice_text: Mapped[str] = mapped_column(Text)
    notice_sha256: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(5))
    given_at: Mapped[Created]
    withdrawn_at: Mapped[dt.datetime | None]


class Volunteer(Base):
    __tablename__ = "volunteers"
    id: Mapped[IntPk]
    name: Mapped[str] = mapped_column(String(120))
    branch: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="volunteer")
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[Created]


class Case(Base):
    """One dossier from draft to the portal's final status.

    ``id`` is also the Idempotency-Key sent to the portal, so a case pushed
    twice is one dossier there.
    """

    __tablename__ = "cases"
    id: Mapped[UuidPk]
    procedure_id: Mapped[str] = mapped_column(String(64), index=True)
    procedure_version: Mapped[int]
    citizen_id: Mapped[int | None] = mapped_column(
        ForeignKey("citizens.id", ondelete="SET NULL"), index=True
    )
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("cases.answers"))
    status: Mapped[str] = mapped_column(String(20), index=True, default="draft")
    current_step: Mapped[str | None] = mapped_column(String(64))
    resume_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    local_reference: Mapped[str | None] = mapped_column(String(40), unique=True)
    dossier_code: Mapped[str | None] = mapped_column(String(40), index=True)
    portal_status: Mapped[str | None] = mapped_column(String(30))
    portal_message: Mapped[str | None] = mapped_column(Text)
    appointment_date: Mapped[dt.date | None]
    flagged_reason: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(20), default="in_person")
    # How the applicant's identity was established: qr_only, chip_verified,
    # chip_unverified (kiosk/cases/service.py IDENTITY_EVIDENCE); None = not recorded
    # (no card, or a case from before this column).
    identity_evidence: Mapped[str | None] = mapped_column(String(20))
    fee_amount: Mapped[int] = mapped_column(default=0)
    payment_method: Mapped[str | None] = mapped_column(String(20))
    paid_at: Mapped[dt.datetime | None]
    assisted_by: Mapped[int | None] = mapped_column(
        ForeignKey("volunteers.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(5), default="vi")
    created_at: Mapped[Created] = mapped_column(index=True)
    # Set by the case services (their clock is injectable): the last change a person made.
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    sent_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    purged_at: Mapped[dt.datetime | None]
    # The kiosk that started the case (a ward's kiosks share one database).
    kiosk_number: Mapped[int | None] = mapped_column(index=True)
    # A draft being filled at one kiosk is locked to it until ``locked_until`` (renewed
    # by every save), so another kiosk of the ward cannot edit it at the same time.
    locked_by_kiosk: Mapped[int | None]
    locked_until: Mapped[dt.datetime | None]

    citizen: Mapped[Citizen | None] = relationship(back_populates="cases")

    __table_args__ = (
        Index("ix_cases_status_updated", "status", "updated_at"),
        # The retention purge: not yet purged, finished (or sent) before the cut-off.
        Index("ix_cases_purge_finished", "purged_at", "finished_at"),
        Index("ix_cases_purge_sent", "purged_at", "sent_at"),
    )


class AccountRequest(Base):
    """A request to the portal to open an account for a citizen (never a password)."""

    __tablename__ = "account_requests"
    id: Mapped[UuidPk]
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id", ondelete="SET NULL"))
    phone: Mapped[str | None] = mapped_column(EncryptedText("account_requests.phone"))
    email: Mapped[str | None] = mapped_column(EncryptedText("account_requests.email"))
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    portal_request_id: Mapped[str | None] = mapped_column(String(64))
    portal_message: Mapped[str | None] = mapped_column(Text)
    assisted_by: Mapped[int | None] = mapped_column(
        ForeignKey("volunteers.id", ondelete="SET NULL")
    )
    created_at: Mapped[Created] = mapped_column(index=True)
    updated_at: Mapped[Updated]


class OutboxEntry(Base):
    """One push waiting for the portal; its state is written before and after each request."""

    __tablename__ = "outbox"
    id: Mapped[IntPk]
    kind: Mapped[str] = mapped_column(String(20))  # "case" | "account"
    case_id: Mapped[str | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    account_request_id: Mapped[str | None] = mapped_column(
        ForeignKey("account_requests.id", ondelete="CASCADE")
    )
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # The request body frozen at submit, sent byte for byte on every attempt (a
    # retry must not pick up a citizen's later changes: the portal answers 409).
    body: Mapped[str | None] = mapped_column(EncryptedText("outbox.body"))
    created_at: Mapped[Created]
    updated_at: Mapped[Updated]

    __table_args__ = (
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
        # The volunteers' "stuck for more than a day" list counts and pages on this.
        Index("ix_outbox_state_created", "state", "created_at", "case_id"),
    )


class SyncRun(Base):
    __tablename__ = "sync_runs"
    id: Mapped[IntPk]
    holder: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[Created]
    finished_at: Mapped[dt.datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(20))
    pushed: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    pending: Mapped[int] = mapped_column(default=0)
    statuses_updated: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)


class SyncLease(Base):
    """At most one sync pass at a time across processes; expires if its holder dies."""

    __tablename__ = "sync_lease"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[dt.datetime]


class AuditEvent(Base):
    """Who did what, when. ``details`` holds no personal data, only codes and ids."""

    __tablename__ = "audit_events"
    id: Mapped[IntPk]
    at: Mapped[Created] = mapped_column(index=True)
    actor_kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60), index=True)
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DailySequence(Base):
    """The day's last local-reference sequence number for one kiosk."""

    __tablename__ = "daily_sequences"
    day: Mapped[dt.date] = mapped_column(primary_key=True)
    kiosk_number: Mapped[int] = mapped_column(primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


class CaseStatistic(Base):
    """Anonymous counts kept after personal data is purged."""

    __tablename__ = "case_statistics"
    id: Mapped[IntPk]
    day: Mapped[dt.date]
    procedure_id: Mapped[str] = mapped_column(String(64))
    final_status: Mapped[str] = mapped_column(String(20))
    assisted: Mapped[bool] = mapped_column(default=False)
    count: Mapped[int] = mapped_column(default=0)

    __table_args__ = (UniqueConstraint("day", "procedure_id", "final_status", "assisted"),)


class AttachmentPage(Base):
    """One captured page; its bytes are a sealed file under ``attachments/`` (never here).

    Files, not a BLOB column: ``bench/attachment_storage.py`` measured a
    4 MB WAL and a 5 MB larger database (copied again by every daily backup)
    for 20 pages in a table, against 1.5 MB and 0.2 MB with files, for the
    same autosave latency. Only sizes and positions are plain here.
    """

    __tablename__ = "attachment_pages"
    id: Mapped[UuidPk]
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    slot_key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    media_type: Mapped[str] = mapped_column(String(40))
    sealed_bytes: Mapped[int]
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[Created]

    __table_args__ = (Index("ix_attachment_pages_case_slot", "case_id", "slot_key", "position"),)


class AttachmentSlot(Base):
    """A case's slot: "bring it to the counter" (with the reason), or its assembled PDF.

    ``sha256`` is the PDF's digest, the address the portal knows it by, and
    ``pdf_bytes`` its plain size (what the dossier tells the portal);
    ``confirmed_at`` is set once the portal has confirmed holding those bytes,
    so the sync engine never sends them again.
    """

    __tablename__ = "attachment_slots"
    id: Mapped[IntPk]
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    slot_key: Mapped[str] = mapped_column(String(80))
    bring_later_reason: Mapped[str | None] = mapped_column(String(30))
    sha256: Mapped[str | None] = mapped_column(String(64))
    pdf_bytes: Mapped[int | None]
    page_count: Mapped[int] = mapped_column(default=0)
    confirmed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[Updated]

    __table_args__ = (UniqueConstraint("case_id", "slot_key"),)
