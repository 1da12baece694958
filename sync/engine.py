"""One sync pass: push the outbox, pull statuses, check the catalogue.

Every outbox entry moves ``queued -> sending -> sent``; the state is committed
before the request and after the answer. A crash in between leaves
``sending``, which the next pass treats as ``queued`` and resends with the
same Idempotency-Key: the portal answers 200 with the first result, so the
dossier exists once. Retryable failures set ``next_attempt_at`` (exponential
backoff with jitter, Retry-After honoured) and survive restarts; 4xx
rejections return the case to the volunteers with the portal's message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import random
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from kiosk.cases import audit
from kiosk.cases.audit import Actor
from kiosk.cases.clock import Clock, system_clock, to_storage
from kiosk.cases.declarations import attachment_json, declaration_pdf, sealed_declaration
from kiosk.cases.dossier_payload import freeze, loaded_with_kiosk_id, with_kiosk_id
from kiosk.cases.errors import CaseError
from kiosk.config import ConfigError, KioskConfig, load
from kiosk.documents.errors import DocumentDataError
from kiosk.store.database import LAST_SYNC_SUCCESS_KEY as LAST_SUCCESS
from kiosk.store.database import Store, meta_value, set_meta_value
from kiosk.store.models import AccountRequest, AuditEvent, Case, OutboxEntry, SyncRun
from sync.backoff import RETRY_HORIZON, BackoffPolicy
from sync.lease import Lease
from sync.payloads import account_body, dossier_body
from sync.portal import (
    AccountRequestReceipt,
    AuthFailed,
    DossierReceipt,
    EncodedJson,
    IdempotencyConflict,
    PortalClient,
    PortalError,
    PortalRejected,
    PortalUnavailable,
    RateLimited,
    StatusChange,
    TlsError,
)
from sync.reconcile import check_with_portal
from sync.uploads import (
    ChunkPolicy,
    Upload,
    confirmed_slots,
    mark_confirmed,
    pending_uploads,
    send_upload,
    write_confirmations,
)

if TYPE_CHECKING:
    from kiosk.procedures import Catalogue

log = logging.getLogger(__name__)

SYNC_ACTOR = Actor("sync", "sync")
PENDING_STATES = ("queued", "sending")
STATUS_CURSOR = "status_cursor"
PORTAL_CATALOGUE = "portal_catalogue"

# Portal statuses that hand the case back to the volunteers.
RETURNING_STATUSES = frozenset({"needs_more", "not_accepted"})
FINAL_STATUSES = frozenset({"done", "rejected", "result_returned", "withdrawn"})
# Acknowledged dossiers written per transaction (replayable, see _record_sent).
ACK_GROUP = 25
# Outbox entries read per query while pushing: few queries for a batch, and an entry
# changed during the pass (a citizen's data deleted) is read shortly before its send.
READ_AHEAD = 50
# Status changes asked per request: the contract's maximum (docs/portal-api.yaml), so
# a night's changes come in few requests, each of which the portal answers after
# bringing its schedule up to date.
STATUS_PAGE = 500

# The acknowledgement group's statements (see SyncEngine._flush_sent).
_OUTBOX = cast(Table, OutboxEntry.__table__)
_CASES = cast(Table, Case.__table__)
_AUDIT = cast(Table, AuditEvent.__table__)
_STORE_BODY = (
    update(_OUTBOX).where(_OUTBOX.c.id == bindparam("p_id")).values(body=bindparam("p_body"))
)
_MARK_SENT = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("p_id"))
    .values(state="sent", last_error=None, updated_at=bindparam("p_at"))
)
_CASE_SENT = (
    update(_CASES)
    .where(_CASES.c.id == bindparam("p_id"))
    .values(
        status="sent",
        dossier_code=bindparam("p_code"),
        appointment_date=bindparam("p_appointment"),
        portal_status=bindparam("p_status"),
        sent_at=bindparam("p_at"),
    )
)


@dataclass
class PassResult:
    """What one pass did; the CLI's ``--json`` prints these counts."""

    pushed: int = 0
    rejected: int = 0
    failed: int = 0
    pending: int = 0
    statuses_updated: int = 0
    accounts_sent: int = 0
    catalogue_changed: bool = False
    recovered: int = 0  # dossiers the portal held that this database had lost
    lost: int = 0  # references issued after a restored copy that the portal never got
    lease_busy: bool = False
    online: bool = True
    stopped_reason: str | None = None
    due_now: int = 0
    next_attempt_at: dt.datetime | None = None
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        result = asdict(self)
        result["next_attempt_at"] = (
            None if self.next_attempt_at is None else self.next_attempt_at.isoformat()
        )
        return result


@dataclass
class _Prepared:
    """One claimed entry, ready to send: read on the engine's thread, sent on another."""

    entry_id: int
    kind: str
    idempotency_key: str
    case_id: str | None
    body: dict[str, object]
    uploads: list[Upload]
    unstored_body: str | None = None
    """The outbox text completed with the kiosk's id, to store with the outcome."""
    confirmed: list[Upload] = field(default_factory=list)
    """Uploads the portal answered 2xx for (appended by the sender)."""


@dataclass(frozen=True)
class _EntryRow:
    """What the push reads of one outbox entry, read with its neighbours in one query."""

    kind: str
    state: str
    idempotency_key: str
    case_id: str | None
    account_request_id: str | None
    body: str | None


class _StopPass(Exception):
    """The portal is down or refuses the kiosk: no point trying the next entries."""

    def __init__(self, reason: str, online: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.online = online


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: PortalClient,
        catalogue: Catalogue | Callable[[], Catalogue],
        *,
        kiosk_id: str,
        holder: str,
        batch_size: int = 50,
        backoff: BackoffPolicy | None = None,
        clock: Clock = system_clock,
        rng: random.Random | None = None,
        max_consecutive_outages: int = 3,
        config: KioskConfig | None = None,
        max_connections: int = 1,
        chunks: ChunkPolicy | None = None,
    ) -> None:
        # Outbox states are replayable (Idempotency-Key), so they skip the fsync
        # that citizens' answers pay for; see Store.relaxed.
        self.store = store.relaxed()
        self.client = client
        # A loader is called on first use: a pass whose bodies are frozen and whose
        # declarations are sealed never needs the definitions, and validating them
        # against their schema is ~0.4 s of `kiosk-sync run`'s start.
        self._catalogue = catalogue
        self.kiosk_id = kiosk_id
        self.batch_size = batch_size
        self.chunks = chunks or ChunkPolicy()
        self.backoff = backoff or BackoffPolicy()
        self.clock = clock
        self.rng = rng or random.Random()
        self.lease = Lease(self.store, holder, clock=clock)
        self.max_consecutive_outages = max_consecutive_outages
        self._unwritten_acks: list[tuple[int, str, DossierReceipt]] = []
        # Attachments the portal confirmed, written with those acknowledgements.
        self._unwritten_confirmations: list[tuple[str, Upload]] = []
        # Outbox texts completed with the kiosk's id, written with those too.
        self._unwritten_bodies: list[tuple[int, str]] = []
        # The claimed batch's confirmed (slot, digest) pairs, read in one query.
        self._batch_confirmed: dict[str, set[tuple[str, str]]] = {}
        # The next READ_AHEAD claimed entries, read in one query (see _read_ahead).
        self._read_rows: dict[int, _EntryRow] = {}
        # Connections to send on: 1 until the portal's meta says it allows more, and
        # never more than ``max_connections``: 2 for `kiosk-sync run` (a backlog), 1 for
        # the kiosk's background worker, which sends a few dossiers at a time and whose
        # tests run the portal in-process with 0.3 s time-outs, where a second
        # connection only adds time-outs (docs/performance.md).
        self.max_connections = max_connections
        self.connections = 1
        self._connections_agreed = False
        # The ward's details drawn on each dossier's declaration (kiosk/cases/declarations).
        self.config = config if config is not None else _config_of(store)

    @property
    def catalogue(self) -> Catalogue:
        if callable(self._catalogue):
            self._catalogue = self._catalogue()
        return self._catalogue

    def _now(self) -> dt.datetime:
        return to_storage(self.clock())

    def close(self) -> None:
        """Release the engine's own database connections."""
        self.store.close()

    # -- the pass --------------------------------------------------------------------

    def run_pass(
        self,
        progress: Callable[[int, int], None] | None = None,
        *,
        statuses_after_backlog: bool = False,
    ) -> PassResult:
        """One pass: the portal check, a batch pushed, statuses pulled, the catalogue checked.

        ``statuses_after_backlog``: when entries are still due after this batch, leave
        the status pull and the catalogue check to the pass that sends them, as
        :meth:`run_until_done` runs one at once; each pull costs the portal a walk of
        its unfinished dossiers, and pulling after every batch of a backlog brought
        nothing the last pull does not.
        """
        result = PassResult()
        if not self.lease.acquire():
            result.lease_busy = True
            self._count_pending(result)
            return result
        with self.store.sessions.begin() as session:
            run = SyncRun(holder=self.lease.holder, started_at=self._now())
            session.add(run)
            session.flush()
            run_id = run.id
        try:
            try:
                self._check_portal(result)
                self._push(result, progress)
                if not (statuses_after_backlog and self._due_count(self._now())):
                    self._pull_statuses(result)
                    self._check_catalogue(result)
            except _StopPass as stop:
                result.stopped_reason = stop.reason
                result.online = stop.online
            if result.online and result.stopped_reason is None:
                with self.store.sessions.begin() as session:
                    set_meta_value(session, LAST_SUCCESS, self._now().isoformat())
        finally:
            self._count_pending(result)
            with self.store.sessions.begin() as session:
                finished = session.get(SyncRun, run_id)
                assert finished is not None
                finished.finished_at = self._now()
                finished.pushed = result.pushed + result.accounts_sent
                finished.rejected = result.rejected
                finished.failed = result.failed
                finished.pending = result.pending
                finished.statuses_updated = result.statuses_updated
                finished.outcome = "ok" if result.stopped_reason is None else result.stopped_reason
                finished.error = "; ".join(result.errors[:5]) or None
            self.lease.release()
        return result

    def _count_pending(self, result: PassResult) -> None:
        now = self._now()
        with self.store.sessions() as session:
            result.pending = (
                session.scalar(
                    select(func.count())
                    .select_from(OutboxEntry)
                    .where(OutboxEntry.state.in_(PENDING_STATES))
                )
                or 0
            )
            result.due_now = self._count_due(session, now)
            result.next_attempt_at = session.scalar(
                select(func.min(OutboxEntry.next_attempt_at)).where(
                    OutboxEntry.state.in_(PENDING_STATES)
                )
            )

    def _due_count(self, now: dt.datetime) -> int:
        with self.store.sessions() as session:
            return self._count_due(session, now)

    @classmethod
    def _count_due(cls, session: Session, now: dt.datetime) -> int:
        count = session.scalar(select(func.count()).select_from(OutboxEntry).where(cls._due(now)))
        return count or 0

    @staticmethod
    def _due(now: dt.datetime):  # type: ignore[no-untyped-def]
        return (OutboxEntry.state.in_(PENDING_STATES)) & or_(
            OutboxEntry.next_attempt_at.is_(None),
            OutboxEntry.next_attempt_at <= now,
            OutboxEntry.next_attempt_at > now + RETRY_HORIZON,  # set under a clock run ahead
        )

    # -- after a restore -----------------------------------------------------------

    def _check_portal(self, result: PassResult) -> None:
        """The pending check of what the portal holds (see sync.reconcile); retried each pass."""
        try:
            check = check_with_portal(self.store, self.client, self.clock)
        except (AuthFailed, TlsError) as error:
            result.errors.append(f"portal check: {type(error).__name__}")
            raise _StopPass(type(error).__name__, online=True) from None
        except PortalError as error:
            result.errors.append(f"portal check: {error.detail}")
            return
        if check is not None:
            result.recovered = len(check.recovered)
            result.lost = len(check.lost)

    # -- push ------------------------------------------------------------------------

    def _push(self, result: PassResult, progress: Callable[[int, int], None] | None) -> None:
        # One write marks the whole batch "sending" before any request leaves; the
        # acknowledgements are written in groups (see _record_sent).
        due = self._claim_due(self._now())
        if len(due) > 1:
            self._agree_connections()
        try:
            self._push_claimed(due, result, progress)
        finally:
            self._flush_sent()

    def _agree_connections(self) -> None:
        """How many connections to send on: the portal's ``max_connections``, at most ours.

        Asked once per engine (one GET of the meta); a portal that does not say, or
        cannot be asked now, gets one connection (asked again next pass).
        """
        if self._connections_agreed or self.max_connections <= 1:
            return
        try:
            allowed = self.client.meta().max_connections
        except PortalError:
            return
        self.connections = max(1, min(self.max_connections, allowed))
        self._connections_agreed = True

    def _push_claimed(
        self,
        due: Sequence[int],
        result: PassResult,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        """Send the claimed entries, on up to ``self.connections`` connections at once.

        This thread does every database read and write: it prepares the next entry
        (frozen body, declaration, attachments read and checked) while the sender
        threads have the previous ones on the wire, then records each outcome in
        claim order. A sender only does HTTP. Each entry keeps its own
        Idempotency-Key (or digest), so two in flight can arrive in either order.
        """
        width = max(1, self.connections)
        senders = (
            ThreadPoolExecutor(max_workers=width, thread_name_prefix="sync-send")
            if width > 1
            else None
        )
        in_flight: deque[tuple[_Prepared, Future[object]]] = deque()
        self._read_rows, self._batch_confirmed = {}, {}
        outages = 0
        renewed_at = time.monotonic()
        next_index = finished = 0
        try:
            while next_index < len(due) or in_flight:
                while next_index < len(due) and len(in_flight) < width:
                    if time.monotonic() - renewed_at > self.lease.ttl.total_seconds() / 4:
                        if not self.lease.renew():
                            raise _StopPass("lease_lost", online=True)
                        renewed_at = time.monotonic()
                    entry_id = due[next_index]
                    if entry_id not in self._read_rows:
                        self._read_ahead(due[next_index : next_index + READ_AHEAD])
                    next_index += 1
                    prepared = self._prepare(entry_id, result)
                    if prepared is None:
                        finished += 1
                        if progress is not None:
                            progress(finished, len(due))
                        continue
                    in_flight.append((prepared, self._start(senders, prepared)))
                if not in_flight:
                    continue
                prepared, sent = in_flight.popleft()
                outages = self._finish(prepared, sent, result, outages)
                finished += 1
                if progress is not None:
                    progress(finished, len(due))
        except _StopPass:
            # What is on the wire still gets its outcome recorded; the rest goes back.
            for prepared, sent in in_flight:
                with contextlib.suppress(_StopPass):
                    self._finish(prepared, sent, result, 0)
            in_flight.clear()
            self._unclaim(due[next_index:])
            raise
        finally:
            if senders is not None:
                senders.shutdown(wait=True)

    def _read_ahead(self, entry_ids: Sequence[int]) -> None:
        """The next entries and their cases' confirmed attachments: two queries in all.

        Before, each entry was an ORM ``get`` in its own session (about 1 ms of the
        engine's thread per dossier, docs/performance.md). Columns only: nothing
        here is an ORM object, the sealed body is opened by its column type.
        """
        table = OutboxEntry.__table__.c
        with self.store.sessions() as session:
            rows = session.execute(
                select(
                    table.id,
                    table.kind,
                    table.state,
                    table.idempotency_key,
                    table.case_id,
                    table.account_request_id,
                    table.body,
                ).where(table.id.in_(entry_ids))
            ).all()
        self._read_rows = {
            row.id: _EntryRow(
                row.kind,
                row.state,
                row.idempotency_key,
                row.case_id,
                row.account_request_id,
                row.body,
            )
            for row in rows
        }
        self._batch_confirmed = confirmed_slots(
            self.store, [row.case_id for row in rows if row.case_id is not None]
        )

    def _start(self, senders: ThreadPoolExecutor | None, prepared: _Prepared) -> Future[object]:
        if senders is not None:
            return senders.submit(self._send, prepared)
        done: Future[object] = Future()
        try:
            done.set_result(self._send(prepared))
        except Exception as error:  # handed to _finish, as a sender thread's would be
            done.set_exception(error)
        return done

    def _claim_due(self, now: dt.datetime) -> list[int]:
        """Select and mark a batch "sending" in one transaction.

        On the ward's PostgreSQL the rows are selected ``FOR UPDATE SKIP LOCKED``: a
        second machine's pass (say, after the first one's lease expired while it still
        ran) gets other rows, never the batch being claimed. SQLite has no row locks
        and needs none: its writers are serialised. The lease already keeps one pass
        per ward at a time; this makes the claim safe without relying on it.
        """
        with self.store.sessions.begin() as session:
            # Accounts first (a citizen waiting for an SMS), then dossiers; oldest first.
            due = list(
                session.execute(
                    select(OutboxEntry.id)
                    .where(self._due(now))
                    .order_by((OutboxEntry.kind == "case").asc(), OutboxEntry.id.asc())
                    .limit(self.batch_size)
                    .with_for_update(skip_locked=True)
                )
                .scalars()
                .all()
            )
            if due:
                session.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.id.in_(due), OutboxEntry.state.in_(PENDING_STATES))
                    .values(
                        state="sending", attempts=OutboxEntry.attempts + 1, updated_at=self._now()
                    )
                )
        return due

    def _unclaim(self, entry_ids: Sequence[int]) -> None:
        """Entries claimed but never tried (the pass stopped): as they were."""
        if not entry_ids:
            return
        with self.store.sessions.begin() as session:
            session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.id.in_(entry_ids), OutboxEntry.state == "sending")
                .values(state="queued", attempts=OutboxEntry.attempts - 1)
            )

    def _frozen_dossier(self, entry_id: int) -> dict[str, object]:
        """The body frozen at submit, completed once with this kiosk's id and stored.

        Entries queued before bodies were frozen get theirs frozen here, before
        their first request; from then on every attempt sends the same bytes.
        """
        with self.store.sessions.begin() as session:
            entry = session.get(OutboxEntry, entry_id)
            assert entry is not None
            frozen = entry.body
            if frozen is None:
                case = session.get(Case, entry.case_id)
                assert case is not None
                frozen = freeze(dossier_body(session, case, self.kiosk_id, self.catalogue))
                entry.body = frozen
            else:
                completed = with_kiosk_id(frozen, self.kiosk_id)
                if completed is not None:
                    entry.body = frozen = completed
        return self._with_declaration(json.loads(frozen), entry.case_id)

    def _with_declaration(
        self, loaded: dict[str, object], case_id: str | None
    ) -> dict[str, object]:
        if "declaration" not in loaded and case_id is not None:
            declaration = self._declaration(case_id, str(loaded["local_reference"]))
            if declaration is not None:
                loaded["declaration"] = declaration
        return loaded

    def _declaration(self, case_id: str, local_reference: str) -> EncodedJson | None:
        """The case's declaration, from its sealed file (drawn and sealed on first use).

        Not stored in the outbox body (70 kB a case in the database and its backups):
        the sealed file gives the same bytes on every attempt. A declaration that
        cannot be drawn leaves the dossier as it is (the officer prints the form
        from the answers).
        """
        try:
            pdf = sealed_declaration(self.store, case_id)
            if pdf is None:  # lost (or never drawn): drawn now, as the receipt's runner would
                # Imported here: the case services are ~20 ms of `kiosk-sync run`'s start,
                # needed only for a declaration that was lost.
                from kiosk.cases.service import CaseService

                service = CaseService(self.store, self.catalogue, self.config, clock=self.clock)
                pdf = declaration_pdf(service, case_id, self.config, self.catalogue)
        except (CaseError, DocumentDataError) as error:
            log.error("declaration not rendered: %s", type(error).__name__)
            return None
        # Encoded here, once, on this thread: the sender splices it into the body
        # instead of escaping-scanning ~95 kB of base64 (sync/portal/encoded.py).
        return EncodedJson(attachment_json(pdf, local_reference))

    def _prepare(self, entry_id: int, result: PassResult) -> _Prepared | None:
        """Everything an entry's requests need, read from the database now (this thread)."""
        entry = self._read_rows.pop(entry_id, None)
        if entry is None or entry.state != "sending":
            return None
        if entry.kind != "case":
            with self.store.sessions() as session:
                request = session.get(AccountRequest, entry.account_request_id)
                assert request is not None
                body = account_body(session, request, self.kiosk_id)
            return _Prepared(entry_id, entry.kind, entry.idempotency_key, None, body, [])
        assert entry.case_id is not None
        unstored: str | None = None
        if entry.body is None:  # queued before bodies were frozen: frozen and stored now
            body = self._frozen_dossier(entry_id)
        else:
            # Completed with this kiosk's id in memory, stored with the entry's outcome
            # (its acknowledgement's group, or the retry or rejection): a crash before
            # that completes the same frozen text the same way again, same bytes.
            loaded, unstored = loaded_with_kiosk_id(entry.body, self.kiosk_id)
            body = self._with_declaration(loaded, entry.case_id)
        try:
            uploads = pending_uploads(
                self.store, entry.case_id, body, self._batch_confirmed.get(entry.case_id)
            )
        except PortalError as error:
            self._schedule_retry(entry_id, error, None, unstored)
            result.failed += 1
            result.errors.append(f"{type(error).__name__}: {error.detail}")
            return None
        return _Prepared(
            entry_id, entry.kind, entry.idempotency_key, entry.case_id, body, uploads, unstored
        )

    def _send(self, prepared: _Prepared) -> object:
        """The entry's HTTP exchanges (a sender thread): attachments first, then the dossier.

        Never touches the database; what the portal confirmed is noted on
        ``prepared`` for :meth:`_finish`, also when a later request fails.
        """
        if prepared.kind != "case":
            return self.client.create_account(prepared.idempotency_key, prepared.body)
        for upload in prepared.uploads:
            send_upload(self.client, upload, self.chunks)
            prepared.confirmed.append(upload)
        return self.client.submit_dossier(prepared.idempotency_key, prepared.body)

    def _finish(
        self, prepared: _Prepared, sent: Future[object], result: PassResult, outages: int
    ) -> int:
        """Record one entry's outcome; returns the count of outages in a row."""
        entry_id = prepared.entry_id
        try:
            answer = sent.result()
        except (PortalUnavailable, RateLimited) as error:
            self._confirm_uploads(prepared)
            retry_after = error.retry_after_seconds if isinstance(error, RateLimited) else None
            self._schedule_retry(entry_id, error, retry_after, prepared.unstored_body)
            result.failed += 1
            result.errors.append(f"{type(error).__name__}: {error.detail}")
            if isinstance(error, PortalUnavailable) and error.reason in ("connection", "timeout"):
                outages += 1
                if outages >= self.max_consecutive_outages:
                    raise _StopPass("offline", online=False) from None
            return outages
        except (PortalRejected, IdempotencyConflict) as error:
            self._confirm_uploads(prepared)
            self._mark_rejected(entry_id, error, prepared.unstored_body)
            result.rejected += 1
            return 0
        except (AuthFailed, TlsError) as error:
            self._confirm_uploads(prepared)
            self._schedule_retry(entry_id, error, None, prepared.unstored_body)
            result.errors.append(f"{type(error).__name__}: {error.detail}")
            reason = "auth_failed" if isinstance(error, AuthFailed) else "tls_error"
            raise _StopPass(reason, online=True) from None
        except PortalError as error:  # any other contract error: keep it, try later
            self._confirm_uploads(prepared)
            self._schedule_retry(entry_id, error, None, prepared.unstored_body)
            result.failed += 1
            result.errors.append(f"{type(error).__name__}: {error.detail}")
            return 0
        if isinstance(answer, DossierReceipt):
            # Written with the acknowledgement, in its group: a crash before that
            # write means one more PUT of the same bytes, which the portal answers
            # 200 without storing anything (the PUT is idempotent by digest).
            assert prepared.case_id is not None
            self._unwritten_confirmations.extend(
                (prepared.case_id, upload) for upload in prepared.confirmed
            )
            if prepared.unstored_body is not None:
                self._unwritten_bodies.append((entry_id, prepared.unstored_body))
            self._record_sent(entry_id, prepared.case_id, answer)
            result.pushed += 1
        else:
            assert isinstance(answer, AccountRequestReceipt)
            self._mark_account_sent(entry_id, answer.account_request_id)
            result.accounts_sent += 1
        return 0

    def _confirm_uploads(self, prepared: _Prepared) -> None:
        """After a failed dossier: the attachments it got through stay confirmed."""
        if prepared.case_id is not None and prepared.confirmed:
            mark_confirmed(self.store, [(prepared.case_id, u) for u in prepared.confirmed])

    def send_attachments(self, dossiers: Sequence[tuple[str, dict[str, object]]]) -> int:
        """The push's upload half alone, on this thread: returns how many were sent.

        For each (case id, frozen body), every attachment the dossier names that the
        portal has not confirmed is read, checked and PUT, as the push does it (the
        batch's confirmations read in one query, written in one transaction at the
        end), without the dossiers. ``bench/attachments.py`` measures the upload
        path with it.
        """
        confirmed = confirmed_slots(self.store, [case_id for case_id, _ in dossiers])
        sent: list[tuple[str, Upload]] = []
        try:
            for case_id, body in dossiers:
                for upload in pending_uploads(self.store, case_id, body, confirmed[case_id]):
                    send_upload(self.client, upload, self.chunks)
                    sent.append((case_id, upload))
        finally:
            mark_confirmed(self.store, sent)
        return len(sent)

    def _schedule_retry(
        self,
        entry_id: int,
        error: PortalError,
        retry_after: float | None,
        body: str | None = None,
    ) -> None:
        with self.store.sessions.begin() as session:
            entry = session.get(OutboxEntry, entry_id)
            assert entry is not None
            if body is not None:
                entry.body = body
            entry.state = "queued"
            entry.next_attempt_at = self.backoff.next_attempt(
                self._now(), entry.attempts, self.rng, retry_after
            )
            entry.last_error = f"{type(error).__name__}: {error.detail}"[:500]

    def _record_sent(self, entry_id: int, case_id: str, receipt: DossierReceipt) -> None:
        """Remember an acknowledgement; written with the next ones in one transaction.

        Safe to defer: if the process dies before the write, the entry is still
        "sending", is sent again with the same Idempotency-Key, and the portal
        answers with the first receipt (200). Nothing is lost or doubled.
        """
        self._unwritten_acks.append((entry_id, case_id, receipt))
        if len(self._unwritten_acks) >= ACK_GROUP:
            self._flush_sent()

    def _flush_sent(self) -> None:
        if not self._unwritten_acks:
            return
        acks, self._unwritten_acks = self._unwritten_acks, []
        confirmations, self._unwritten_confirmations = self._unwritten_confirmations, []
        bodies, self._unwritten_bodies = self._unwritten_bodies, []
        now = self._now()
        # Core statements, each executed once for the whole group (executemany): the
        # ORM's bulk paths cost about 0.4 ms a dossier here (docs/performance.md), and
        # loading each Case would decrypt its answers for nothing.
        with self.store.sessions.begin() as session:
            connection = session.connection()
            write_confirmations(session, confirmations)
            if bodies:
                connection.execute(
                    _STORE_BODY, [{"p_id": entry_id, "p_body": body} for entry_id, body in bodies]
                )
            connection.execute(
                _MARK_SENT, [{"p_id": entry_id, "p_at": now} for entry_id, _, _ in acks]
            )
            connection.execute(
                _CASE_SENT,
                [
                    {
                        "p_id": case_id,
                        "p_code": receipt.dossier_code,
                        "p_appointment": receipt.appointment_date,
                        "p_status": receipt.status,
                        "p_at": now,
                    }
                    for _, case_id, receipt in acks
                ],
            )
            connection.execute(
                insert(_AUDIT),
                [
                    {
                        "at": now,
                        "actor_kind": SYNC_ACTOR.kind,
                        "actor_id": SYNC_ACTOR.id,
                        "action": "case_sent",
                        "case_id": case_id,
                        "details": {
                            "dossier_code": receipt.dossier_code,
                            "replayed": receipt.replayed,
                        },
                    }
                    for _, case_id, receipt in acks
                ],
            )

    def _mark_account_sent(self, entry_id: int, portal_request_id: str) -> None:
        with self.store.sessions.begin() as session:
            entry = session.get(OutboxEntry, entry_id)
            assert entry is not None
            request = session.get(AccountRequest, entry.account_request_id)
            assert request is not None
            entry.state = "sent"
            entry.last_error = None
            request.status = "pending_otp"
            request.portal_request_id = portal_request_id
            audit.record(session, SYNC_ACTOR, "account_sent", account_request=request.id)

    def _mark_rejected(
        self, entry_id: int, error: PortalRejected | IdempotencyConflict, body: str | None = None
    ) -> None:
        message = error.message_vi
        if isinstance(error, PortalRejected) and error.errors:
            message += " " + " ".join(f"[{p.field}] {p.message}" for p in error.errors)
        with self.store.sessions.begin() as session:
            entry = session.get(OutboxEntry, entry_id)
            assert entry is not None
            if body is not None:
                entry.body = body
            entry.state = "rejected"
            entry.last_error = f"{type(error).__name__}: {error.detail}"[:500]
            if entry.kind == "case":
                case = session.get(Case, entry.case_id)
                assert case is not None
                case.status = "returned"
                case.portal_message = message
                audit.record(
                    session,
                    SYNC_ACTOR,
                    "case_returned",
                    case_id=case.id,
                    code=error.code,
                    status=error.status,
                )
            else:
                request = session.get(AccountRequest, entry.account_request_id)
                assert request is not None
                request.status = "rejected"
                request.portal_message = message
                audit.record(
                    session,
                    SYNC_ACTOR,
                    "account_rejected",
                    account_request=request.id,
                    code=error.code,
                )

    # -- pull ------------------------------------------------------------------------

    def _pull_statuses(self, result: PassResult) -> None:
        with self.store.sessions() as session:
            cursor = meta_value(session, STATUS_CURSOR)
        for _page in range(100):  # bounded: at most 100 pages a pass
            try:
                page = self.client.changes(cursor, limit=STATUS_PAGE)
            except (PortalUnavailable, RateLimited) as error:
                result.errors.append(f"status pull: {error.detail}")
                return
            except (AuthFailed, TlsError) as error:
                raise _StopPass(type(error).__name__, online=True) from None
            with self.store.sessions.begin() as session:
                result.statuses_updated += self._apply_changes(session, page.changes)
                set_meta_value(session, STATUS_CURSOR, page.next_cursor)
            cursor = page.next_cursor
            if not page.has_more:
                return

    def _apply_changes(self, session: Session, changes: Sequence[StatusChange]) -> int:
        """Write the page's changes that differ from what the cases hold; one read a page."""
        references = {change.local_reference for change in changes}
        known = {
            row.local_reference: [row.id, row.portal_status, row.portal_message]
            for row in session.execute(
                select(
                    Case.id, Case.local_reference, Case.portal_status, Case.portal_message
                ).where(Case.local_reference.in_(references))
            )
        }
        updated = 0
        for change in changes:
            state = known.get(change.local_reference)
            if state is None or (
                state[1] == change.status
                and (change.status not in RETURNING_STATUSES or state[2] == change.message)
            ):
                continue
            case_id = state[0]
            values: dict[str, object] = {"portal_status": change.status}
            if change.status in RETURNING_STATUSES:
                values.update(status="returned", portal_message=change.message)
            elif change.status in FINAL_STATUSES:
                values["finished_at"] = to_storage(change.changed_at)
            session.execute(
                update(Case)
                .where(Case.id == case_id)
                .values(
                    dossier_code=func.coalesce(Case.dossier_code, change.dossier_code), **values
                )
            )
            audit.record(
                session, SYNC_ACTOR, "portal_status", case_id=case_id, status=change.status
            )
            state[1], state[2] = change.status, change.message
            updated += 1
        return updated

    def _check_catalogue(self, result: PassResult) -> None:
        try:
            entries = self.client.catalogue()
        except (PortalUnavailable, RateLimited) as error:
            result.errors.append(f"catalogue: {error.detail}")
            return
        snapshot = json.dumps(
            sorted((e.procedure_id, str(e.version)) for e in entries), ensure_ascii=False
        )
        with self.store.sessions.begin() as session:
            if meta_value(session, PORTAL_CATALOGUE) != snapshot:
                set_meta_value(session, PORTAL_CATALOGUE, snapshot)
                result.catalogue_changed = True
        if result.catalogue_changed:
            log.info("The portal's catalogue changed: %d procedures", len(entries))

    # -- whole runs ------------------------------------------------------------------

    def run_until_done(
        self,
        *,
        max_passes: int = 1000,
        max_wait_seconds: float = 0.0,
        sleep: Callable[[float], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> PassResult:
        """Passes until nothing is due; waits up to ``max_wait_seconds`` for retries due soon.

        Returns the summed counts; ``pending`` is what remains for later.
        """
        sleeper = sleep or time.sleep
        total = PassResult()
        for index in range(max_passes):
            # A pass that leaves entries due is followed by another (below), which
            # pulls the statuses; the last pass allowed always pulls.
            one = self.run_pass(progress, statuses_after_backlog=index < max_passes - 1)
            for name in (
                "pushed",
                "rejected",
                "failed",
                "statuses_updated",
                "accounts_sent",
                "recovered",
                "lost",
            ):
                setattr(total, name, getattr(total, name) + getattr(one, name))
            total.catalogue_changed |= one.catalogue_changed
            total.errors.extend(one.errors[:3])
            total.pending, total.due_now = one.pending, one.due_now
            total.next_attempt_at, total.lease_busy = one.next_attempt_at, one.lease_busy
            total.online, total.stopped_reason = one.online, one.stopped_reason
            if one.lease_busy or one.pending == 0:
                break
            if one.stopped_reason in ("auth_failed", "tls_error", "lease_lost"):
                break
            if one.stopped_reason == "offline":
                # The portal stopped answering: pause before knocking again.
                if self.backoff.base_seconds > max_wait_seconds:
                    break
                sleeper(self.backoff.base_seconds)
                continue
            if one.due_now:
                continue
            if one.next_attempt_at is None:
                break
            wait = (one.next_attempt_at - self._now()).total_seconds()
            if wait > max_wait_seconds:
                break
            sleeper(max(0.0, wait) + 0.01)
        return total


def _config_of(store: Store) -> KioskConfig:
    """The kiosk's configuration from its home (defaults when the file is unusable)."""
    try:
        return load(store.layout)
    except ConfigError:
        return KioskConfig()
