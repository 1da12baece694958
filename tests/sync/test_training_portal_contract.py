"""docs/portal-api.yaml and the training portal's route table must list the same operations.

PyYAML is not a dependency, so the contract's ``paths:`` block is read line by line:
path keys are indented two spaces, their methods four.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import requests

from sync.training_portal import ROUTES

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "portal-api.yaml"
_PATH_LINE = re.compile(r"^  (/[^:\s]*):\s*$")
_METHOD_LINE = re.compile(r"^    (get|put|post|delete|patch|head|options):\s*$")


def contract_operations(text: str) -> set[tuple[str, str]]:
    operations: set[tuple[str, str]] = set()
    in_paths, current = False, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            in_paths = line.startswith("paths:")
            current = None
            continue
        if not in_paths:
            continue
        if path := _PATH_LINE.match(line):
            current = path.group(1)
        elif (method := _METHOD_LINE.match(line)) and current is not None:
            operations.add((method.group(1).upper(), current))
    return operations


def test_reader_finds_paths_and_methods() -> None:
    sample = "\n".join(
        [
            "openapi: 3.1.0",
            "paths:",
            "  /a/{id}:",
            "    get:",
            "      x: 1",
            "    post:",
            "  /b:",
            "    put:",
            "components:",
            "  /not-a-path:",
            "    get:",
        ]
    )
    assert contract_operations(sample) == {("GET", "/a/{id}"), ("POST", "/a/{id}"), ("PUT", "/b")}


def test_contract_and_server_list_the_same_operations() -> None:
    documented = contract_operations(CONTRACT.read_text(encoding="utf-8"))
    served = {(route.method, route.template) for route in ROUTES}
    assert documented, "no operations found in the contract"
    assert sorted(documented - served) == [], "documented but not served"
    assert sorted(served - documented) == [], "served but not documented"


def test_every_kiosk_operation_is_versioned_and_has_an_operation_id() -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    api_paths = {path for _, path in contract_operations(text) if not path.startswith("/training/")}
    assert all(path.startswith("/api/v1/") for path in api_paths)
    operation_ids = re.findall(r"^      operationId: (\w+)$", text, flags=re.MULTILINE)
    assert len(operation_ids) == len(contract_operations(text)) == len(set(operation_ids))


def test_cli_help_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sync.training_portal", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    for option in ("--host", "--port", "--db", "--agency-code"):
        assert option in result.stdout


def test_cli_refuses_a_malformed_agency_code(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sync.training_portal",
            "--db",
            str(tmp_path / "p.db"),
            "--agency-code",
            "H42",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 2
    assert "agency code" in result.stderr
    assert not (tmp_path / "p.db").exists()


def test_cli_serves_until_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "portal.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "sync.training_portal", "--port", "0", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)", banner)
        assert match, banner
        with requests.get(f"{match.group(1)}/api/v1/meta", timeout=5) as response:
            assert response.json()["api_version"] == "1"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert db.exists()
