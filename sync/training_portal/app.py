"""The portal's operations, independent of sockets: a request in, a JSON answer out.

:data:`ROUTES` is the one list of what the training portal serves; a test checks
it against ``docs/portal-api.yaml`` so the contract and the server cannot drift.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import threading
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from sync.training_portal import schedule
from sync.training_portal.accounts import AccountDesk, AccountSettings
from sync.training_portal.attachments import AttachmentDesk
from sync.training_portal.catalogue import CatalogueEntry, catalogue_from_json
from sync.training_portal.clients import ClientRegistry
from sync.training_portal.codes import DEFAULT_AGENCY_CODE
from sync.training_portal.database import Outcome, PortalDatabase
from sync.training_portal.dossiers import DossierDesk
from sync.training_portal.faults import FaultPlan, FaultSettings
from sync.training_portal.problems import (
    FieldError,
    ProblemError,
    bad_request,
    invalid_token,
    not_found,
    validation_failed,
)
from sync.training_portal.timeutil import Clock, system_clock, to_iso
from sync.training_portal.validation import IDEMPOTENCY_KEY_PATTERN, KIOSK_ID_PATTERN

API_VERSION = "1"
API_PREFIX = "/api/v1/"
TRAINING_PREFIX = "/training/"
MAX_CHANGES_PAGE = 500


@dataclass(frozen=True)
class PortalRequest:
    """What the HTTP layer parsed; ``body`` is the raw bytes (possibly empty)."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Message
    body: bytes

    def json_object(self) -> dict[str, object]:
        """The body as a JSON object, or a 400 problem (never another exception)."""
        try:
            document = json.loads(self.body.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise bad_request(
                "invalid_json",
                f"Body is not valid UTF-8 JSON ({type(error).__name__})",
                "Dữ liệu gửi lên không đúng định dạng.",
            ) from None
        if not isinstance(document, dict):
            raise bad_request(
                "invalid_json",
                "Body must be a JSON object",
                "Dữ liệu gửi lên không đúng định dạng.",
            )
        return document

    def query_value(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


@dataclass(frozen=True)
class PortalSettings:
    """Everything configurable about one training portal."""

    agency_code: str = DEFAULT_AGENCY_CODE
    portal_name: str = "Cổng dịch vụ công (bản tập huấn)"
    token_ttl_seconds: int = 600
    status_schedule: schedule.StatusSchedule = field(default_factory=schedule.StatusSchedule)
    account_settings: AccountSettings = field(default_factory=AccountSettings)
    training_client_id: str | None = "training-kiosk"
    training_client_secret: str = "training-secret"
    enrolment_secret: str | None = "training-enrolment"
    training_api: bool = True
    max_connections: int = 2
    """What the meta tells a client it may use at once (the threads serve them side by side)."""


Handler = Callable[["PortalApp", PortalRequest, Mapping[str, str], str | None], Outcome]


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    handler: Handler
    needs_token: bool
    pattern: re.Pattern[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.template))
        object.__setattr__(self, "pattern", re.compile(regex))

    @property
    def is_api(self) -> bool:
        return self.template.startswith(API_PREFIX)


class PortalApp:
    """State and operations of one portal. Thread-safe; close() when done."""

    def __init__(
        self,
        db_path: Path,
        settings: PortalSettings,
        *,
        clock: Clock = system_clock,
        catalogue: list[CatalogueEntry] | None = None,
        faults: FaultSettings | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.stopping = threading.Event()
        self.faults = FaultPlan(faults)
        self._connections_lock = threading.Lock()
        self._dossier_connections: set[tuple[str, int]] = set()
        self._attachment_bytes = 0
        self.database = PortalDatabase(db_path)
        self.clients = ClientRegistry(self.database, clock)
        self.dossiers = DossierDesk(
            self.database, clock, settings.agency_code, settings.status_schedule
        )
        self.accounts = AccountDesk(self.database, clock, settings.account_settings)
        self.attachments = AttachmentDesk(self.database, clock)
        if catalogue is not None:
            self.dossiers.replace_catalogue(catalogue)
        if settings.training_client_id is not None:
            self.clients.register_client(
                settings.training_client_id, settings.training_client_secret
            )
        if settings.enrolment_secret is not None:
            # Reusable so that a training kiosk can be enrolled again after a reset.
            self.clients.add_enrolment_secret(settings.enrolment_secret, reusable=True)

    def close(self) -> None:
        self.database.close()

    def note_dossier_connection(self, client_address: tuple[str, int]) -> None:
        """Remember which connection carried a dossier (tests count the kiosk's connections)."""
        with self._connections_lock:
            self._dossier_connections.add(client_address)

    def note_attachment_bytes(self, count: int) -> None:
        """Count the body bytes of every attachment PUT read, faulted ones included
        (tests compare what a resumed upload cost with a whole one)."""
        with self._connections_lock:
            self._attachment_bytes += count

    @property
    def attachment_bytes(self) -> int:
        """Body bytes of all attachment PUTs read so far."""
        with self._connections_lock:
            return self._attachment_bytes

    @property
    def dossier_connections(self) -> int:
        """How many distinct connections have carried a dossier (POST) so far."""
        with self._connections_lock:
            return len(self._dossier_connections)

    def find_route(self, method: str, path: str) -> tuple[Route, dict[str, str]]:
        """The route for a request, or a 404/405 problem."""
        allowed: list[str] = []
        for route in ROUTES:
            match = route.pattern.fullmatch(path)
            if match is None:
                continue
            if not self.settings.training_api and not route.is_api:
                continue
            if route.method == method:
                return route, match.groupdict()
            allowed.append(route.method)
        if allowed:
            raise ProblemError(
                405,
                "method_not_allowed",
                "Method not allowed",
                "Yêu cầu không được hỗ trợ.",
                headers={"Allow": ", ".join(sorted(set(allowed)))},
            )
        raise not_found(f"No route for {path}")

    def authenticate(self, request: PortalRequest) -> str:
        """The client id behind the request's bearer token, or a 401 problem."""
        authorization = request.headers.get("Authorization", "")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise invalid_token()
        client_id = self.clients.client_for_token(token.strip())
        if client_id is None:
            raise invalid_token()
        return client_id

    def handle(self, request: PortalRequest) -> Outcome:
        route, params = self.find_route(request.method, request.path)
        client_id = self.authenticate(request) if route.needs_token else None
        return route.handler(self, request, params, client_id)


# --- /api/v1 ---------------------------------------------------------------------


def _token(app: PortalApp, request: PortalRequest, _: Mapping[str, str], __: str | None) -> Outcome:
    content_type = request.headers.get_content_type()
    fields: dict[str, object]
    if content_type == "application/x-www-form-urlencoded":
        try:
            text = request.body.decode("ascii")
        except UnicodeDecodeError:
            text = ""
        fields = {k: v[0] for k, v in urllib.parse.parse_qs(text).items()}
    else:
        fields = request.json_object()
    client_id, client_secret = fields.get("client_id"), fields.get("client_secret")
    basic = _basic_credentials(request.headers.get("Authorization", ""))
    if basic is not None:
        client_id, client_secret = basic
    if fields.get("grant_type") != "client_credentials":
        raise bad_request(
            "unsupported_grant_type",
            "Only grant_type=client_credentials is supported",
            "Yêu cầu xác thực không được hỗ trợ.",
        )
    if not isinstance(client_id, str) or not isinstance(client_secret, str):
        raise bad_request(
            "invalid_request",
            "client_id and client_secret are required",
            "Thiếu mã ki-ốt hoặc khóa bí mật.",
        )
    ttl = app.settings.token_ttl_seconds
    token = app.clients.issue_token(client_id, client_secret, ttl)
    if token is None:
        raise ProblemError(
            401,
            "invalid_client",
            "Unknown client or wrong secret",
            "Mã ki-ốt hoặc khóa bí mật không đúng. Cần đăng ký lại ki-ốt.",
        )
    return Outcome(200, {"access_token": token, "token_type": "Bearer", "expires_in": ttl})


def _basic_credentials(authorization: str) -> tuple[str, str] | None:
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, password = decoded.partition(":")
    if not colon:
        return None
    return urllib.parse.unquote(user), urllib.parse.unquote(password)


def _enrol(app: PortalApp, request: PortalRequest, _: Mapping[str, str], __: str | None) -> Outcome:
    body = request.json_object()
    kiosk_id, enrolment_secret = body.get("kiosk_id"), body.get("enrolment_secret")
    errors: list[FieldError] = []
    if not isinstance(kiosk_id, str) or not KIOSK_ID_PATTERN.fullmatch(kiosk_id):
        errors.append(FieldError("kiosk_id", "bad_format", "Mã ki-ốt không hợp lệ."))
    if not isinstance(enrolment_secret, str) or not enrolment_secret:
        errors.append(FieldError("enrolment_secret", "required", "Thiếu mã đăng ký ki-ốt."))
    if errors:
        raise validation_failed(errors)
    assert isinstance(kiosk_id, str) and isinstance(enrolment_secret, str)
    return Outcome(201, app.clients.enrol(kiosk_id, enrolment_secret))


def _meta(app: PortalApp, _: PortalRequest, __: Mapping[str, str], ___: str | None) -> Outcome:
    return Outcome(
        200,
        {
            "api_version": API_VERSION,
            "server_time": to_iso(app.clock()),
            "portal_name": app.settings.portal_name,
            "agency_code": app.settings.agency_code,
            "training": True,
            "max_connections": app.settings.max_connections,
        },
    )


def _idempotency_key(request: PortalRequest) -> str:
    key = request.headers.get("Idempotency-Key")
    if key is None or not key.strip():
        raise bad_request(
            "missing_idempotency_key",
            "The Idempotency-Key header is required",
            "Thiếu mã chống gửi trùng (Idempotency-Key).",
        )
    if not IDEMPOTENCY_KEY_PATTERN.fullmatch(key.strip()):
        raise bad_request(
            "invalid_idempotency_key",
            "Idempotency-Key must be 1-255 characters of [A-Za-z0-9._:-]",
            "Mã chống gửi trùng không hợp lệ.",
        )
    return key.strip()


def _create_account(
    app: PortalApp, request: PortalRequest, _: Mapping[str, str], client_id: str | None
) -> Outcome:
    key = _idempotency_key(request)
    return app.accounts.create_account(str(client_id), key, request.json_object())


def _confirm_account(
    app: PortalApp, request: PortalRequest, params: Mapping[str, str], client_id: str | None
) -> Outcome:
    code = request.json_object().get("code")
    if not isinstance(code, str) or not re.fullmatch(r"\d{6}", code.strip()):
        raise validation_failed([FieldError("code", "bad_format", "Mã xác nhận gồm 6 chữ số.")])
    return app.accounts.confirm_account(str(client_id), params["account_request_id"], code.strip())


def _resend_code(
    app: PortalApp, _: PortalRequest, params: Mapping[str, str], client_id: str | None
) -> Outcome:
    return app.accounts.resend_code(str(client_id), params["account_request_id"])


def _submit_dossier(
    app: PortalApp, request: PortalRequest, _: Mapping[str, str], client_id: str | None
) -> Outcome:
    key = _idempotency_key(request)
    body = request.json_object()
    app.attachments.check_dossier(str(client_id), body)
    return app.dossiers.submit_dossier(str(client_id), key, body)


def _put_attachment(
    app: PortalApp, request: PortalRequest, params: Mapping[str, str], client_id: str | None
) -> Outcome:
    content_range = request.headers.get("Content-Range")
    if content_range is not None:
        return app.attachments.put_chunk(
            str(client_id),
            params["sha256"],
            request.body,
            request.headers.get_content_type(),
            request.headers.get("Content-Digest"),
            content_range,
        )
    return app.attachments.put(
        str(client_id),
        params["sha256"],
        request.body,
        request.headers.get_content_type(),
        request.headers.get("Content-Digest"),
    )


def _head_attachment(
    app: PortalApp, _: PortalRequest, params: Mapping[str, str], client_id: str | None
) -> Outcome:
    return app.attachments.upload_state(str(client_id), params["sha256"])


def _changes(
    app: PortalApp, request: PortalRequest, _: Mapping[str, str], client_id: str | None
) -> Outcome:
    since_text = request.query_value("since") or "0"
    limit_text = request.query_value("limit") or "100"
    if not since_text.isascii() or not since_text.isdigit() or len(since_text) > 18:
        raise bad_request("invalid_cursor", "since must be a cursor", "Con trỏ không hợp lệ.")
    if not limit_text.isascii() or not limit_text.isdigit():
        raise bad_request("invalid_limit", "limit must be 1-500", "Giới hạn không hợp lệ.")
    limit = int(limit_text)
    if not 1 <= limit <= MAX_CHANGES_PAGE:
        raise bad_request("invalid_limit", "limit must be 1-500", "Giới hạn không hợp lệ.")
    return Outcome(200, app.dossiers.changes(str(client_id), int(since_text), limit))


def _kiosk_dossiers(
    app: PortalApp, request: PortalRequest, _: Mapping[str, str], client_id: str | None
) -> Outcome:
    days: list[str] = []
    for name in ("from", "to"):
        text = request.query_value(name) or ""
        try:
            days.append(dt.date.fromisoformat(text).isoformat() if len(text) == 10 else "")
        except ValueError:
            days.append("")
        if not days[-1]:
            raise bad_request("invalid_date", f"{name} must be YYYY-MM-DD", "Ngày không hợp lệ.")
    first, last = days
    if first > last or (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days > 62:
        raise bad_request(
            "invalid_range", "from..to must be at most 62 days", "Khoảng ngày không hợp lệ."
        )
    cursor_text = request.query_value("cursor") or "0"
    limit_text = request.query_value("limit") or "200"
    if not cursor_text.isascii() or not cursor_text.isdigit() or len(cursor_text) > 9:
        raise bad_request("invalid_cursor", "cursor must be a cursor", "Con trỏ không hợp lệ.")
    if not limit_text.isascii() or not limit_text.isdigit():
        raise bad_request("invalid_limit", "limit must be 1-500", "Giới hạn không hợp lệ.")
    limit = int(limit_text)
    if not 1 <= limit <= MAX_CHANGES_PAGE:
        raise bad_request("invalid_limit", "limit must be 1-500", "Giới hạn không hợp lệ.")
    page = app.dossiers.kiosk_dossiers(str(client_id), first, last, int(cursor_text), limit)
    return Outcome(200, page)


def _catalogue(app: PortalApp, _: PortalRequest, __: Mapping[str, str], ___: str | None) -> Outcome:
    return Outcome(200, {"procedures": [e.as_json() for e in app.dossiers.catalogue()]})


# --- /training -------------------------------------------------------------------


def _training_dossiers(
    app: PortalApp, _: PortalRequest, __: Mapping[str, str], ___: str | None
) -> Outcome:
    return Outcome(200, {"dossiers": app.dossiers.all_dossiers()})


def _training_attachments(
    app: PortalApp, _: PortalRequest, __: Mapping[str, str], ___: str | None
) -> Outcome:
    return Outcome(200, {"attachments": app.attachments.all_attachments()})


def _training_accounts(
    app: PortalApp, _: PortalRequest, __: Mapping[str, str], ___: str | None
) -> Outcome:
    return Outcome(200, {"account_requests": app.accounts.all_account_requests()})


def _training_otp(
    app: PortalApp, request: PortalRequest, _: Mapping[str, str], __: str | None
) -> Outcome:
    request_id, phone = request.query_value("account_request_id"), request.query_value("phone")
    if request_id is None and phone is None:
        raise bad_request(
            "invalid_request",
            "Give account_request_id or phone",
            "Thiếu mã yêu cầu hoặc số điện thoại.",
        )
    otp = app.accounts.latest_otp(account_request_id=request_id, phone=phone)
    if otp is None:
        raise not_found("No code was sent for this request or phone")
    return Outcome(200, otp)


def _training_faults_read(
    app: PortalApp, _: PortalRequest, __: Mapping[str, str], ___: str | None
) -> Outcome:
    return Outcome(200, app.faults.settings.as_json())


def _training_faults_set(
    app: PortalApp, request: PortalRequest, _: Mapping[str, str], __: str | None
) -> Outcome:
    settings = FaultSettings.from_json(request.json_object())
    app.faults.replace(settings)
    return Outcome(200, settings.as_json())


def _training_advance(
    app: PortalApp, _: PortalRequest, __: Mapping[str, str], ___: str | None
) -> Outcome:
    return Outcome(200, {"changed": app.dossiers.advance_all()})


def _training_catalogue(
    app: PortalApp, request: PortalRequest, _: Mapping[str, str], __: str | None
) -> Outcome:
    app.dossiers.replace_catalogue(catalogue_from_json(request.json_object()))
    return Outcome(200, {"procedures": [e.as_json() for e in app.dossiers.catalogue()]})


def _training_reject(
    app: PortalApp, request: PortalRequest, _: Mapping[str, str], __: str | None
) -> Outcome:
    body = request.json_object()
    local_reference, message = body.get("local_reference"), body.get("message")
    errors: list[FieldError] = []
    if not isinstance(local_reference, str) or not local_reference:
        errors.append(FieldError("local_reference", "required", "Thiếu mã tham chiếu."))
    if message is not None and not isinstance(message, str):
        errors.append(FieldError("message", "not_string", "Lời nhắn phải là chữ."))
    if errors:
        raise validation_failed(errors)
    assert isinstance(local_reference, str)
    app.dossiers.set_rejection(local_reference, message if isinstance(message, str) else None)
    return Outcome(200, {"local_reference": local_reference, "message": message or None})


ROUTES: tuple[Route, ...] = (
    Route("POST", "/api/v1/oauth/token", _token, needs_token=False),
    Route("POST", "/api/v1/enrolments", _enrol, needs_token=False),
    Route("GET", "/api/v1/meta", _meta, needs_token=False),
    Route("POST", "/api/v1/accounts", _create_account, needs_token=True),
    Route(
        "POST", "/api/v1/accounts/{account_request_id}/confirm", _confirm_account, needs_token=True
    ),
    Route("POST", "/api/v1/accounts/{account_request_id}/resend", _resend_code, needs_token=True),
    Route("POST", "/api/v1/dossiers", _submit_dossier, needs_token=True),
    Route("GET", "/api/v1/dossiers/changes", _changes, needs_token=True),
    Route("GET", "/api/v1/dossiers", _kiosk_dossiers, needs_token=True),
    Route("GET", "/api/v1/catalogue", _catalogue, needs_token=True),
    Route("PUT", "/api/v1/attachments/{sha256}", _put_attachment, needs_token=True),
    Route("HEAD", "/api/v1/attachments/{sha256}", _head_attachment, needs_token=True),
    Route("GET", "/training/dossiers", _training_dossiers, needs_token=False),
    Route("GET", "/training/accounts", _training_accounts, needs_token=False),
    Route("GET", "/training/attachments", _training_attachments, needs_token=False),
    Route("GET", "/training/otp", _training_otp, needs_token=False),
    Route("GET", "/training/faults", _training_faults_read, needs_token=False),
    Route("POST", "/training/faults", _training_faults_set, needs_token=False),
    Route("POST", "/training/advance", _training_advance, needs_token=False),
    Route("POST", "/training/catalogue", _training_catalogue, needs_token=False),
    Route("POST", "/training/reject", _training_reject, needs_token=False),
)
