"""Sync throughput: `kiosk-sync run` pushing 1,000 cases vs a raw requests.Session loop.

Both push to a training portal running as its own process on 127.0.0.1 (a
fresh database each), with the same bodies: the frozen dossier with the
kiosk's id and its declaration PDF (drawn and sealed after the receipt, as
the kiosk does, before either clock starts). Ours includes everything the IT
officer's command does: start, open and migrate the store, the lease, state
writes before and after each request, status pull; it sends on the two
connections the training portal's meta allows, the baseline on one. Then the
same 1,000 cases with 20% injected faults, until done: nothing lost, nothing
doubled. ``BENCH_SYNC_CASES=10000`` measures 10,000.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import requests
from sqlalchemy import func, select

from bench.common import Row, temporary_home, verdict
from kiosk.cases.declarations import attachment_body, declaration_pdf
from kiosk.cases.dossier_payload import freeze, with_kiosk_id
from kiosk.cases.errors import SubmitBlocked
from kiosk.cases.seeding import seed_cases
from kiosk.cases.service import CaseService
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from kiosk.procedures import load_catalogue
from kiosk.store.database import Store, open_store
from kiosk.store.models import Case, OutboxEntry
from sync.credentials import TRAINING_CREDENTIALS, TRAINING_KIOSK_ID
from sync.payloads import dossier_body

CASES = int(os.environ.get("BENCH_SYNC_CASES", "1000"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PortalProcess:
    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.training_portal",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--db",
                str(db),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/api/v1/meta", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("training portal did not start")

    def dossiers(self) -> list[dict[str, object]]:
        dossiers: list[dict[str, object]] = requests.get(
            self.url + "/training/dossiers", timeout=30
        ).json()["dossiers"]
        return dossiers

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def seed_home(home: Path, cases: int | None = None) -> None:
    """``cases`` submitted cases, each with its declaration drawn and sealed.

    The kiosk draws the declaration right after the receipt, on its background
    runner (kiosk/ui/print_worker.py), so a sync pass finds it sealed; the
    seeding does the same here, outside both timings.
    """
    config = KioskConfig(key_store="file")
    store = open_store(HomeLayout(home), config)
    catalogue = load_catalogue(asset_dir() / "procedures")
    wanted = CASES if cases is None else cases
    for seed in range(1, 1000):
        # In chunks: a synthetic card the rules refuse (SubmitBlocked, seen once in
        # 10,000) leaves one draft behind and the next chunk goes on with another seed.
        queued = _queued(store)
        if queued >= wanted:
            break
        with contextlib.suppress(SubmitBlocked):
            seed_cases(store, catalogue, config, min(500, wanted - queued), seed=seed)
    service = CaseService(store, catalogue, config)
    with store.sessions() as session:
        case_ids = list(session.scalars(select(OutboxEntry.case_id).order_by(OutboxEntry.id)))
    for case_id in case_ids:
        if case_id is not None:
            declaration_pdf(service, case_id, config, catalogue)
    store.close()


def kiosk_sync(home: Path, url: str) -> tuple[float, dict[str, object]]:
    env = {
        **os.environ,
        "KIOSK_HOME": str(home),
        "KIOSK_PORTAL_URL": url,
        "KIOSK_KEY_STORE": "file",
    }
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "sync.cli", "run", "--json", "--batch", "200", "--max-wait", "5"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    return elapsed, json.loads(result.stdout)


def _queued(store: Store) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def raw_loop(home: Path, url: str) -> float:
    """The same bodies as ours (the frozen dossier, this kiosk's id, its declaration),
    built before the clock starts: the loop times the HTTP exchanges alone."""
    config = KioskConfig(key_store="file")
    store = open_store(HomeLayout(home), config)
    catalogue = load_catalogue(asset_dir() / "procedures")
    service = CaseService(store, catalogue, config)
    with store.sessions() as session:
        pairs = []
        for entry in session.query(OutboxEntry).order_by(OutboxEntry.id):
            case = session.get(Case, entry.case_id)
            assert case is not None and case.local_reference is not None, entry.case_id
            frozen = entry.body or freeze(dossier_body(session, case, TRAINING_KIOSK_ID, catalogue))
            body = json.loads(with_kiosk_id(frozen, TRAINING_KIOSK_ID) or frozen)
            pdf = declaration_pdf(service, case.id, config, catalogue)
            body["declaration"] = attachment_body(pdf, case.local_reference)
            pairs.append((entry.idempotency_key, body))
    store.close()
    http = requests.Session()
    start = time.perf_counter()
    token = http.post(
        url + "/api/v1/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": TRAINING_CREDENTIALS.client_id,
            "client_secret": TRAINING_CREDENTIALS.client_secret,
        },
        timeout=10,
    ).json()["access_token"]
    for key, body in pairs:
        response = http.post(
            url + "/api/v1/dossiers",
            json=body,
            timeout=10,
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
        )
        response.raise_for_status()
    return time.perf_counter() - start


def run() -> list[Row]:
    rows: list[Row] = []
    with temporary_home() as root:
        # The baseline reads its bodies from the same home before ours sends them.
        ours_home, fault_home = root / "ours", root / "faults"
        base_home = ours_home
        for home in (ours_home, fault_home):
            home.mkdir()
            seed_home(home)
        # A short read timeout so that stalls cost seconds, not the default 10 s each.
        (fault_home / "config.toml").write_text("[portal]\ntimeout_seconds = 1.0\n", "utf-8")
        base_portal = PortalProcess(root / "base-portal.db")
        base_seconds = raw_loop(base_home, base_portal.url)
        base_portal.stop()
        portal = PortalProcess(root / "ours-portal.db")
        ours_seconds, summary = kiosk_sync(ours_home, portal.url)
        at_portal = len(portal.dossiers())
        portal.stop()
        ours_rate, base_rate = CASES / ours_seconds, CASES / base_seconds
        ratio = ours_rate / base_rate
        print(f"  kiosk-sync {ours_seconds:.1f} s, raw loop {base_seconds:.1f} s", flush=True)
        rows.append(
            Row(
                f"sync throughput, {CASES} cases",
                f"{ours_rate:.0f} cases/s",
                f"{base_rate:.0f} cases/s",
                f"{ratio:.2f}x",
                ">= 0.8x",
                verdict(ratio >= 0.8 and summary.get("pending") == 0 and at_portal == CASES),
            )
        )
        faulty = PortalProcess(root / "fault-portal.db")
        requests.post(
            faulty.url + "/training/faults",
            json={
                "error_rate": 0.06,
                "drop_rate": 0.04,
                "stall_rate": 0.02,
                "rate_limit_rate": 0.04,
                "fail_after_commit_rate": 0.04,
                "stall_seconds": 1.5,
                "retry_after": 1,
                "seed": 3,
            },
            timeout=10,
        )
        fault_seconds = 0.0
        for _ in range(20):
            seconds, summary = kiosk_sync(fault_home, faulty.url)
            fault_seconds += seconds
            if summary.get("pending") == 0:
                break
        dossiers = faulty.dossiers()
        faulty.stop()
        counts = Counter(str(d["local_reference"]) for d in dossiers)
        lost = CASES - len(counts)
        doubled = sum(1 for c in counts.values() if c > 1)
        rows.append(
            Row(
                f"sync with 20% faults, {CASES} cases",
                f"{fault_seconds:.1f} s",
                f"{ours_seconds:.1f} s (no faults)",
                f"{fault_seconds / ours_seconds:.2f}x",
                "completes, 0 lost, 0 doubled",
                verdict(lost == 0 and doubled == 0) + f" (lost {lost}, doubled {doubled})",
            )
        )
    return rows


if __name__ == "__main__":
    from bench.common import print_table

    print_table(run())
