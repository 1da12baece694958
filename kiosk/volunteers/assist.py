"""A volunteer takes up a case: from the work queue, or by joining a citizen's session.

Cases started while a volunteer is signed in already carry the volunteer
(``Actor.citizen(session_id, assisted_by=volunteer_id)`` in the case services);
this covers a case the volunteer opens later, so that the case, the audit and the
day's report name who helped.
"""

from __future__ import annotations

from kiosk.cases import audit
from kiosk.cases.errors import CaseNotFound
from kiosk.cases.service import EDITABLE, CaseView
from kiosk.identity.text import is_lookup_key
from kiosk.store.database import Store
from kiosk.store.models import Case
from kiosk.volunteers.accounts import SignedIn


def assist_case(store: Store, case_id: str, volunteer: SignedIn) -> CaseView:
    """Mark ``case_id`` as assisted by ``volunteer`` and return it, ready to resume.

    Only an editable case (draft or returned) changes hands; any other is returned
    as it is (the volunteer may still look at it). Audited as ``case_assisted``.
    Raises :class:`CaseNotFound` for an unknown id (or text that cannot be one).
    """
    if not is_lookup_key(case_id):
        raise CaseNotFound()
    with store.sessions.begin() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFound()
        if case.status in EDITABLE and case.assisted_by != volunteer.volunteer_id:
            case.assisted_by = volunteer.volunteer_id
            audit.record(
                session, volunteer.actor, "case_assisted", case_id=case.id, status=case.status
            )
        return CaseView.of(case)
