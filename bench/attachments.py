"""Supporting documents: capture to sealed page, upload throughput, memory with 20 pages.

1. Capture to sealed page, per A4 page scanned at 300 dpi (2480 x 3508, grey):
   deskew, crop, flatten the light, compress to <= 300 KB, seal, write the file,
   insert the row; median against Pillow's plain JPEG save of the same page in
   the same run (the least any kiosk must do with a page).
2. Upload throughput: the sync engine sending cases with 3-page documents
   (PUT each attachment, then the dossier) to the training portal on
   127.0.0.1 (its own process), against a raw ``requests`` loop of the same
   bytes to the same portal: bytes per second, ours / raw, and each side's CPU.
3. Memory: resident set growth while one case takes 20 pages through capture.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import io
import os
import random
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import requests

from bench.common import Row, median, ms, temporary_home, verdict
from bench.portal_process import PortalProcess
from kiosk.attachments.capture import CaptureService, Source
from kiosk.attachments.samples import render_sample
from kiosk.attachments.slots import resolve_slots
from kiosk.attachments.storage import PageStore
from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import Store, open_store

if TYPE_CHECKING:
    from sync.portal import HttpPortalClient
    from sync.training_portal.server import TrainingPortal

PAGES = 20


def scanned_a4(seed: int) -> bytes:
    """A 300-dpi grey PNG of a sample page, 1.2 degrees askew on a scanner bed."""
    kind = ("birth_certificate", "marriage_certificate", "land_use_certificate")[seed % 3]
    page = render_sample(kind).resize((2480, 3508)).convert("L")
    page = page.rotate(1.2, fillcolor=248, expand=False)
    out = io.BytesIO()
    page.save(out, "PNG", compress_level=1)
    return out.getvalue()


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def capture_rows(pages: int = PAGES) -> list[Row]:
    from PIL import Image

    with temporary_home() as home:
        config = KioskConfig(key_store="file")
        store = open_store(HomeLayout(home), config)
        catalogue = load_catalogue(asset_dir() / "procedures")
        case = CaseService(store, catalogue, config).start_case(
            "marital_status", Actor.citizen("b")
        )
        answers = {"marital_status": "divorced"}
        slot = next(
            s
            for s in resolve_slots(catalogue["marital_status"], answers)
            if s.key == "divorce_judgement"
        )
        capture = CaptureService(PageStore(store), scan_dpi=300)
        scans = [scanned_a4(index) for index in range(3)]
        ours: list[float] = []
        plain: list[float] = []
        gc.collect()
        before = rss_kb()
        peak = before
        for index in range(pages):
            data = scans[index % len(scans)]
            start = time.perf_counter()
            capture.add(case.id, slot, data, Source.SCANNER)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            image = Image.open(io.BytesIO(data))
            out = io.BytesIO()
            image.save(out, "JPEG")
            plain.append(time.perf_counter() - start)
            peak = max(peak, rss_kb())
        finish_start = time.perf_counter()
        capture.finish(case.id, slot, "Bản án ly hôn")
        finish = time.perf_counter() - finish_start
        gc.collect()
        after = rss_kb()
        sizes = [page.sealed_bytes for page in capture.pages.pages(case.id)]
        store.close()
    ratio = median(ours) / median(plain)
    return [
        Row(
            "capture to sealed page, A4 at 300 dpi (median)",
            ms(median(ours)),
            ms(median(plain)),
            f"{ratio:.1f}x",
            "< 500 ms",
            verdict(median(ours) < 0.5),
        ),
        Row(
            f"  largest sealed page of {pages}",
            f"{max(sizes) / 1000:.0f} KB",
            "",
            "",
            "<= 300 KB",
            verdict(max(sizes) <= 300_029),
        ),
        Row(f"  one PDF of {pages} pages", ms(finish), "", "", "", ""),
        Row(
            f"memory: {pages} pages through capture (RSS growth, peak)",
            f"{(after - before) / 1024:.0f} MB, peak +{(peak - before) / 1024:.0f} MB",
            "",
            "",
            "reported",
            "reported",
        ),
    ]


def _raw_exchanges(
    url: str,
    token: str,
    documents: list[tuple[str, bytes]],
    dossiers: list[tuple[str, bytes]],
) -> float:
    """The baseline: one ``requests.Session``, a plain loop, the same bytes, timed."""
    session = requests.Session()
    start = time.perf_counter()
    for digest, content in documents:
        header = base64.b64encode(hashlib.sha256(content).digest()).decode()
        response = session.put(
            f"{url}/api/v1/attachments/{digest}",
            data=content,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/pdf",
                "Content-Digest": f"sha-256=:{header}:",
            },
            timeout=30,
        )
        response.raise_for_status()
    for key, body in dossiers:
        response = session.post(
            f"{url}/api/v1/dossiers",
            data=body,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
            timeout=30,
        )
        response.raise_for_status()
    elapsed = time.perf_counter() - start
    session.close()
    return elapsed


def upload_rows(cases: int = 40, rounds: int = 3, in_process: bool | None = None) -> list[Row]:
    """Ours: the engine's whole pass over ``cases`` dossiers with a 3-page document each
    (read and unseal each PDF, PUT it by digest, mark it confirmed, POST the dossier,
    record it sent), on the connections the portal allows. Baseline: a raw
    ``requests.Session`` loop PUTting the same PDFs and POSTing the same dossier
    bodies. Also the upload path alone (one PDF after another on one connection, no
    dossiers) against a raw PUT loop of the same PDFs.

    Every measurement gets a fresh training portal (the same verification on both
    sides), by default in its own process, as ``bench/sync_throughput.py`` runs it
    and as a ward's portal is another machine: in this process, the portal's
    threads and both sides' shared one GIL, so the kiosk's reading of the next
    dossier could not overlap the portal's work on the previous one
    (docs/performance.md, "Upload, fourth pass"). ``in_process=True`` (or
    ``BENCH_UPLOAD_PORTAL=in-process``) measures the old way. The kiosk's states
    are reset between rounds, the two sides alternate which goes first, and the
    median of the rounds' ratios is reported: on this shared machine the load
    changes from one second to the next.
    """
    from sqlalchemy import select, update

    from kiosk.store.models import AttachmentSlot, OutboxEntry
    from sync.backoff import BackoffPolicy
    from sync.credentials import TRAINING_KIOSK_ID
    from sync.engine import SyncEngine
    from sync.portal.http_client import _encode_json
    from tests.sync_support import (
        catalogue,
        start_portal,
        submit_cases_with_attachments,
        training_client,
    )

    if in_process is None:
        in_process = os.environ.get("BENCH_UPLOAD_PORTAL", "") == "in-process"

    def engine_for(store: Store, client: HttpPortalClient) -> SyncEngine:
        return SyncEngine(
            store,
            client,
            catalogue(),
            kiosk_id=TRAINING_KIOSK_ID,
            holder="bench",
            backoff=BackoffPolicy(base_seconds=0.01, cap_seconds=0.1),
            rng=random.Random(1),
            batch_size=cases,
            max_connections=2,  # as `kiosk-sync run`
        )

    def warm_up(engine: SyncEngine) -> None:
        """The engine's own database connection opened (as the raw loop's socket is)."""
        with engine.store.sessions() as session:
            session.execute(select(OutboxEntry.id).limit(1))

    with temporary_home() as home, tempfile.TemporaryDirectory() as portal_dir:
        config = KioskConfig(key_store="file")
        store = open_store(HomeLayout(home), config)
        case_ids = submit_cases_with_attachments(store, cases, pages_per_document=3)
        pages = PageStore(store)
        documents = [
            (document.sha256, pages.read_document(case_id, document.slot_key))
            for case_id in case_ids
            for document in pages.documents(case_id)
            if document.sha256 is not None
        ]
        attachment_bytes = sum(len(content) for _, content in documents)
        portal_count = 0

        def fresh_portal() -> TrainingPortal | PortalProcess:
            nonlocal portal_count
            portal_count += 1
            folder = Path(portal_dir) / str(portal_count)
            folder.mkdir()
            if in_process:
                return start_portal(folder)
            return PortalProcess(folder / "portal.db", holidays_first=True)

        def reset() -> None:
            with store.sessions.begin() as session:
                session.execute(update(AttachmentSlot).values(confirmed_at=None))
                session.execute(
                    update(OutboxEntry).values(state="queued", next_attempt_at=None, attempts=0)
                )

        # The same bodies the engine sends, built (and their declarations drawn)
        # before any clock starts, as the kiosk does after the receipt.
        portal = fresh_portal()
        with training_client(portal) as client:
            engine = engine_for(store, client)
            frozen = [engine._frozen_dossier(index + 1) for index in range(cases)]
            engine.close()
        portal.stop()
        dossiers = [(f"bench-{index}", _encode_json(body)) for index, body in enumerate(frozen)]
        total = attachment_bytes + sum(len(body) for _, body in dossiers)
        connections = 1

        def ours_pass() -> float:
            nonlocal connections
            reset()
            portal = fresh_portal()
            try:
                with training_client(portal) as client:
                    engine = engine_for(store, client)
                    client.fetch_token()  # as the raw loop: the token is not the upload
                    warm_up(engine)
                    portal_cpu = _portal_cpu(portal)
                    cpu = time.process_time()
                    start = time.perf_counter()
                    result = engine.run_until_done()
                    elapsed = time.perf_counter() - start
                    cpu_seconds["ours"].append(time.process_time() - cpu)
                    cpu_seconds["ours_portal"].append(_portal_cpu(portal) - portal_cpu)
                    connections = engine.connections
                    engine.close()
            finally:
                portal.stop()
            assert result.pushed == cases, result.errors[:3]
            return elapsed

        def ours_path() -> float:
            reset()
            portal = fresh_portal()
            try:
                with training_client(portal) as client:
                    engine = engine_for(store, client)
                    client.fetch_token()
                    warm_up(engine)
                    start = time.perf_counter()
                    sent = engine.send_attachments(list(zip(case_ids, frozen, strict=True)))
                    elapsed = time.perf_counter() - start
                    engine.close()
            finally:
                portal.stop()
            assert sent == len(documents), sent
            return elapsed

        def raw(with_dossiers: bool) -> float:
            portal = fresh_portal()
            try:
                with training_client(portal) as client:
                    token = client.fetch_token().value
                if not with_dossiers:
                    return _raw_exchanges(portal.url, token, documents, [])
                portal_cpu = _portal_cpu(portal)
                cpu = time.process_time()
                elapsed = _raw_exchanges(portal.url, token, documents, dossiers)
                cpu_seconds["raw"].append(time.process_time() - cpu)
                cpu_seconds["raw_portal"].append(_portal_cpu(portal) - portal_cpu)
                return elapsed
            finally:
                portal.stop()

        # CPU seconds of the whole pass's sides: this process (with the portal's threads
        # when it runs here) and the portal's process.
        cpu_seconds: dict[str, list[float]] = {
            "ours": [],
            "raw": [],
            "ours_portal": [],
            "raw_portal": [],
        }
        passes: list[tuple[float, float]] = []
        paths: list[tuple[float, float]] = []
        try:
            for index in range(rounds):
                if index % 2 == 0:
                    ours, baseline = ours_pass(), raw(True)
                    passes.append((ours, baseline))
                    ours, baseline = ours_path(), raw(False)
                    paths.append((ours, baseline))
                else:
                    baseline, ours = raw(True), ours_pass()
                    passes.append((ours, baseline))
                    baseline, ours = raw(False), ours_path()
                    paths.append((ours, baseline))
        finally:
            store.close()
    where = "portal in this process" if in_process else "portal in its own process"
    ratio = median([baseline / ours for ours, baseline in passes])
    path_ratio = median([baseline / ours for ours, baseline in paths])
    ours_rate = total / median([ours for ours, _ in passes])
    raw_rate = total / median([baseline for _, baseline in passes])
    path_rate = attachment_bytes / median([ours for ours, _ in paths])
    puts_rate = attachment_bytes / median([baseline for _, baseline in paths])
    return [
        Row(
            f"upload: {cases} dossiers with a 3-page document, whole pass (median of {rounds};"
            f" {where})",
            f"{ours_rate / 1e6:.1f} MB/s ({connections} conn.)",
            f"{raw_rate / 1e6:.1f} MB/s raw loop",
            f"{ratio:.2f}x",
            ">= 0.8x",
            verdict(ratio >= 0.8),
        ),
        Row(
            "  CPU seconds of the whole pass (median), "
            + (
                "this process (the portal's threads in it)"
                if in_process
                else f"the portal's process {median(cpu_seconds['ours_portal']):.2f} s"
                f" / {median(cpu_seconds['raw_portal']):.2f} s"
            ),
            f"{median(cpu_seconds['ours']):.2f} s",
            f"{median(cpu_seconds['raw']):.2f} s raw loop",
            f"{median(cpu_seconds['ours']) / max(median(cpu_seconds['raw']), 1e-9):.2f}x",
            "reported",
            "reported",
        ),
        Row(
            f"  the upload path alone: {cases} PDFs, no dossiers (1 conn.)",
            f"{path_rate / 1e6:.1f} MB/s",
            f"{puts_rate / 1e6:.1f} MB/s raw PUTs",
            f"{path_ratio:.2f}x",
            ">= 0.8x",
            verdict(path_ratio >= 0.8),
        ),
    ]


def _portal_cpu(portal: TrainingPortal | PortalProcess) -> float:
    """The portal process's CPU seconds so far (0 for a portal in this process)."""
    seconds = portal.cpu_seconds() if isinstance(portal, PortalProcess) else None
    return seconds or 0.0


def run(pages: int = PAGES, cases: int = 20) -> list[Row]:
    return capture_rows(pages) + upload_rows(cases)


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
