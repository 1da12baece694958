"""Audit events: every state change of a case says who did it, what and when.

``details`` must hold codes and ids only, never personal data: the audit log is
kept after the citizen's data is purged and is exported as CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.orm import Session

from kiosk.store.models import AuditEvent

ActorKind = Literal["citizen_session", "volunteer", "admin", "system", "sync"]


@dataclass(frozen=True)
class Actor:
    """Who acts: a citizen's anonymous session, a signed-in volunteer, the system."""

    kind: ActorKind
    id: str | None = None
    assisted_by: int | None = None  # a volunteer helping a citizen's session

    @classmethod
    def citizen(cls, session_id: str, assisted_by: int | None = None) -> Actor:
        return cls("citizen_session", session_id, assisted_by)

    @classmethod
    def system(cls) -> Actor:
        return cls("system", None)


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    case_id: str | None = None,
    **details: Any,
) -> AuditEvent:
    if actor.assisted_by is not None:
        details.setdefault("assisted_by", actor.assisted_by)
    event = AuditEvent(
        actor_kind=actor.kind,
        actor_id=actor.id,
        action=action,
        case_id=case_id,
        details=details,
    )
    session.add(event)
    return event
