"""Issue 14, finding 5: a retry sends the body frozen at submit, not the citizen's new data.

Before the fix the body was rebuilt from the citizen's row on every attempt: a
dossier committed at the portal whose answer was lost, followed by a re-issued
card with a new address, got 409 on the retry and went back to the volunteers.
"""

from __future__ import annotations

import dataclasses
import random
from typing import cast

from sqlalchemy import Table, select

from kiosk.cases.citizens import upsert_from_card
from kiosk.cases.synthetic import synthetic_card
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent, Case, OutboxEntry
from sync.backoff import BackoffPolicy
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.training_portal.faults import FaultSettings
from sync.training_portal.server import TrainingPortal
from tests.sync_support import catalogue, submit_cases, training_client

FAST = BackoffPolicy(base_seconds=0.01, cap_seconds=0.05)


def test_a_retry_after_a_lost_answer_sends_the_frozen_body_despite_a_new_address(
    store: Store, portal: TrainingPortal
) -> None:
    [case_id] = submit_cases(store, 1, seed=7)
    with store.sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.citizen is not None
        id_number, old_address = case.citizen.id_number, case.citizen.address
        assert id_number is not None and old_address is not None
        frozen_at_submit = session.scalars(select(OutboxEntry.body)).one()
    assert frozen_at_submit is not None and old_address in frozen_at_submit

    # The portal commits the dossier, then the connection drops: the answer is lost.
    with training_client(portal) as client:
        client.fetch_token()  # the fault below would also drop the token's answer
        portal.app.faults.replace(FaultSettings(fail_after_commit_rate=1.0))
        engine = SyncEngine(
            store, client, catalogue(), kiosk_id=TRAINING_KIOSK_ID, holder="t", backoff=FAST
        )
        first = engine.run_pass()
        assert first.pushed == 0 and first.pending == 1
        assert len(portal.app.dossiers.all_dossiers()) == 1

        # The same person scans a re-issued card with a new address.
        card = dataclasses.replace(
            synthetic_card(random.Random(99)),
            id_number=id_number,
            address="Tổ 99, Phường Điện Bàn, Thành phố Đà Nẵng",
        )
        with store.sessions.begin() as session:
            upsert_from_card(session, store.cipher, card)

        portal.app.faults.replace(FaultSettings())
        with store.sessions.begin() as session:
            session.execute(
                cast(Table, OutboxEntry.__table__).update().values(next_attempt_at=None)
            )
        second = engine.run_until_done()
        engine.close()
    assert (second.pushed, second.rejected, second.pending) == (1, 0, 0)
    [dossier] = portal.app.dossiers.all_dossiers()
    body = dossier["body"]
    assert isinstance(body, dict)
    assert body["applicant"]["address"] == old_address
    with store.sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status == "sent"
        assert case.dossier_code == dossier["dossier_code"]
        sent = session.scalars(select(AuditEvent).where(AuditEvent.action == "case_sent")).one()
        assert sent.details["replayed"] is True
