"""Attachments through sync, against the real training portal on 127.0.0.1: uploaded
by digest before their dossier, never twice once confirmed, exactly once through the
fault machinery and a SIGKILLed sync, and never in the clear on the kiosk's disk."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.attachments.storage import PageStore
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import Store, open_store
from sync.backoff import BackoffPolicy
from sync.credentials import TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.portal import HttpPortalClient, PortalRejected
from sync.training_portal.faults import FaultSettings
from sync.training_portal.server import TrainingPortal
from sync.uploads import pending_uploads
from tests.sync_support import (
    catalogue,
    start_portal,
    submit_cases_with_attachments,
    training_client,
)

ROOT = Path(__file__).resolve().parents[2]
FAST = BackoffPolicy(base_seconds=0.01, cap_seconds=0.2)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[TrainingPortal]:
    running = start_portal(tmp_path)
    yield running
    running.stop()


def make_engine(store: Store, client: HttpPortalClient) -> SyncEngine:
    return SyncEngine(
        store,
        client,
        catalogue(),
        kiosk_id=TRAINING_KIOSK_ID,
        holder="test",
        backoff=FAST,
        rng=random.Random(4),
        batch_size=100,
    )


def local_digests(store: Store, case_ids: list[str]) -> dict[str, str]:
    pages = PageStore(store)
    found = {}
    for case_id in case_ids:
        for document in pages.documents(case_id):
            assert document.sha256 is not None
            found[case_id] = document.sha256
    return found


def assert_each_attachment_once_with_its_digest(
    portal: TrainingPortal, digests: dict[str, str]
) -> None:
    held = portal.app.attachments.all_attachments()
    counted = Counter(item["sha256"] for item in held)
    assert set(counted) == set(digests.values())
    assert max(counted.values()) == 1
    assert all(item["content_sha256"] == item["sha256"] for item in held)
    dossiers = portal.app.dossiers.all_dossiers()
    named = [a["sha256"] for d in dossiers for a in d["body"]["attachments"]]  # type: ignore[index]
    assert sorted(named) == sorted(digests.values())


def test_attachments_go_first_and_once(store: Store, portal: TrainingPortal) -> None:
    case_ids = submit_cases_with_attachments(store, 3)
    with training_client(portal) as client:
        result = make_engine(store, client).run_until_done()
    assert (result.pushed, result.pending) == (3, 0)
    digests = local_digests(store, case_ids)
    assert_each_attachment_once_with_its_digest(portal, digests)
    held = {item["sha256"]: item for item in portal.app.attachments.all_attachments()}
    assert all(item["puts"] == 1 for item in held.values())
    for dossier in portal.app.dossiers.all_dossiers():
        (attachment,) = dossier["body"]["attachments"]  # type: ignore[index]
        assert attachment["pages"] == 2 and attachment["slot"] == "birth_certificate"
        assert str(held[attachment["sha256"]]["received_at"]) <= str(dossier["received_at"])
    pages = PageStore(store)
    assert all(d.confirmed_at for c in case_ids for d in pages.documents(c))
    # A second pass sends nothing again.
    with training_client(portal) as client:
        make_engine(store, client).run_until_done()
    assert all(item["puts"] == 1 for item in portal.app.attachments.all_attachments())


def test_the_portal_refuses_a_dossier_naming_a_missing_attachment(
    store: Store, portal: TrainingPortal
) -> None:
    [case_id] = submit_cases_with_attachments(store, 1)
    with training_client(portal) as client:
        engine = make_engine(store, client)
        body = engine._frozen_dossier(1)  # the exact body the engine would send
        with pytest.raises(PortalRejected) as refused:
            client.submit_dossier("never-uploaded", body)
    assert refused.value.code == "attachment_missing"
    assert "thiếu tệp đính kèm" in refused.value.message_vi
    assert portal.app.dossiers.all_dossiers() == []
    del case_id


def test_put_is_idempotent_and_checks_the_digest(portal: TrainingPortal) -> None:
    content = b"%PDF-1.7 a tiny document"
    digest = hashlib.sha256(content).hexdigest()
    with training_client(portal) as client:
        assert client.put_attachment(digest, content, "application/pdf") is True
        assert client.put_attachment(digest, content, "application/pdf") is False
        with pytest.raises(PortalRejected) as mismatch:
            client.put_attachment(digest, content + b"!", "application/pdf")
        token = client.fetch_token().value
    assert mismatch.value.code == "digest_mismatch"
    lying_header = requests.put(
        f"{portal.url}/api/v1/attachments/{digest}",
        data=content,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/pdf",
            "Content-Digest": "sha-256=:" + base64.b64encode(b"x" * 32).decode() + ":",
        },
        timeout=5,
    )
    assert lying_header.status_code == 422
    assert lying_header.json()["code"] == "digest_mismatch"
    (held,) = portal.app.attachments.all_attachments()
    assert held["puts"] == 2 and held["size"] == len(content)
    listed = requests.get(f"{portal.url}/training/attachments", timeout=5).json()
    assert [item["sha256"] for item in listed["attachments"]] == [digest]


def test_a_digest_the_engine_computed_is_sent_as_it_is_and_still_checked(
    store: Store, portal: TrainingPortal
) -> None:
    """The engine hashes each document once (to check it against its frozen dossier)
    and the PUT's Content-Digest comes from that hash; the portal still refuses a
    Content-Digest that does not match the body."""
    [case_id] = submit_cases_with_attachments(store, 1)
    with training_client(portal) as client:
        body = make_engine(store, client)._frozen_dossier(1)
        (upload,) = pending_uploads(store, case_id, body)
        assert upload.content_digest == hashlib.sha256(upload.content).digest()
        assert upload.content_digest.hex() == upload.sha256
        assert client.put_attachment(
            upload.sha256, upload.content, "application/pdf", content_digest=upload.content_digest
        )
        other = b"%PDF-1.7 another document"
        with pytest.raises(PortalRejected) as wrong:
            client.put_attachment(
                hashlib.sha256(other).hexdigest(),
                other,
                "application/pdf",
                content_digest=upload.content_digest,
            )
    assert wrong.value.code == "digest_mismatch"
    held = portal.app.attachments.all_attachments()
    assert [item["sha256"] for item in held] == [upload.sha256]


def test_through_faults_every_dossier_and_attachment_arrives_once(
    store: Store, portal: TrainingPortal
) -> None:
    case_ids = submit_cases_with_attachments(store, 25, pages_per_document=1)
    portal.app.faults.replace(
        FaultSettings(
            error_rate=0.1,
            drop_rate=0.08,
            stall_rate=0.03,
            rate_limit_rate=0.05,
            fail_after_commit_rate=0.1,
            garbage_rate=0.03,
            stall_seconds=0.6,
            retry_after=0,
            seed=11,
        )
    )
    with training_client(portal, read_timeout=0.3) as client:
        result = make_engine(store, client).run_until_done(max_wait_seconds=2.0, max_passes=3000)
    assert result.pending == 0, result.errors[:5]
    assert result.failed > 5, "the faults must actually have been met"
    references = Counter(d["local_reference"] for d in portal.app.dossiers.all_dossiers())
    assert len(references) == 25 and max(references.values()) == 1
    assert_each_attachment_once_with_its_digest(portal, local_digests(store, case_ids))


CLEAR_MARKS = (b"JFIF", b"%PDF-1.", b"ReportLab", "GIẤY CHỨNG SINH".encode())
"""Found anywhere in a clear page or PDF, and too long to turn up in ciphertext by chance."""
MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"%PDF")
"""What a clear image or PDF starts with (short: looked for at the start only)."""


@pytest.mark.slow
def test_sync_killed_mid_upload_duplicates_nothing_and_leaves_nothing_in_the_clear(
    kiosk_layout: HomeLayout, portal: TrainingPortal
) -> None:
    store = open_store(kiosk_layout, KioskConfig(key_store="file"))
    try:
        case_ids = submit_cases_with_attachments(store, 20, pages_per_document=3)
        digests = local_digests(store, case_ids)
    finally:
        store.close()
    env = {
        **os.environ,
        "KIOSK_HOME": str(kiosk_layout.root),
        "KIOSK_PORTAL_URL": portal.url,
        "PYTHONPATH": str(ROOT),
    }
    portal.app.faults.replace(FaultSettings(slow_ms=40))
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-m", "sync.cli", "run", "--json"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        start = len(portal.app.attachments.all_attachments())
        while len(portal.app.attachments.all_attachments()) < min(start + 3, 20):
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    portal.app.faults.replace(FaultSettings())
    final = subprocess.run(
        [sys.executable, "-m", "sync.cli", "run", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert final.returncode == 0, final.stdout + final.stderr
    assert json.loads(final.stdout)["pending"] == 0
    references = Counter(d["local_reference"] for d in portal.app.dossiers.all_dossiers())
    assert len(references) == 20 and max(references.values()) == 1
    assert_each_attachment_once_with_its_digest(portal, digests)
    for path in kiosk_layout.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not data.startswith(MAGIC), path
            for mark in CLEAR_MARKS:
                assert mark not in data, (path, mark)
