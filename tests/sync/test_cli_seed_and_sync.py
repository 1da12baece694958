"""The command lines as the IT officer runs them: kiosk seed, kiosk-sync run/status/report."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.paths import HomeLayout
from sync.training_portal.faults import FaultSettings
from sync.training_portal.server import TrainingPortal

pytestmark = pytest.mark.backends("sqlite", "postgresql")

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def env(kiosk_layout: HomeLayout, portal: TrainingPortal) -> dict[str, str]:
    return {
        **os.environ,
        "KIOSK_HOME": str(kiosk_layout.root),
        "KIOSK_PORTAL_URL": portal.url,
        "PYTHONPATH": str(ROOT),
    }


def test_seed_then_sync_then_status_and_report(
    env: dict[str, str], portal: TrainingPortal, tmp_path: Path
) -> None:
    seeded = run("-m", "kiosk.app", "seed", "--cases", "10", env=env)
    assert seeded.returncode == 0, seeded.stderr
    assert "seeded 10" in seeded.stdout
    status = run("-m", "sync.cli", "status", "--json", env=env)
    assert json.loads(status.stdout)["waiting"] == 10
    synced = run("-m", "sync.cli", "run", "--json", env=env)
    assert synced.returncode == 0, synced.stderr
    summary = json.loads(synced.stdout)
    assert {"pushed", "rejected", "failed", "pending", "statuses_updated"} <= set(summary)
    assert (summary["pushed"], summary["pending"]) == (10, 0)
    assert len(portal.app.dossiers.all_dossiers()) == 10
    day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
    csv_file, pdf_file = tmp_path / "r.csv", tmp_path / "r.pdf"
    assert (
        run("-m", "sync.cli", "report", "--date", day, "--csv", str(csv_file), env=env).returncode
        == 0
    )
    rows = csv_file.read_text(encoding="utf-8").splitlines()
    assert any(row.endswith(",sent,birth,2,Đăng ký khai sinh") for row in rows), rows
    assert f"{day},mode,training_data,1," in rows
    written = run("-m", "sync.cli", "report", "--date", day, "--pdf", str(pdf_file), env=env)
    assert written.returncode == 0, written.stderr
    assert str(pdf_file) in written.stdout and "10 cases" in written.stdout
    assert "TRAINING" in written.stdout
    text = pdf_text(pdf_file)
    assert "Đăng ký khai sinh" in text and "DỮ LIỆU TẬP HUẤN" in text
    assert "\nbirth" not in text
    flat = " ".join(text.split())
    assert "BÁO CÁO HOẠT ĐỘNG KI-ỐT TRONG NGÀY" in flat
    assert "Đã gửi lên Cổng dịch vụ công" in flat and "Đăng ký khai sinh 2" in flat


def pdf_text(path: Path) -> str:

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_report_refuses_an_unwritable_file_and_a_bad_date_in_one_line(
    env: dict[str, str], tmp_path: Path
) -> None:
    assert run("-m", "kiosk.app", "seed", "--cases", "1", env=env).returncode == 0
    target = tmp_path / "no-such-folder" / "r.pdf"
    unwritable = run(
        "-m", "sync.cli", "report", "--date", "2026-01-02", "--pdf", str(target), env=env
    )
    assert unwritable.returncode == 2
    assert unwritable.stderr.strip().count("\n") == 0, unwritable.stderr
    assert "Traceback" not in unwritable.stderr and str(target) in unwritable.stderr
    bad_date = run("-m", "sync.cli", "report", "--date", "31/12/2026", "--csv", "x.csv", env=env)
    assert bad_date.returncode == 2
    message = bad_date.stderr.strip().splitlines()[-1]
    assert message.count("--date") == 1 and "YYYY-MM-DD" in message, bad_date.stderr


def test_bare_kiosk_sync_prints_help_and_exits_2(env: dict[str, str]) -> None:
    result = run("-m", "sync.cli", env=env)
    assert result.returncode == 2
    assert "usage: kiosk-sync" in result.stderr


def test_status_on_a_missing_home_refuses_and_creates_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    missing = tmp_path / "typo-home"
    result = run("-m", "sync.cli", "status", env={**env, "KIOSK_HOME": str(missing)})
    assert result.returncode == 2
    assert str(missing) in result.stderr
    assert not missing.exists()


def test_status_prints_times_with_their_utc_offset(env: dict[str, str]) -> None:
    assert run("-m", "kiosk.app", "seed", "--cases", "1", env=env).returncode == 0
    assert run("-m", "sync.cli", "run", env=env).returncode == 0
    status = run("-m", "sync.cli", "status", env={**env, "TZ": "Asia/Ho_Chi_Minh"})
    assert status.returncode == 0, status.stderr
    runs = [line for line in status.stdout.splitlines() if line.startswith("  ")]
    assert runs and all("+07:00" in line for line in runs), status.stdout
    assert "+07:00" in next(line for line in status.stdout.splitlines() if "Last" in line)


def test_seed_is_refused_in_live_mode(env: dict[str, str]) -> None:
    live = {**env, "KIOSK_MODE": "live", "KIOSK_PORTAL_URL": "https://portal.example.vn"}
    result = run("-m", "kiosk.app", "seed", "--cases", "1", env=live)
    assert result.returncode == 2
    assert "live mode" in result.stderr


def test_exit_3_when_the_portal_is_down(env: dict[str, str]) -> None:
    assert run("-m", "kiosk.app", "seed", "--cases", "2", env=env).returncode == 0
    down = {**env, "KIOSK_PORTAL_URL": "http://127.0.0.1:9"}
    result = run("-m", "sync.cli", "run", "--json", "--max-wait", "0", env=down)
    assert result.returncode == 3, result.stderr
    assert json.loads(result.stdout)["pending"] == 2


def test_exit_2_with_a_message_on_bad_configuration(env: dict[str, str]) -> None:
    result = run("-m", "sync.cli", "run", env={**env, "KIOSK_PORTAL_URL": "ftp://x"})
    assert result.returncode == 2
    assert "portal.url" in result.stderr


def test_exit_4_when_another_sync_holds_the_lease(
    env: dict[str, str], kiosk_layout: HomeLayout
) -> None:
    from kiosk.config import KioskConfig
    from kiosk.store.database import open_store
    from sync.lease import Lease

    assert run("-m", "kiosk.app", "seed", "--cases", "1", env=env).returncode == 0
    store = open_store(kiosk_layout, KioskConfig(key_store="file"))
    try:
        assert Lease(store, "the-app-worker").acquire()
        result = run("-m", "sync.cli", "run", "--json", env=env)
    finally:
        store.close()
    assert result.returncode == 4


@pytest.mark.slow
def test_sync_killed_mid_pass_and_restarted_duplicates_nothing(
    env: dict[str, str], portal: TrainingPortal
) -> None:
    assert run("-m", "kiosk.app", "seed", "--cases", "40", env=env).returncode == 0
    portal.app.faults.replace(FaultSettings(slow_ms=60))
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-m", "sync.cli", "run", "--json"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        start_count = len(portal.app.dossiers.all_dossiers())
        while len(portal.app.dossiers.all_dossiers()) < start_count + 5:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    portal.app.faults.replace(FaultSettings())
    # The killed holder's lease is taken over at once: its process is gone.
    final = run("-m", "sync.cli", "run", "--json", env=env)
    assert final.returncode == 0, final.stdout + final.stderr
    references = Counter(d["local_reference"] for d in portal.app.dossiers.all_dossiers())
    assert len(references) == 40 and max(references.values()) == 1


def test_run_applies_retention_and_report_counts_it(
    env: dict[str, str], kiosk_layout: HomeLayout, tmp_path: Path
) -> None:
    """A draft left 40 days ago and an export made 8 days ago are gone after ``run``."""
    from kiosk.admin.export_files import write_export
    from kiosk.cases import Actor, CaseService
    from kiosk.config import KioskConfig
    from kiosk.identity import parse_id_card_qr
    from kiosk.paths import asset_dir
    from kiosk.procedures import load_catalogue
    from kiosk.store.database import open_store

    config = KioskConfig(key_store="file")
    store = open_store(kiosk_layout, config)
    try:
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
        service = CaseService(
            store, load_catalogue(asset_dir() / "procedures"), config, clock=lambda: long_ago
        )
        card = parse_id_card_qr(
            "049195005678||Trần Thị Bình|02021995|Nữ|Khối phố 1, Phường Điện Bàn|10082025"
        )
        draft = service.start_case("birth", Actor.citizen("s"), card=card)
        service.save_answer(draft.id, "child_name", "Nguyễn Minh Khôi")
        citizen_id = service.get(draft.id).citizen_id
        assert citizen_id is not None
        exported = write_export(
            store, kiosk_layout, citizen_id, "giao-tay", Actor("admin", "1"), None, ""
        )
    finally:
        store.close()
    eight_days_ago = time.time() - 8 * 86_400
    for path in (exported.json_file, exported.pdf_file):
        os.utime(path, (eight_days_ago, eight_days_ago))

    synced = run("-m", "sync.cli", "run", "--json", env=env)
    assert synced.returncode == 0, synced.stderr
    retention = json.loads(synced.stdout)["retention"]
    assert (retention["drafts_expired"], retention["exports_removed"]) == (1, 1)
    assert not exported.folder.exists()
    plain = run("-m", "sync.cli", "run", env=env)
    assert "retention: drafts expired 0" in plain.stdout, "the second run finds nothing"

    day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
    csv_file = tmp_path / "r.csv"
    reported = run("-m", "sync.cli", "report", "--date", day, "--csv", str(csv_file), env=env)
    assert reported.returncode == 0, reported.stderr
    rows = csv_file.read_text(encoding="utf-8").splitlines()
    assert f"{day},retention,drafts_expired,1," in rows, rows  # "name" is empty
    assert f"{day},retention,exports_removed,1," in rows, rows
    assert "drafts expired 1" in reported.stdout
