"""Large attachments in chunks, against the real training portal on 127.0.0.1: they
arrive whole with their digest, a dropped connection resumes from the portal's offset
(HEAD) instead of starting over, and a document whose completed bytes do not hash to
its address is refused with nothing kept. Chunk sizes are lowered so that the sample
birth certificates (tens of KB) take the chunked path the kiosk uses above 4 MB."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.attachments.storage import PageStore
from kiosk.store.database import Store
from sync.backoff import BackoffPolicy
from sync.credentials import TRAINING_CREDENTIALS, TRAINING_KIOSK_ID
from sync.engine import SyncEngine
from sync.portal import (
    HttpPortalClient,
    PortalRejected,
    PortalSession,
    PortalUnavailable,
    UploadState,
)
from sync.training_portal.attachments import STALE_UPLOAD_SECONDS, AttachmentDesk
from sync.training_portal.database import PortalDatabase
from sync.training_portal.faults import FaultSettings
from sync.training_portal.problems import ProblemError
from sync.training_portal.server import TrainingPortal
from sync.uploads import ChunkPolicy, Upload, send_upload
from tests.contract_support import ContractChecker
from tests.sync_support import (
    catalogue,
    start_portal,
    submit_cases_with_attachments,
    training_client,
)

FAST = BackoffPolicy(base_seconds=0.01, cap_seconds=0.2)
SMALL_CHUNKS = ChunkPolicy(threshold_bytes=32 * 1024, chunk_bytes=16 * 1024)
PDF = "application/pdf"


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[TrainingPortal]:
    running = start_portal(tmp_path)
    yield running
    running.stop()


class OffsetWatchingClient(HttpPortalClient):
    """The real client, noting each offset the portal reports on HEAD (what the test
    asserts the engine resumed from); every request still goes to the portal."""

    def __init__(self, portal: TrainingPortal, read_timeout: float) -> None:
        timeout = (2.0, read_timeout)
        super().__init__(
            portal.url,
            TRAINING_CREDENTIALS.client_id,
            TRAINING_CREDENTIALS.client_secret,
            timeout=timeout,
            session_factory=lambda: PortalSession(timeout),
        )
        self.heads: list[UploadState] = []

    def attachment_state(self, sha256: str) -> UploadState:
        state = super().attachment_state(sha256)
        self.heads.append(state)
        return state


def make_engine(store: Store, client: HttpPortalClient) -> SyncEngine:
    return SyncEngine(
        store,
        client,
        catalogue(),
        kiosk_id=TRAINING_KIOSK_ID,
        holder="test",
        backoff=FAST,
        rng=random.Random(4),
        chunks=SMALL_CHUNKS,
    )


def local_documents(store: Store, case_ids: list[str]) -> dict[str, int]:
    """Digest -> size of every document the cases hold."""
    pages = PageStore(store)
    found: dict[str, int] = {}
    for case_id in case_ids:
        for document in pages.documents(case_id):
            assert document.sha256 is not None
            found[document.sha256] = len(pages.read_document(case_id, document.slot_key))
    return found


def assert_held_once_whole(portal: TrainingPortal, documents: dict[str, int]) -> None:
    held = portal.app.attachments.all_attachments()
    assert Counter(item["sha256"] for item in held) == Counter(list(documents))
    for item in held:
        assert item["content_sha256"] == item["sha256"]
        assert item["size"] == documents[str(item["sha256"])]
    assert portal.app.attachments.partial_uploads() == []


def test_a_large_attachment_travels_in_chunks_and_arrives_whole(
    store: Store, portal: TrainingPortal
) -> None:
    case_ids = submit_cases_with_attachments(store, 2)
    documents = local_documents(store, case_ids)
    assert min(documents.values()) > 3 * SMALL_CHUNKS.chunk_bytes, "must take several chunks"
    contract = ContractChecker(portal.url)
    with training_client(portal, contract=contract) as client:
        result = make_engine(store, client).run_until_done()
    assert (result.pushed, result.pending) == (2, 0)
    assert_held_once_whole(portal, documents)
    # Every byte sent once: no chunk repeated on a clean line.
    assert portal.app.attachment_bytes == sum(documents.values())
    contract.assert_clean()
    assert contract.exchanges > 2 * 3  # the chunks (202 ... 201) were checked too
    for dossier in portal.app.dossiers.all_dossiers():
        (named,) = dossier["body"]["attachments"]  # type: ignore[index]
        assert named["sha256"] in documents


def test_a_dropped_connection_resumes_from_the_portals_offset(
    store: Store, portal: TrainingPortal
) -> None:
    case_ids = submit_cases_with_attachments(store, 3)
    documents = local_documents(store, case_ids)
    # Drops before handling (the chunk is lost) and after committing (the chunk is
    # kept, its answer lost): both are a connection dropped in the middle of a
    # document's upload.
    portal.app.faults.replace(
        FaultSettings(drop_rate=0.15, fail_after_commit_rate=0.15, retry_after=0, seed=7)
    )
    with OffsetWatchingClient(portal, read_timeout=2.0) as client:
        result = make_engine(store, client).run_until_done(max_wait_seconds=2.0, max_passes=500)
        heads = list(client.heads)
    assert result.pending == 0, result.errors[:5]
    assert result.failed > 0, "the faults must actually have been met"
    resumed = [s for s in heads if s.offset > 0 and not s.complete]
    assert resumed, "some attempt must have resumed a partial upload from the portal's offset"
    assert_held_once_whole(portal, documents)
    references = Counter(d["local_reference"] for d in portal.app.dossiers.all_dossiers())
    assert len(references) == 3 and max(references.values()) == 1
    # Resuming, not starting over: far less than sending every document twice.
    assert portal.app.attachment_bytes < 2 * sum(documents.values())


def test_a_chunk_dropped_after_the_portal_kept_it_is_not_sent_again(
    portal: TrainingPortal,
) -> None:
    content = bytes(random.Random(3).randbytes(40_000))
    digest = hashlib.sha256(content).hexdigest()
    with training_client(portal) as client:
        assert client.put_attachment_chunk(digest, content[:10_000], 0, len(content), PDF) == (
            UploadState(10_000, complete=False)
        )
        portal.app.faults.replace(FaultSettings(fail_after_commit_rate=1.0))
        with pytest.raises(PortalUnavailable):
            client.put_attachment_chunk(digest, content[10_000:20_000], 10_000, len(content), PDF)
        portal.app.faults.replace(FaultSettings())
        assert client.attachment_state(digest) == UploadState(20_000, complete=False)
        # A chunk that does not start at the held offset is refused with that offset.
        assert client.put_attachment_chunk(
            digest, content[10_000:20_000], 10_000, len(content), PDF
        ) == UploadState(20_000, complete=False)
        send_upload(client, Upload("x", digest, content), ChunkPolicy(1000, 10_000))
        assert client.attachment_state(digest) == UploadState(len(content), complete=True)
    assert portal.app.attachment_bytes == len(content) + 10_000  # only the refused chunk twice
    [held] = portal.app.attachments.all_attachments()
    assert (held["content_sha256"], held["size"], held["puts"]) == (digest, len(content), 1)


def test_a_wrong_final_digest_is_refused_and_nothing_is_kept(portal: TrainingPortal) -> None:
    content = bytes(random.Random(5).randbytes(30_000))
    claimed = hashlib.sha256(content + b"other").hexdigest()
    contract = ContractChecker(portal.url)
    with training_client(portal, contract=contract) as client:
        client.put_attachment_chunk(claimed, content[:15_000], 0, len(content), PDF)
        assert client.attachment_state(claimed) == UploadState(15_000, complete=False)
        with pytest.raises(PortalRejected) as refused:
            client.put_attachment_chunk(claimed, content[15_000:], 15_000, len(content), PDF)
        assert client.attachment_state(claimed) == UploadState(0, complete=False)
    assert (refused.value.status, refused.value.code) == (422, "digest_mismatch")
    assert "gửi lại" in refused.value.message_vi
    assert portal.app.attachments.all_attachments() == []
    assert portal.app.attachments.partial_uploads() == []
    contract.assert_clean()


def test_a_chunk_that_lies_about_its_range_or_digest_is_refused(portal: TrainingPortal) -> None:
    content = b"%PDF-1.7 " + bytes(range(256)) * 20
    digest = hashlib.sha256(content).hexdigest()
    with training_client(portal) as client:
        with pytest.raises(PortalRejected) as too_short:
            client.put_attachment_chunk(digest, content[:100], 0, 99, PDF)  # 100 bytes of 99
        digest_of_other = hashlib.sha256(b"x").hexdigest()
        with pytest.raises(PortalRejected) as foreign:
            # A chunk completing a document at an address that is not its digest.
            client.put_attachment_chunk(digest_of_other, content, 0, len(content), PDF)
    assert too_short.value.code == "validation_failed"
    assert foreign.value.code == "digest_mismatch"
    assert portal.app.attachments.all_attachments() == []
    assert portal.app.attachments.partial_uploads() == []


def test_a_stale_partial_upload_is_dropped(tmp_path: Path) -> None:
    now = [dt.datetime(2026, 12, 6, 8, 0, tzinfo=dt.UTC)]
    database = PortalDatabase(tmp_path / "portal.db")
    try:
        desk = AttachmentDesk(database, lambda: now[0])
        content = b"%PDF-1.7 a stale beginning" * 100
        digest = hashlib.sha256(content).hexdigest()
        header = "sha-256=:" + _b64(hashlib.sha256(content[:1000]).digest()) + ":"
        outcome = desk.put_chunk(
            "kiosk", digest, content[:1000], PDF, header, f"bytes 0-999/{len(content)}"
        )
        assert (outcome.status, outcome.headers["Upload-Offset"]) == (202, "1000")
        now[0] += dt.timedelta(seconds=STALE_UPLOAD_SECONDS - 60)
        assert desk.upload_state("kiosk", digest).headers["Upload-Offset"] == "1000"
        now[0] += dt.timedelta(seconds=STALE_UPLOAD_SECONDS + 60)
        assert desk.upload_state("kiosk", digest).headers["Upload-Offset"] == "0"
        assert desk.partial_uploads() == []
        with database.read() as db:  # its chunk went with it
            assert db.execute("SELECT count(*) FROM attachment_upload_chunks").fetchone()[0] == 0
        next_header = "sha-256=:" + _b64(hashlib.sha256(content[1000:2000]).digest()) + ":"
        with pytest.raises(ProblemError) as gone:
            desk.put_chunk(
                "kiosk",
                digest,
                content[1000:2000],
                PDF,
                next_header,
                f"bytes 1000-1999/{len(content)}",
            )
        assert (gone.value.status, gone.value.headers["Upload-Offset"]) == (409, "0")
    finally:
        database.close()


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
