"""Issue 19, fourth pass: a backlog's statuses are pulled once, after its last batch.

`kiosk-sync run` sends a backlog in batches (``--batch``); pulling the statuses and
checking the catalogue after each batch made the portal walk its unfinished
dossiers once per batch for nothing the last pull does not bring. A pass that
leaves entries due now leaves the pull to the pass that follows; the kiosk's
background worker (one pass at a time) still pulls every pass.

Real parts: cases submitted through CaseService into a real SQLite store, the real
engine and client against the real training portal on 127.0.0.1. The requests are
recorded with a response hook on the client's real sessions; nothing is replaced.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests

from kiosk.config import KioskConfig
from kiosk.store.database import Store, meta_value
from kiosk.store.models import Case
from sync.credentials import TRAINING_CREDENTIALS, TRAINING_KIOSK_ID
from sync.engine import STATUS_CURSOR, STATUS_PAGE, SyncEngine
from sync.portal import HttpPortalClient, PortalSession
from sync.training_portal.server import TrainingPortal
from tests.sync_support import catalogue, submit_cases


def recording_client(
    portal: TrainingPortal, seen: list[tuple[str, str, dict[str, str]]]
) -> HttpPortalClient:
    """The training kiosk's client; every answered request lands in ``seen``."""

    def record(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        parts = urllib.parse.urlsplit(str(response.request.url))
        query = dict(urllib.parse.parse_qsl(parts.query))
        seen.append((str(response.request.method), parts.path, query))

    def session() -> PortalSession:
        made = PortalSession((2.0, 5.0))
        made.hooks["response"].append(record)
        return made

    return HttpPortalClient(
        portal.url,
        TRAINING_CREDENTIALS.client_id,
        TRAINING_CREDENTIALS.client_secret,
        timeout=(2.0, 5.0),
        session_factory=session,
    )


@contextmanager
def recorded_engine(
    store: Store, portal: TrainingPortal, seen: list[tuple[str, str, dict[str, str]]]
) -> Iterator[SyncEngine]:
    """The real engine (batches of 2) on a :func:`recording_client`, closed after."""
    with recording_client(portal, seen) as client:
        engine = SyncEngine(
            store,
            client,
            catalogue(),
            kiosk_id=TRAINING_KIOSK_ID,
            holder="t",
            config=KioskConfig(key_store="file"),
            batch_size=2,
        )
        try:
            yield engine
        finally:
            engine.close()


def pulls(seen: list[tuple[str, str, dict[str, str]]]) -> list[dict[str, str]]:
    return [query for method, path, query in seen if path == "/api/v1/dossiers/changes"]


def catalogue_checks(seen: list[tuple[str, str, dict[str, str]]]) -> int:
    return sum(1 for _method, path, _query in seen if path == "/api/v1/catalogue")


def test_a_backlog_pulls_statuses_once_after_its_last_batch(
    store: Store, portal: TrainingPortal
) -> None:
    submit_cases(store, 5)
    seen: list[tuple[str, str, dict[str, str]]] = []
    with recorded_engine(store, portal, seen) as engine:
        result = engine.run_until_done()
    assert (result.pushed, result.pending) == (5, 0)
    dossier_posts = [i for i, (m, p, _q) in enumerate(seen) if p == "/api/v1/dossiers"]
    assert len(dossier_posts) == 5
    # Three batches (2, 2, 1): one pull and one catalogue check, after the last dossier.
    (pull,) = pulls(seen)
    assert pull["limit"] == str(STATUS_PAGE)
    assert catalogue_checks(seen) == 1
    first_pull = next(i for i, (m, p, _q) in enumerate(seen) if p.endswith("/changes"))
    assert first_pull > dossier_posts[-1]
    # That one pull brought every change of the three batches: the stored cursor is
    # the portal's last, and a pull from it finds nothing new.
    with store.sessions() as session:
        cursor = meta_value(session, STATUS_CURSOR)
        sent = session.query(Case).filter(Case.status == "sent").count()
    assert sent == 5
    assert cursor is not None
    with recording_client(portal, []) as client:
        everything = client.changes(None, limit=STATUS_PAGE)
        after = client.changes(cursor, limit=STATUS_PAGE)
    assert len(everything.changes) >= 5
    assert cursor == everything.next_cursor
    assert (after.changes, after.has_more) == ((), False)


def test_a_single_pass_still_pulls_even_with_entries_left(
    store: Store, portal: TrainingPortal
) -> None:
    """The kiosk app's worker runs one pass at a time: each pulls, backlog or not."""
    submit_cases(store, 3)
    seen: list[tuple[str, str, dict[str, str]]] = []
    with recorded_engine(store, portal, seen) as engine:
        first = engine.run_pass()
        assert (first.pushed, first.pending) == (2, 1)
        assert len(pulls(seen)) == 1 and catalogue_checks(seen) == 1
        second = engine.run_pass()
    assert (second.pushed, second.pending) == (1, 0)
    assert len(pulls(seen)) == 2 and catalogue_checks(seen) == 2


def test_the_last_pass_allowed_pulls_even_with_entries_left(
    store: Store, portal: TrainingPortal
) -> None:
    """A run cut short by ``max_passes`` still brings the statuses back."""
    submit_cases(store, 5)
    seen: list[tuple[str, str, dict[str, str]]] = []
    with recorded_engine(store, portal, seen) as engine:
        result = engine.run_until_done(max_passes=2)
    assert (result.pushed, result.pending) == (4, 1)
    assert len(pulls(seen)) == 1 and catalogue_checks(seen) == 1
