"""docs/portal-api.yaml is a valid OpenAPI document and the training portal serves exactly it.

The schemas themselves are checked on every exchange of the client tests
(tests/contract_support.py, openapi-core) and by schemathesis
(test_training_portal_schemathesis.py).
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests
import yaml
from openapi_spec_validator import validate

from sync.training_portal import ROUTES
from sync.training_portal import __main__ as portal_cli

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "portal-api.yaml"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def contract() -> dict[str, object]:
    document = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def contract_operations(document: dict[str, object]) -> dict[tuple[str, str], dict[str, object]]:
    paths = document["paths"]
    assert isinstance(paths, dict)
    return {
        (method.upper(), path): operation
        for path, item in paths.items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_the_contract_is_a_valid_openapi_document() -> None:
    validate(contract())  # raises with the offending part


def test_contract_and_server_list_the_same_operations() -> None:
    documented = set(contract_operations(contract()))
    served = {(route.method, route.template) for route in ROUTES}
    assert documented, "no operations found in the contract"
    assert sorted(documented - served) == [], "documented but not served"
    assert sorted(served - documented) == [], "served but not documented"


def test_every_kiosk_operation_is_versioned_and_has_an_operation_id() -> None:
    operations = contract_operations(contract())
    api_paths = {path for _, path in operations if not path.startswith("/training/")}
    assert all(path.startswith("/api/v1/") for path in api_paths)
    operation_ids = [operation.get("operationId") for operation in operations.values()]
    assert all(operation_ids) and len(set(operation_ids)) == len(operations)


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


def _interruptible() -> None:
    """In the child before it starts: Ctrl+C as a terminal delivers it.

    A suite started in the background by a non-interactive shell (``cmd &``) inherits
    SIGINT ignored, and Python installs no KeyboardInterrupt handler for a signal
    ignored at start: the portal would then never see this test's SIGINT.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_cli_serves_until_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "portal.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "sync.training_portal", "--port", "0", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        preexec_fn=_interruptible,  # the only thread here is the test's
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


def test_an_interrupt_while_the_banner_prints_still_stops_the_portal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C (here: a script's SIGINT right after reading the banner) can land while the
    banner is still being printed, before the wait that catches it. The portal serves
    by then, and a client's connection holds a handler thread: found in CI, the
    interpreter then waited for that thread for ever. The interrupt is raised where
    the signal landed (in print), with a client connected, as the signal would."""
    held: list[socket.socket] = []

    def interrupted_print(*args: object, **_kwargs: object) -> None:
        match = re.search(r"http://127\.0\.0\.1:(\d+)", str(args[0]))
        assert match, args
        client = socket.create_connection(("127.0.0.1", int(match.group(1))), timeout=10)
        held.append(client)
        raise KeyboardInterrupt

    before = set(threading.enumerate())
    monkeypatch.setattr(portal_cli, "print", interrupted_print, raising=False)
    try:
        code = portal_cli.main(["--port", "0", "--db", str(tmp_path / "portal.sqlite3")])
    except KeyboardInterrupt:
        pytest.fail("the interrupt escaped main(): the portal was left serving")
    assert code == 0
    (client,) = held
    try:
        try:
            answer = client.recv(1)
        except ConnectionResetError:
            answer = b""
        assert answer == b""  # the portal closed the connection (or reset it)
    finally:
        client.close()
    left = [t for t in set(threading.enumerate()) - before if t.is_alive()]
    assert left == [], left
