"""``python -m kiosk.admin.cli``: the first admin account, PIN from stdin only."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.admin.cli import EXIT_REFUSED, main
from kiosk.config import KioskConfig
from kiosk.paths import HomeLayout
from kiosk.store.database import open_store
from kiosk.volunteers import VolunteerService

pytestmark = pytest.mark.backends("sqlite", "postgresql")

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_create_an_admin_then_sign_in(kiosk_layout: HomeLayout) -> None:
    code, out, err = run(
        ["create-volunteer", "--name", "Trần Văn Bình", "--branch", "Phường", "--role", "admin"],
        "7391\n",
    )
    assert (code, err) == (0, "")
    assert "admin" in out
    code, out, _ = run(["list-volunteers"])
    assert code == 0 and out.strip().endswith("admin\tactive\tTrần Văn Bình")
    store = open_store(kiosk_layout, KioskConfig(key_store="file"))
    try:
        service = VolunteerService(store)
        (account,) = service.list_volunteers()
        assert service.sign_in(account.id, "7391").is_admin
    finally:
        store.close()


@pytest.mark.parametrize(
    ("pin", "expected"), [("12\n", "4 đến 8"), ("0000\n", "dễ đoán"), ("", "4 đến 8")]
)
def test_a_bad_pin_is_refused(kiosk_layout: HomeLayout, pin: str, expected: str) -> None:
    code, out, err = run(["create-volunteer", "--name", "Lan"], pin)
    assert code == EXIT_REFUSED and out == ""
    assert expected in err


def test_the_pin_is_never_an_argument() -> None:
    with pytest.raises(SystemExit):
        main(["create-volunteer", "--name", "Lan", "--pin", "7391"], stderr=io.StringIO())


def test_runs_as_a_module_with_a_piped_pin(kiosk_layout: HomeLayout) -> None:
    environment = {**os.environ, "KIOSK_HOME": str(kiosk_layout.root), "PYTHONPATH": str(ROOT)}
    finished = subprocess.run(
        [sys.executable, "-m", "kiosk.admin.cli", "create-volunteer", "--name", "Lan"],
        input="5820\n",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert "5820" not in finished.stdout + finished.stderr
