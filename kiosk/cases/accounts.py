"""Portal account requests: the citizen's identity and phone, queued like a dossier.

The kiosk never asks for or stores a password: the portal sends its own
one-time code to the citizen's phone, and the citizen (or the kiosk's code
screen, when online) confirms it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk.cases import audit
from kiosk.cases.account_notice import normalise_email
from kiosk.cases.audit import Actor
from kiosk.cases.citizens import CardLike, upsert_from_card
from kiosk.cases.clock import Clock, system_clock, to_storage
from kiosk.cases.errors import CaseNotFound, ConsentRequired
from kiosk.cases.service import ConsentNotice
from kiosk.identity.phone import normalize_mobile_phone
from kiosk.identity.text import is_lookup_key
from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, OutboxEntry


@dataclass(frozen=True)
class AccountRequestView:
    id: str
    status: str
    portal_request_id: str | None
    portal_message: str | None
    phone: str | None


def _view(request: AccountRequest) -> AccountRequestView:
    return AccountRequestView(
        request.id,
        request.status,
        request.portal_request_id,
        request.portal_message,
        request.phone,
    )


def _load(session: Session, request_id: object) -> AccountRequest:
    """The request, or :class:`CaseNotFound` (also for ids that cannot be one)."""
    if not is_lookup_key(request_id):
        raise CaseNotFound()
    request = session.get(AccountRequest, request_id)
    if request is None:
        raise CaseNotFound()
    return request


class AccountService:
    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock

    def request_account(
        self,
        card: CardLike,
        phone: str,
        email: str | None,
        consent: ConsentNotice | None,
        actor: Actor,
    ) -> AccountRequestView:
        """Record the request, its consent and its outbox entry in one transaction.

        ``phone`` is normalised to E.164 (a Vietnamese mobile number: the portal sends
        its code by SMS) and ``email`` checked with the procedures' e-mail rule; they
        raise :class:`~kiosk.identity.errors.IdentityInputError` (phone) or
        :class:`~kiosk.procedures.AnswerError` (e-mail), both ``ValueError`` with a
        Vietnamese message, and nothing is stored. An empty e-mail means none.
        """
        if consent is None or not consent.text.strip():
            raise ConsentRequired()
        phone_e164 = normalize_mobile_phone(phone)
        email_clean = normalise_email(email)
        now = to_storage(self.clock())
        with self.store.sessions.begin() as session:
            citizen = upsert_from_card(session, self.store.cipher, card)
            citizen.phone = phone_e164
            if email_clean:
                citizen.email = email_clean
            request = AccountRequest(
                id=str(uuid.uuid4()),
                citizen_id=citizen.id,
                phone=phone_e164,
                email=email_clean,
                status="queued",
                assisted_by=actor.assisted_by,
                created_at=now,
                updated_at=now,
            )
            session.add(request)
            session.flush()
            session.add(consent.record(now, citizen_id=citizen.id, account_request_id=request.id))
            session.add(
                OutboxEntry(
                    kind="account",
                    account_request_id=request.id,
                    idempotency_key=str(uuid.uuid4()),
                    state="queued",
                )
            )
            audit.record(session, actor, "account_requested", account_request=request.id)
            return _view(request)

    def get(self, request_id: str) -> AccountRequestView:
        with self.store.sessions() as session:
            request = _load(session, request_id)
            return _view(request)

    def mark_confirmed(self, request_id: str, actor: Actor) -> None:
        with self.store.sessions.begin() as session:
            request = _load(session, request_id)
            request.status = "confirmed"
            audit.record(session, actor, "account_confirmed", account_request=request.id)
