"""Supporting documents: capture to sealed page, upload throughput, memory with 20 pages.

1. Capture to sealed page, per A4 page scanned at 300 dpi (2480 x 3508, grey):
   deskew, crop, flatten the light, compress to <= 300 KB, seal, write the file,
   insert the row; median against Pillow's plain JPEG save of the same page in
   the same run (the least any kiosk must do with a page).
2. Upload throughput: the sync engine sending 20 cases of 3-page documents
   (PUT each attachment, then the dossier) to the training portal on
   127.0.0.1, against a raw ``requests`` PUT loop of the same bytes to the same
   portal: bytes per second, ours / raw.
3. Memory: resident set growth while one case takes 20 pages through capture.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import io
import random
import tempfile
import time
from pathlib import Path

import requests

from bench.common import Row, median, ms, temporary_home, verdict
from kiosk.attachments.capture import CaptureService, Source
from kiosk.attachments.samples import render_sample
from kiosk.attachments.slots import resolve_slots
from kiosk.attachments.storage import PageStore
from kiosk.cases import Actor, CaseService
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import Store, open_store

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


def upload_rows(cases: int = 40) -> list[Row]:
    """Ours: the engine's whole pass over ``cases`` dossiers with a 3-page document each
    (read and unseal each PDF, PUT it by digest, mark it confirmed, POST the dossier,
    record it sent), on the connections the portal allows. Baseline: a raw
    ``requests.Session`` loop PUTting the same PDFs and POSTing the same dossier
    bodies to a fresh training portal in the same process. Also the upload path
    alone, one document after another on one connection (no dossiers)."""
    from sync.backoff import BackoffPolicy
    from sync.credentials import TRAINING_KIOSK_ID
    from sync.engine import SyncEngine
    from sync.portal import HttpPortalClient
    from sync.portal.http_client import _encode_json
    from tests.sync_support import (
        catalogue,
        start_portal,
        submit_cases_with_attachments,
        training_client,
    )

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
        )

    with temporary_home() as root, tempfile.TemporaryDirectory() as portal_dir:
        config = KioskConfig(key_store="file")
        homes = [root / "pass", root / "path"]
        stores = []
        case_ids: list[list[str]] = []
        for home in homes:
            home.mkdir()
            store = open_store(HomeLayout(home), config)
            stores.append(store)
            case_ids.append(submit_cases_with_attachments(store, cases, pages_per_document=3))
        pages = PageStore(stores[0])
        documents = [
            (document.sha256, pages.read_document(case_id, document.slot_key))
            for case_id in case_ids[0]
            for document in pages.documents(case_id)
            if document.sha256 is not None
        ]
        attachment_bytes = sum(len(content) for _, content in documents)
        portals = []
        for name in ("ours", "path", "raw", "raw-puts"):
            (Path(portal_dir) / name).mkdir()
            portals.append(start_portal(Path(portal_dir) / name))
        try:
            # The same bodies the engine sends, built (and their declarations drawn)
            # before any clock starts, as the kiosk does after the receipt.
            with training_client(portals[0]) as client:
                engine = engine_for(stores[0], client)
                dossiers = [
                    (f"bench-{index}", _encode_json(engine._frozen_dossier(index + 1)))
                    for index in range(cases)
                ]
                total = attachment_bytes + sum(len(body) for _, body in dossiers)
                client.fetch_token()  # as the raw loop below: the token is not the upload
                start = time.perf_counter()
                result = engine.run_until_done()
                ours = time.perf_counter() - start
                connections = engine.connections
                engine.close()
            assert result.pushed == cases, result.errors[:3]
            with training_client(portals[1]) as client:
                engine = engine_for(stores[1], client)
                bodies = [
                    (case_id, engine._frozen_dossier(index + 1))
                    for index, case_id in enumerate(case_ids[1])
                ]
                client.fetch_token()
                start = time.perf_counter()
                for case_id, body in bodies:
                    engine._send_attachments(case_id, body)
                path_alone = time.perf_counter() - start
                engine.close()
            path_pages = PageStore(stores[1])
            path_documents = [
                (document.sha256, path_pages.read_document(case_id, document.slot_key))
                for case_id in case_ids[1]
                for document in path_pages.documents(case_id)
                if document.sha256 is not None
            ]
            path_bytes = sum(len(content) for _, content in path_documents)
            with training_client(portals[2]) as client:
                token = client.fetch_token().value
            raw = _raw_exchanges(portals[2].url, token, documents, dossiers)
            with training_client(portals[3]) as client:
                token = client.fetch_token().value
            raw_puts = _raw_exchanges(portals[3].url, token, path_documents, [])
        finally:
            for portal in portals:
                portal.stop()
            for store in stores:
                store.close()
    ratio = raw / ours
    path_ratio = raw_puts / path_alone
    return [
        Row(
            f"upload: {cases} dossiers with a 3-page document, whole pass (bytes/s)",
            f"{total / ours / 1e6:.1f} MB/s ({connections} conn.)",
            f"{total / raw / 1e6:.1f} MB/s raw loop",
            f"{ratio:.2f}x",
            ">= 0.8x",
            verdict(ratio >= 0.8),
        ),
        Row(
            f"  the upload path alone, {cases} PDFs one by one (1 conn., no dossiers)",
            f"{path_bytes / path_alone / 1e6:.1f} MB/s",
            f"{path_bytes / raw_puts / 1e6:.1f} MB/s raw PUTs",
            f"{path_ratio:.2f}x",
            "",
            "",
        ),
    ]


def run(pages: int = PAGES, cases: int = 20) -> list[Row]:
    return capture_rows(pages) + upload_rows(cases)


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
