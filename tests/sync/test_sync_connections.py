"""Two connections when the portal's meta allows them, one otherwise (issue 19), against
the real training portal on 127.0.0.1: the portal counts the connections that carried a
dossier, and every dossier and attachment still arrives exactly once."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.attachments.storage import PageStore
from kiosk.store.database import Store
from sync.backoff import BackoffPolicy
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.portal import HttpPortalClient
from sync.training_portal.app import PortalSettings
from sync.training_portal.faults import FaultSettings
from sync.training_portal.server import TrainingPortal
from tests.sync_support import (
    catalogue,
    start_portal,
    submit_cases,
    submit_cases_with_attachments,
    training_client,
)


def make_engine(store: Store, client: HttpPortalClient, max_connections: int = 2) -> SyncEngine:
    return SyncEngine(
        store,
        client,
        catalogue(),
        kiosk_id=TRAINING_KIOSK_ID,
        holder="test",
        backoff=BackoffPolicy(base_seconds=0.01, cap_seconds=0.2),
        rng=random.Random(2),
        batch_size=100,
        max_connections=max_connections,
    )


@pytest.fixture
def one_connection_portal(tmp_path: Path) -> Iterator[TrainingPortal]:
    running = start_portal(tmp_path, settings=PortalSettings(max_connections=1))
    yield running
    running.stop()


def sent_once(portal: TrainingPortal, count: int) -> None:
    references = Counter(d["local_reference"] for d in portal.app.dossiers.all_dossiers())
    assert len(references) == count and max(references.values()) == 1


def test_the_portal_allowing_two_gets_dossiers_on_two_connections(
    store: Store, portal: TrainingPortal
) -> None:
    meta = requests.get(f"{portal.url}/api/v1/meta", timeout=5).json()
    assert meta["max_connections"] == 2
    submit_cases(store, 6)
    # Each answer takes 0.3 s: the next dossier is ready long before, so a second
    # connection is needed (on a fast loopback one idle sender may take both).
    portal.app.faults.replace(FaultSettings(slow_ms=300))
    with training_client(portal) as client:
        engine = make_engine(store, client)
        result = engine.run_until_done()
    assert (result.pushed, result.pending) == (6, 0)
    assert engine.connections == 2
    assert portal.app.dossier_connections == 2
    sent_once(portal, 6)


def test_a_portal_allowing_one_gets_one(
    store: Store, one_connection_portal: TrainingPortal
) -> None:
    submit_cases(store, 4)
    one_connection_portal.app.faults.replace(FaultSettings(slow_ms=300))
    with training_client(one_connection_portal) as client:
        engine = make_engine(store, client)
        result = engine.run_until_done()
    assert (result.pushed, result.pending) == (4, 0)
    assert engine.connections == 1
    assert one_connection_portal.app.dossier_connections == 1
    sent_once(one_connection_portal, 4)


def test_the_kiosk_never_uses_more_than_its_own_limit(store: Store, portal: TrainingPortal) -> None:
    submit_cases(store, 4)
    portal.app.faults.replace(FaultSettings(slow_ms=300))
    with training_client(portal) as client:
        engine = make_engine(store, client, max_connections=1)
        engine.run_until_done()
    assert engine.connections == 1 and portal.app.dossier_connections == 1


def test_two_connections_through_faults_send_everything_once(
    store: Store, portal: TrainingPortal
) -> None:
    """Attachments too: each PUT once, confirmed, before the dossier naming it."""
    case_ids = submit_cases_with_attachments(store, 12, pages_per_document=1)
    portal.app.faults.replace(
        FaultSettings(
            error_rate=0.1,
            drop_rate=0.08,
            rate_limit_rate=0.05,
            fail_after_commit_rate=0.1,
            garbage_rate=0.03,
            retry_after=0,
            seed=5,
        )
    )
    with training_client(portal, read_timeout=2.0) as client:
        engine = make_engine(store, client)
        result = engine.run_until_done(max_wait_seconds=2.0, max_passes=3000)
    assert result.pending == 0, result.errors[:5]
    assert result.failed > 0, "the faults must actually have been met"
    assert engine.connections == 2
    sent_once(portal, 12)
    held = Counter(item["sha256"] for item in portal.app.attachments.all_attachments())
    pages = PageStore(store)
    digests = {d.sha256 for case_id in case_ids for d in pages.documents(case_id)}
    assert set(held) == digests and max(held.values()) == 1
    assert all(d.confirmed_at for case_id in case_ids for d in pages.documents(case_id))
