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
from kiosk.store.database import open_store

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


def upload_rows(cases: int = 20) -> list[Row]:
    from sync.backoff import BackoffPolicy
    from sync.credentials import TRAINING_KIOSK_ID
    from sync.engine import SyncEngine
    from tests.sync_support import (
        catalogue,
        start_portal,
        submit_cases_with_attachments,
        training_client,
    )

    with temporary_home() as home, tempfile.TemporaryDirectory() as portal_dir:
        config = KioskConfig(key_store="file")
        store = open_store(HomeLayout(home), config)
        case_ids = submit_cases_with_attachments(store, cases, pages_per_document=3)
        pages = PageStore(store)
        documents = [
            (document.sha256, pages.read_document(case_id, document.slot_key))
            for case_id in case_ids
            for document in pages.documents(case_id)
        ]
        total = sum(len(content) for _, content in documents)
        portal = start_portal(Path(portal_dir))
        try:
            with training_client(portal) as client:
                engine = SyncEngine(
                    store,
                    client,
                    catalogue(),
                    kiosk_id=TRAINING_KIOSK_ID,
                    holder="bench",
                    backoff=BackoffPolicy(base_seconds=0.01, cap_seconds=0.1),
                    rng=random.Random(1),
                )
                # The upload path alone: what the engine does for each dossier's
                # attachments (open the sealed PDF, PUT by digest, mark confirmed).
                bodies = [
                    (case_id, engine._frozen_dossier(index + 1))
                    for index, case_id in enumerate(case_ids)
                ]
                client.fetch_token()  # as the raw loop below: the token is not the upload
                start = time.perf_counter()
                for case_id, body in bodies:
                    engine._send_attachments(case_id, body)
                ours = time.perf_counter() - start
                start = time.perf_counter()
                engine.run_until_done()  # the dossiers, their attachments already confirmed
                whole_pass = time.perf_counter() - start
                engine.close()
            # Raw: the same bytes PUT again to a fresh digest space (a second portal).
            portal.stop()
            raw_dir = Path(portal_dir) / "raw"
            raw_dir.mkdir()
            portal = start_portal(raw_dir)
            with training_client(portal) as client:
                token = client.fetch_token().value
            session = requests.Session()
            start = time.perf_counter()
            for digest, content in documents:
                header = base64.b64encode(hashlib.sha256(content).digest()).decode()
                response = session.put(
                    f"{portal.url}/api/v1/attachments/{digest}",
                    data=content,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/pdf",
                        "Content-Digest": f"sha-256=:{header}:",
                    },
                    timeout=30,
                )
                response.raise_for_status()
            raw = time.perf_counter() - start
            session.close()
        finally:
            portal.stop()
            store.close()
    ratio = raw / ours
    rows = [
        Row(
            f"upload {cases} 3-page documents, engine's upload path (bytes/s)",
            f"{total / ours / 1e6:.1f} MB/s",
            f"{total / raw / 1e6:.1f} MB/s raw PUTs",
            f"{ratio:.2f}x",
            ">= 0.8x",
            verdict(ratio >= 0.8),
        ),
        Row(f"  then the {cases} dossiers (a whole sync pass)", ms(whole_pass), "", "", "", ""),
    ]
    return rows


def run(pages: int = PAGES, cases: int = 20) -> list[Row]:
    return capture_rows(pages) + upload_rows(cases)


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
