"""The case lifecycle: start, autosave, validate, submit, resume.

Each public method runs in its own transaction and has committed when it
returns; with SQLite in WAL mode and ``synchronous=FULL`` that means an answer
whose ``save_answer`` returned survives a crash or a power cut.

A case is bound to the procedure version it started with; its answers are a
plain JSON dict keyed by field id (see :mod:`kiosk.procedures.base`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.attachments.promises import promise_required_documents
from kiosk.attachments.slots import BringLaterReason
from kiosk.attachments.storage import PageStore
from kiosk.cases import audit, references
from kiosk.cases.audit import Actor
from kiosk.cases.citizens import CardLike, find_by_id_number, upsert_from_card
from kiosk.cases.clock import VIETNAM, Clock, from_storage, local_date, system_clock, to_storage
from kiosk.cases.document_check import documents_still_missing
from kiosk.cases.dossier_payload import dossier_body, freeze
from kiosk.cases.draft_write import (
    OpenDraft,
    encoded_answers,
    kept_answers,
    private_copy,
    reencoded,
    seal_encoded,
    stored_seal,
    swap_answers,
)
from kiosk.cases.errors import (
    CaseLockedElsewhere,
    CaseNotEditable,
    CaseNotFound,
    ConsentRequired,
    DiskNearlyFull,
    DocumentsMissing,
    SubmitBlocked,
    UnknownProcedure,
    UnknownStep,
    UnsupportedLanguage,
)
from kiosk.config import KioskConfig
from kiosk.identity.errors import IdNumberError
from kiosk.identity.id_number import validate_id_number
from kiosk.identity.text import is_lookup_key
from kiosk.procedures import (
    AnswerError,
    Catalogue,
    ProcedureDefinition,
    compute_fee,
    fill_updates,
    first_step_with_errors,
    initial_answers,
    normalise_answer,
    validate_all,
    validate_step,
    visible_answers,
)
from kiosk.procedures.base import JsonValue, LocalText
from kiosk.store.acknowledged import count_submit, sequence_floor
from kiosk.store.backup import free_bytes
from kiosk.store.database import Store
from kiosk.store.models import Case, Consent, DailySequence, OutboxEntry
from kiosk.store.portable import insert_if_absent

EDITABLE = frozenset({"draft", "returned"})
LANGUAGES = frozenset({"vi", "en"})
CHANNELS = frozenset({"in_person", "online"})
_MAX_LOOKUP_CHARS = 64
MSG_UNKNOWN_FIELD = LocalText(
    "Câu hỏi này không có trong thủ tục.", "This question is not part of the procedure."
)


def _lookup_text(text: object) -> str | None:
    """``text`` when it can be looked up at all, else None (nothing can match it).

    Lone surrogates cannot be encoded for the database; control and bidi
    characters and very long text cannot be part of any code or reference.
    """
    return text if isinstance(text, str) and is_lookup_key(text, _MAX_LOOKUP_CHARS) else None


@dataclass(frozen=True)
class ConsentNotice:
    """The exact notice shown to the citizen, stored word for word with the consent."""

    purpose: str
    text: str
    language: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def record(
        self,
        given_at: dt.datetime,
        *,
        citizen_id: int | None,
        case_id: str | None = None,
        account_request_id: str | None = None,
    ) -> Consent:
        """The consent row proving what was agreed to, word for word, and when."""
        return Consent(
            citizen_id=citizen_id,
            case_id=case_id,
            account_request_id=account_request_id,
            purpose=self.purpose,
            notice_text=self.text,
            notice_sha256=self.sha256,
            language=self.language,
            given_at=given_at,
        )


# How a case's applicant identity was established, weakest first: the printed QR
# alone (a photo of someone's card would do), the chip read and its data signed by
# the issuing state (passive authentication), or the chip read but not verified.
IDENTITY_EVIDENCE = ("qr_only", "chip_unverified", "chip_verified")


@dataclass(frozen=True)
class CaseView:
    """A case as the screens and documents see it (a copy: editing it changes nothing)."""

    id: str
    procedure_id: str
    procedure_version: int
    status: str
    answers: dict[str, JsonValue]
    current_step: str | None
    resume_code: str | None
    local_reference: str | None
    dossier_code: str | None
    portal_status: str | None
    portal_message: str | None
    flagged_reason: str | None
    fee_amount: int
    channel: str
    identity_evidence: str | None
    payment_method: str | None
    citizen_id: int | None
    assisted_by: int | None
    language: str
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    appointment_date: dt.date | None
    kiosk_number: int | None = None
    locked_by_kiosk: int | None = None
    locked_until: dt.datetime | None = None

    @classmethod
    def of(cls, case: Case) -> CaseView:
        return cls(
            id=case.id,
            procedure_id=case.procedure_id,
            procedure_version=case.procedure_version,
            status=case.status,
            answers=dict(case.answers or {}),
            current_step=case.current_step,
            resume_code=case.resume_code,
            local_reference=case.local_reference,
            dossier_code=case.dossier_code,
            portal_status=case.portal_status,
            portal_message=case.portal_message,
            flagged_reason=case.flagged_reason,
            fee_amount=case.fee_amount,
            channel=case.channel,
            identity_evidence=case.identity_evidence,
            payment_method=case.payment_method,
            citizen_id=case.citizen_id,
            assisted_by=case.assisted_by,
            language=case.language,
            created_at=case.created_at,
            updated_at=case.updated_at,
            submitted_at=case.submitted_at,
            appointment_date=case.appointment_date,
            kiosk_number=case.kiosk_number,
            locked_by_kiosk=case.locked_by_kiosk,
            locked_until=case.locked_until,
        )


@dataclass(frozen=True)
class SubmitResult:
    case: CaseView
    local_reference: str
    fee_amount: int
    idempotency_key: str


class CaseService:
    """Application services for cases; give it the store, the catalogue and the config."""

    def __init__(
        self,
        store: Store,
        catalogue: Catalogue,
        config: KioskConfig,
        clock: Clock = system_clock,
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.config = config
        self.clock = clock
        # The draft last saved here, to write the next answer in one statement;
        # dropped when its session ends (release, abandon, submit).
        self._open_draft: OpenDraft | None = None

    # -- helpers ---------------------------------------------------------------------

    def definition_of(self, case: Case | CaseView) -> ProcedureDefinition:
        return self.catalogue.version(case.procedure_id, case.procedure_version)

    def _load(self, session: Session, case_id: str) -> Case:
        if _lookup_text(case_id) is None:
            raise CaseNotFound()
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFound()
        return case

    def _load_for_editing(self, session: Session, case_id: str) -> Case:
        """The case, row-locked for this transaction, held by this kiosk (see :meth:`_hold`)."""
        case = session.scalars(
            select(Case)
            .where(Case.id == case_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()
        if case is None:
            raise CaseNotFound()
        self._hold(case)
        return case

    def _hold(self, case: Case) -> None:
        """Take or renew this kiosk's lock on a draft; refuse one another kiosk holds.

        On the embedded SQLite file only one kiosk ever writes, so the lock is always
        its own; on a ward's shared database it keeps two kiosks from editing one
        draft at once. The row lock taken by :meth:`_load_for_editing` makes the
        check and the renewal one step.
        """
        me = self.config.kiosk_number
        now = self._now()
        holder, until = case.locked_by_kiosk, case.locked_until
        if holder is not None and holder != me and until is not None and until > now:
            shown = from_storage(until).astimezone(VIETNAM).strftime("%H:%M")
            raise CaseLockedElsewhere(holder, shown)
        case.locked_by_kiosk = me
        case.locked_until = now + dt.timedelta(minutes=self.config.database.draft_lock_minutes)

    def open_for_editing(self, case_id: str) -> CaseView:
        """A draft this kiosk will now edit (resume): locked to it, or CaseLockedElsewhere."""
        with self.store.sessions.begin() as session:
            case = self._load_for_editing(session, case_id)
            if case.status not in EDITABLE:
                raise CaseNotEditable(case.status)
            session.flush()
            return CaseView.of(case)

    def release(self, case_id: str) -> None:
        """End this kiosk's lock (the citizen's session is over); others may resume now."""
        self._forget(case_id)
        with self.store.sessions.begin() as session:
            session.execute(
                update(Case)
                .where(Case.id == case_id, Case.locked_by_kiosk == self.config.kiosk_number)
                .values(locked_by_kiosk=None, locked_until=None)
            )

    def _forget(self, case_id: str) -> None:
        """The citizen's session with this draft is over: its answers leave memory."""
        draft = self._open_draft
        if draft is not None and draft.case_id == case_id:
            self._open_draft = None

    def _now(self) -> dt.datetime:
        return to_storage(self.clock())

    def _new_resume_code(self, session: Session) -> str:
        while True:
            code = references.new_resume_code()
            taken = session.scalar(select(Case.id).where(Case.resume_code == code))
            if taken is None:
                return code

    def disk_nearly_full(self) -> bool:
        """Below the configured reserve: new cases wait, the kiosk's own writes go on."""
        try:
            return free_bytes(self.store.layout.root) < self.store.min_free_bytes
        except OSError:
            return False

    # -- lifecycle ---------------------------------------------------------------------

    def start_case(
        self,
        procedure_id: str,
        actor: Actor,
        *,
        card: CardLike | None = None,
        language: str = "vi",
        channel: str = "in_person",
        identity_evidence: str | None = None,
    ) -> CaseView:
        """A new draft on the latest version, with defaults and the card's data filled in.

        ``identity_evidence`` says how the card's data was established (one of
        :data:`IDENTITY_EVIDENCE`); with a card and no evidence given it is
        ``qr_only``, the weakest. The dossier sent to the portal carries it.
        Raises :class:`UnknownProcedure` or :class:`UnsupportedLanguage` (nothing
        stored), and :class:`DiskNearlyFull` below ``storage.min_free_mb`` of free space.
        """
        if _lookup_text(procedure_id) is None or procedure_id not in self.catalogue:
            raise UnknownProcedure()
        if language not in LANGUAGES:
            raise UnsupportedLanguage()
        if channel not in CHANNELS:
            raise ValueError(f"channel must be one of {sorted(CHANNELS)}")
        if identity_evidence is not None and identity_evidence not in IDENTITY_EVIDENCE:
            raise ValueError(f"unknown identity evidence {identity_evidence!r}")
        if card is None:
            identity_evidence = None
        elif identity_evidence is None:
            identity_evidence = "qr_only"
        if self.disk_nearly_full():
            raise DiskNearlyFull()
        definition = self.catalogue[procedure_id]
        answers = initial_answers(definition, card)
        with self.store.sessions.begin() as session:
            citizen_id = None
            if card is not None:
                citizen_id = upsert_from_card(session, self.store.cipher, card).id
            now = self._now()
            case = Case(
                id=str(uuid.uuid4()),
                procedure_id=definition.id,
                procedure_version=definition.version,
                citizen_id=citizen_id,
                answers=answers,
                status="draft",
                current_step=definition.steps[0].id,
                resume_code=self._new_resume_code(session),
                channel=channel,
                identity_evidence=identity_evidence,
                language=language,
                assisted_by=actor.assisted_by,
                created_at=now,
                updated_at=now,
                kiosk_number=self.config.kiosk_number,
            )
            self._hold(case)
            session.add(case)
            audit.record(
                session,
                actor,
                "case_started",
                case_id=case.id,
                procedure=definition.id,
                version=definition.version,
                prefilled=sorted(answers),
            )
            session.flush()
            return CaseView.of(case)

    def get(self, case_id: str) -> CaseView:
        with self.store.sessions() as session:
            return CaseView.of(self._load(session, case_id))

    def save_answer(self, case_id: str, field_id: str, raw: object) -> JsonValue:
        """Normalise and store one answer; durable when this returns.

        Raises :class:`kiosk.procedures.AnswerError` (nothing stored, the draft
        unchanged) when the value cannot be accepted or the procedure has no such
        question; :class:`CaseNotFound` / :class:`CaseNotEditable`. ``None`` or ``""``
        clears it.
        """
        return self.save_answers(case_id, {field_id: raw})[field_id]

    def save_answers(self, case_id: str, raw_answers: Mapping[str, object]) -> dict[str, JsonValue]:
        """Several answers in one transaction: all stored, or none when one is refused.

        The result also holds the answers the definition copies from these
        (``fill_from``: "I am the father" fills the father's block), so a screen
        can show them; a copy that cannot be accepted is simply not made.

        The draft this service last saved is written with one compare-and-swap
        statement (:mod:`kiosk.cases.draft_write`); when anything else changed the
        row since, the full path below reads it again under its row lock.
        """
        draft = self._open_draft
        if draft is not None and draft.case_id == case_id:
            saved = self._save_over(draft, raw_answers)
            if saved is not None:
                return saved
        with self.store.sessions.begin() as session:
            case = self._load_for_editing(session, case_id)
            if case.status not in EDITABLE:
                raise CaseNotEditable(case.status)
            definition = self.definition_of(case)
            moment = self.clock()
            today = local_date(moment)
            answers, saved = self._apply_answers(
                definition, dict(case.answers or {}), raw_answers, today=today
            )
            case.answers = answers
            case.updated_at = to_storage(moment)
            session.flush()
            sealed = stored_seal(session, case_id)
        self._open_draft = None
        if sealed is not None:
            kept = private_copy(answers)
            self._open_draft = OpenDraft(
                case_id,
                definition.id,
                definition.version,
                kept,
                sealed,
                today,
                encoded_answers(kept),
            )
        return saved

    def _save_over(
        self, draft: OpenDraft, raw_answers: Mapping[str, object]
    ) -> dict[str, JsonValue] | None:
        """The answers written over ``draft`` in one statement, or None: take the full path.

        A refused answer also returns None, so the full path decides which error
        the caller sees (a case submitted meanwhile is "not editable", not a bad
        answer); nothing is written either way.
        """
        self._open_draft = None
        try:
            definition = self.catalogue.version(draft.procedure_id, draft.procedure_version)
            moment = self.clock()
            today = local_date(moment)
            answers, saved = self._apply_answers(
                definition,
                draft.answers,
                raw_answers,
                today=today,
                settled=draft.copies_day == today,
            )
        except AnswerError:
            return None
        encoded = reencoded(draft.encoded, answers, saved)
        sealed = seal_encoded(self.store.cipher, encoded)
        now = to_storage(moment)
        until = now + dt.timedelta(minutes=self.config.database.draft_lock_minutes)
        swapped = swap_answers(
            self.store,
            draft,
            sealed,
            editable=EDITABLE,
            kiosk_number=self.config.kiosk_number,
            now=now,
            locked_until=until,
        )
        if not swapped:
            return None
        kept = kept_answers(answers, saved)
        self._open_draft = OpenDraft(
            draft.case_id,
            draft.procedure_id,
            draft.procedure_version,
            kept,
            sealed,
            today,
            encoded,
        )
        return saved

    def _apply_answers(
        self,
        definition: ProcedureDefinition,
        before: Mapping[str, JsonValue],
        raw_answers: Mapping[str, object],
        *,
        today: dt.date,
        settled: bool = False,
    ) -> tuple[dict[str, JsonValue], dict[str, JsonValue]]:
        """The new answers (a new dict; ``before`` is not touched) and what was saved.

        ``settled``: ``before`` is what this left on ``today`` (see
        :func:`kiosk.procedures.fill_updates`).
        """
        answers = dict(before)
        saved: dict[str, JsonValue] = {}
        for field_id, raw in raw_answers.items():
            if not isinstance(field_id, str) or field_id not in definition.fields_by_id:
                raise AnswerError(MSG_UNKNOWN_FIELD)
            field = definition.field(field_id)
            value = None if raw is None or raw == "" else normalise_answer(field, raw)
            if value is None:
                answers.pop(field_id, None)
            else:
                answers[field_id] = value
            saved[field_id] = value
        # Copies the definition asks for (e.g. the filer's name into the father's
        # block) are stored in the same transaction, whoever the caller is.
        copies = fill_updates(
            definition, before, answers, today=today, changed=saved.keys(), settled=settled
        )
        for field_id, copied in copies.items():
            try:
                value = (
                    None if copied is None else normalise_answer(definition.field(field_id), copied)
                )
            except AnswerError:
                continue  # a copy is a convenience: the citizen can still answer it
            if value is None:
                answers.pop(field_id, None)
            else:
                answers[field_id] = value
            saved[field_id] = value
        return answers, saved

    def set_current_step(self, case_id: str, step_id: str) -> None:
        with self.store.sessions.begin() as session:
            case = self._load_for_editing(session, case_id)
            self._check_step(self.definition_of(case), step_id)
            case.current_step = step_id

    @staticmethod
    def _check_step(definition: ProcedureDefinition, step_id: object) -> None:
        """:class:`UnknownStep` (a CaseError and a KeyError) for a step that is not there."""
        if not isinstance(step_id, str) or step_id not in {s.id for s in definition.steps}:
            raise UnknownStep()

    def validate_step(self, case_id: str, step_id: str) -> dict[str, LocalText]:
        """Messages by field id for the visible fields of one step (empty: all good)."""
        case = self.get(case_id)
        self._check_step(self.definition_of(case), step_id)
        return validate_step(
            self.definition_of(case), step_id, case.answers, today=local_date(self.clock())
        )

    def promise_required_documents(
        self, case_id: str, reason: BringLaterReason = BringLaterReason.NOT_WITH_ME
    ) -> list[str]:
        """Record "I will bring it to the counter" for each required paper still empty.

        For the paths with no capture screen (``kiosk seed``, the bench's and the
        tests' synthetic citizens); returns the slot keys promised. See
        :func:`kiosk.attachments.promises.promise_required_documents`.
        """
        case = self.get(case_id)
        return promise_required_documents(
            PageStore(self.store, self.config.attachments),
            case_id,
            self.definition_of(case),
            case.answers,
            reason,
            today=local_date(self.clock()),
        )

    def submit(
        self,
        case_id: str,
        actor: Actor,
        consent: ConsentNotice | None,
    ) -> SubmitResult:
        """Validate everything, record consent, assign the local reference, queue it.

        Refused with :class:`SubmitBlocked` (answers) or :class:`DocumentsMissing`
        (a required paper neither scanned nor promised for the counter).

        All in one transaction: a case is never ``ready`` without its consent,
        its reference and its outbox entry.
        """
        if consent is None or not consent.text.strip():
            raise ConsentRequired()
        self._forget(case_id)
        with self.store.sessions.begin() as session:
            case = self._load_for_editing(session, case_id)
            if case.status not in EDITABLE:
                raise CaseNotEditable(case.status)
            definition = self.definition_of(case)
            moment = self.clock()
            today = local_date(moment)
            errors = validate_all(definition, case.answers, today=today)
            if errors:
                step = first_step_with_errors(definition, case.answers, today=today)
                raise SubmitBlocked(step or definition.steps[0].id, errors)
            # The capture screen's rule, enforced here for every path that submits.
            missing = documents_still_missing(session, case, definition, today)
            if missing:
                raise DocumentsMissing(missing)
            now = to_storage(moment)
            # Data minimisation: answers to questions that no longer apply (the
            # father's name typed before "father unknown" was chosen) are not kept
            # nor sent to the portal.
            case.answers = visible_answers(definition, case.answers, today=today)
            quote = compute_fee(definition, case.answers, case.channel, today)  # type: ignore[arg-type]
            session.add(consent.record(now, citizen_id=case.citizen_id, case_id=case.id))
            resubmission = case.status == "returned"
            sequence: int | None = None
            if case.local_reference is None:
                case.local_reference, sequence = self._next_reference(session, local_date(moment))
            key = str(uuid.uuid4())
            case.status = "ready"
            case.locked_by_kiosk, case.locked_until = None, None  # nothing left to edit
            case.fee_amount = quote.amount_vnd
            case.submitted_at = now
            case.updated_at = now
            case.portal_message = None
            case.flagged_reason = None
            if actor.assisted_by is not None:
                case.assisted_by = actor.assisted_by
            session.flush()
            # Frozen now: every retry sends these bytes, whatever changes later.
            frozen = freeze(dossier_body(session, case, None, self.catalogue))
            session.add(
                OutboxEntry(
                    kind="case", case_id=case.id, idempotency_key=key, state="queued", body=frozen
                )
            )
            audit.record(
                session,
                actor,
                "case_resubmitted" if resubmission else "case_submitted",
                case_id=case.id,
                procedure=case.procedure_id,
                local_reference=case.local_reference,
                fee=quote.amount_vnd,
            )
            submits = count_submit(session)
            session.flush()
            result = SubmitResult(CaseView.of(case), case.local_reference, quote.amount_vnd, key)
        # Committed: now the acknowledged-state ledger outside the database, which
        # catches a WAL or a restore that later loses this submit.
        self.store.ledger.acknowledge(
            local_date(moment).isoformat(), self.config.kiosk_number, sequence, submits
        )
        # A resubmission's answers changed: its declaration is rendered again when needed.
        from kiosk.cases.declarations import forget_declaration

        forget_declaration(self.store, case_id)
        return result

    def _next_reference(self, session: Session, day: dt.date) -> tuple[str, int]:
        kiosk = self.config.kiosk_number
        # Race-free on the ward's server too: the row exists (inserted if absent, atomic
        # against another process of the same kiosk), then is locked until this
        # transaction ends, so two submits can never read the same last value.
        insert_if_absent(
            session.connection(), DailySequence, day=day, kiosk_number=kiosk, last_value=0
        )
        row = session.execute(
            select(DailySequence)
            .where(DailySequence.day == day, DailySequence.kiosk_number == kiosk)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).scalar_one()
        # After a restore nobody can vouch for (the ledger was lost too), numbers
        # start high until the portal has said what it holds: see kiosk.store.acknowledged.
        row.last_value = max(row.last_value, sequence_floor(session)) + 1
        session.flush()
        reference = references.local_reference(self.config.ward.code, day, kiosk, row.last_value)
        return reference, row.last_value

    def record_payment(self, case_id: str, method: str, actor: Actor) -> None:
        """``method`` is ``"transfer"`` or ``"cash"``: what the volunteer saw happen."""
        if method not in ("transfer", "cash"):
            raise ValueError("payment method must be 'transfer' or 'cash'")
        with self.store.sessions.begin() as session:
            case = self._load(session, case_id)
            case.payment_method = method
            case.paid_at = self._now()
            audit.record(
                session,
                actor,
                "payment_recorded",
                case_id=case.id,
                method=method,
                amount=case.fee_amount,
            )

    def abandon(self, case_id: str, actor: Actor) -> None:
        """The citizen walked away: the draft stays saved (and free to resume at any
        kiosk of the ward); only the audit notes it."""
        self._forget(case_id)
        with self.store.sessions.begin() as session:
            case = self._load(session, case_id)
            if case.locked_by_kiosk == self.config.kiosk_number:
                case.locked_by_kiosk, case.locked_until = None, None
            audit.record(session, actor, "session_ended", case_id=case.id, status=case.status)

    # -- finding drafts ----------------------------------------------------------------

    def resume_by_code(self, text: str) -> CaseView | None:
        """The editable case with this resume code (typed or read aloud), or None."""
        if _lookup_text(text) is None:
            return None
        code = references.parse_resume_code(text)
        if code is None:
            return None
        with self.store.sessions() as session:
            case = session.scalars(
                select(Case).where(Case.resume_code == code, Case.status.in_(EDITABLE))
            ).first()
            return None if case is None else CaseView.of(case)

    def drafts_for_id_number(self, id_number: str) -> list[CaseView]:
        """Editable cases of the citizen with this ID number, newest first.

        Anything that is not an ID number finds nothing (an empty list).
        """
        try:
            number = validate_id_number(id_number)
        except IdNumberError:
            return []
        with self.store.sessions() as session:
            citizen = find_by_id_number(session, self.store.cipher, number)
            if citizen is None:
                return []
            cases = session.scalars(
                select(Case)
                .where(Case.citizen_id == citizen.id, Case.status.in_(EDITABLE))
                .order_by(Case.updated_at.desc())
            )
            return [CaseView.of(case) for case in cases]

    def find_by_reference(self, text: str) -> CaseView | None:
        """A submitted case by its local reference or the portal's dossier code, or None."""
        if _lookup_text(text) is None:
            return None
        wanted = text.strip().upper()
        with self.store.sessions() as session:
            case = session.scalars(
                select(Case).where((Case.local_reference == wanted) | (Case.dossier_code == wanted))
            ).first()
            return None if case is None else CaseView.of(case)

    def list_drafts(self, *, limit: int = 50, offset: int = 0) -> list[CaseView]:
        with self.store.sessions() as session:
            cases = session.scalars(
                select(Case)
                .where(Case.status == "draft")
                .order_by(Case.updated_at.desc())
                .limit(limit)
                .offset(offset)
            )
            return [CaseView.of(case) for case in cases]
