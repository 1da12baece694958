"""Schemathesis against the running training portal: generated requests, every answer checked.

For each operation of docs/portal-api.yaml, schemathesis generates requests from the
schemas (valid and invalid) and checks that the portal never answers 5xx, that every
status code, content type and body is one the contract documents. The number of
examples is bounded so the module runs in well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import CheckFunction
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sync.training_portal.server import TrainingPortal
from tests.sync_support import bearer as training_bearer

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "portal-api.yaml"
# Attachments are raw PDF bytes: any bytes will do, the portal checks only their digest.
schemathesis.openapi.media_type("application/pdf", st.binary(min_size=1, max_size=4096))
schema = schemathesis.openapi.from_dict(yaml.safe_load(CONTRACT.read_text(encoding="utf-8")))
# Valid by the schema, refused by design, in ways a schema cannot say: a cursor is
# opaque (only the portal's own next_cursor is valid); `from`..`to` is an ordered range
# of at most 62 days; a procedure id must be in the portal's current catalogue; the OTP
# look-up needs one of its two parameters; fault rates must sum to at most 1; an
# attachment's bytes must hash to the digest in its path and header. Every other check
# still runs on these operations.
SEMANTIC_REFUSALS = {
    "GET /api/v1/dossiers",
    "GET /api/v1/dossiers/changes",
    "POST /api/v1/dossiers",
    "GET /training/otp",
    "POST /training/faults",
    "PUT /api/v1/attachments/{sha256}",
}


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrainingPortal]:
    running = TrainingPortal(tmp_path_factory.mktemp("portal") / "portal.db").start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def bearer(portal: TrainingPortal) -> dict[str, str]:
    """A valid token for the training kiosk, so generated requests get past the door."""
    with requests.Session() as http:
        return training_bearer(http, portal)


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_portal_keeps_its_contract(
    case: Case[Any], portal: TrainingPortal, bearer: dict[str, str]
) -> None:
    label = f"{case.method.upper()} {case.path}"
    excluded: list[CheckFunction] = [positive_data_acceptance] if label in SEMANTIC_REFUSALS else []
    case.call_and_validate(base_url=portal.url, headers=bearer, excluded_checks=excluded)
