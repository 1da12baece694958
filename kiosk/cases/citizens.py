"""Find or create the citizen record behind a case, from an ID card or an ID number."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.procedures.prefill import IdCardLike
from kiosk.store.crypto import FieldCipher
from kiosk.store.models import Citizen

# The same fields the form engine's prefill reads: one protocol for "an ID card".
CardLike = IdCardLike


def find_by_id_number(session: Session, cipher: FieldCipher, id_number: str) -> Citizen | None:
    wanted = cipher.lookup_hash(id_number)
    return session.scalars(
        select(Citizen).where(Citizen.id_number_hash == wanted).order_by(Citizen.id)
    ).first()


def upsert_from_card(session: Session, cipher: FieldCipher, card: CardLike) -> Citizen:
    """The citizen with this card's ID number, created or refreshed from the card."""
    citizen = find_by_id_number(session, cipher, card.id_number)
    if citizen is None:
        citizen = Citizen(
            id_number=card.id_number,
            id_number_hash=cipher.lookup_hash(card.id_number),
            full_name=card.full_name,
        )
        session.add(citizen)
    citizen.full_name = card.full_name
    citizen.date_of_birth = card.date_of_birth.isoformat()
    citizen.sex = card.sex
    citizen.address = card.address
    session.flush()
    return citizen
