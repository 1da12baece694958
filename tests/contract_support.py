"""Every exchange with the training portal checked against docs/portal-api.yaml (openapi-core).

Attach a :class:`ContractChecker` to the ``requests.Session`` a client uses; each
response (and the request that caused it) is validated against the contract's
schemas as it arrives, and the test asserts at the end that nothing disagreed.
Validation errors are collected rather than raised inside the hook, so that no
client code between the hook and the test can swallow them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import requests
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

CONTRACT = Path(__file__).resolve().parents[1] / "docs" / "portal-api.yaml"


def contract_for(base_url: str) -> OpenAPI:
    """The contract with ``base_url`` (a portal on a port the OS chose) as its server."""
    document = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    document["servers"] = [{"url": base_url}]
    # Problems are JSON under their own media type (RFC 9457); a PDF body (attachments)
    # is bytes, which openapi-core checks against `type: string, format: binary` only
    # once decoded (latin-1 maps every byte to one character).
    config = Config(
        extra_media_type_deserializers={
            "application/problem+json": _json,
            "application/pdf": _binary,
        }
    )
    return OpenAPI.from_dict(document, config=config)


def _json(body: bytes | str) -> Any:
    return json.loads(body)


def _binary(body: bytes | str) -> str:
    return body.decode("latin-1") if isinstance(body, bytes) else body


class ContractChecker:
    """Validates each exchange of the sessions it watches; ``assert_clean()`` at the end."""

    def __init__(
        self, base_url: str, *, check_requests: bool = True, only_documented: bool = False
    ) -> None:
        """``check_requests=False`` for tests that send bad requests on purpose;
        ``only_documented`` skips paths and methods the contract does not have (the
        tests of 404 and 405)."""
        self.api = contract_for(base_url)
        self.check_requests = check_requests
        self.only_documented = only_documented
        self.exchanges = 0
        self.violations: list[str] = []

    def watch(self, session: requests.Session) -> None:
        session.hooks["response"].append(self._on_response)

    def _on_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        request = RequestsOpenAPIRequest(response.request)
        if self.only_documented:
            try:
                self.api.validate_request(request)
            except (OperationNotFound, PathNotFound):
                return
            except Exception:  # a bad request on purpose: its answer is still checked
                pass
        self.exchanges += 1
        where = f"{response.request.method} {response.request.path_url} -> {response.status_code}"
        if self.check_requests:
            try:
                self.api.validate_request(request)
            except Exception as error:  # any openapi-core error is a disagreement to report
                self.violations.append(f"request {where}: {_reason(error)}")
        try:
            self.api.validate_response(request, RequestsOpenAPIResponse(response))
        except Exception as error:
            self.violations.append(f"response {where}: {_reason(error)}")

    def assert_clean(self) -> None:
        assert self.exchanges > 0, "no exchange was checked against the contract"
        assert self.violations == [], "\n".join(self.violations)


def _reason(error: Exception) -> str:
    causes = [str(error)]
    cause = error.__cause__
    while cause is not None:
        causes.append(str(cause))
        details = getattr(cause, "schema_errors", None)
        if details:
            causes.extend(str(detail.message) for detail in details)
        cause = cause.__cause__
    return " | ".join(causes)
