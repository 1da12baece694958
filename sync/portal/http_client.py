"""``HttpPortalClient``: the portal contract (docs/portal-api.yaml) over HTTPS.

What a caller may rely on:
- each method sends one request (plus at most one token fetch and, after a 401,
  one new token and one resend of the same request); it never retries otherwise;
- every failure becomes a :class:`~sync.portal.errors.PortalError` subclass, never a
  ``requests`` or ``json`` exception, whatever the portal or the network does;
- certificates are always verified (against ``ca_bundle`` when given);
- nothing personal is logged: only method, path template and status.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import json
import logging
import math
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Self

import requests

from sync.portal import models
from sync.portal.encoded import encode_body
from sync.portal.errors import (
    AuthFailed,
    FieldProblem,
    IdempotencyConflict,
    PortalError,
    PortalRejected,
    PortalUnavailable,
    RateLimited,
    TlsError,
)
from sync.portal.models import (
    AccessToken,
    AccountConfirmation,
    AccountRequestReceipt,
    CatalogueEntry,
    ChangesPage,
    ClientCredentials,
    DossierReceipt,
    KioskDossiersPage,
    PortalMeta,
    ShapeError,
    UploadState,
)
from sync.portal.session import DEFAULT_TIMEOUT, PortalSession, Timeout

_log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
MAX_RETRY_AFTER_SECONDS = 3600.0
DEFAULT_RETRY_AFTER_SECONDS = 1.0
_JSON_TYPES = ("application/json", "application/problem+json")


class HttpPortalClient:
    """A :class:`~sync.portal.protocol.PortalClient` for portals speaking the contract.

    ``client_id``/``client_secret`` may be None for a kiosk that has not enrolled yet
    (only :meth:`enrol` and :meth:`meta` work then). Thread-safe: each thread that
    calls it gets its own session (its own kept-alive connection, made by
    ``session_factory``), and all share one token.
    """

    def __init__(
        self,
        base_url: str,
        client_id: str | None = None,
        client_secret: str | None = None,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        ca_bundle: str | None = None,
        session_factory: Callable[[], requests.Session] | None = None,
        clock: Callable[[], float] = time.monotonic,
        token_refresh_margin_seconds: float = 30.0,
    ) -> None:
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"portal base URL must be http(s)://host[:port], got {base_url!r}")
        self._base_url = base_url.rstrip("/")
        self._client_id = client_id
        self._client_secret = client_secret
        self._timeout = timeout
        # Never False: a path to a CA bundle, or True for the system's trust store.
        self._verify: str | bool = ca_bundle if ca_bundle else True
        self._session_factory = session_factory or (lambda: PortalSession(timeout))
        first = self._session_factory()
        self._sessions: list[tuple[threading.Thread, requests.Session]] = [
            (threading.current_thread(), first)
        ]
        self._sessions_lock = threading.Lock()
        self._thread_session = threading.local()
        self._thread_session.value = first
        self._clock = clock
        self._refresh_margin = token_refresh_margin_seconds
        self._token_lock = threading.Lock()
        self._token: str | None = None
        self._token_refresh_at = 0.0

    @property
    def base_url(self) -> str:
        return self._base_url

    def close(self) -> None:
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, []
        for _thread, session in sessions:
            session.close()

    def _session(self) -> requests.Session:
        """The calling thread's session: ``requests.Session`` is not meant to be shared."""
        session: requests.Session | None = getattr(self._thread_session, "value", None)
        if session is None:
            session = self._session_factory()
            self._thread_session.value = session
            with self._sessions_lock:
                # Sessions of threads that ended (an earlier pass's senders) close now.
                ended = [s for t, s in self._sessions if not t.is_alive()]
                self._sessions = [(t, s) for t, s in self._sessions if t.is_alive()]
                self._sessions.append((threading.current_thread(), session))
            for old in ended:
                old.close()
        return session

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- the contract -------------------------------------------------------------

    def fetch_token(self) -> AccessToken:
        with self._token_lock:
            return self._fetch_token_locked()

    def enrol(self, kiosk_id: str, enrolment_secret: str) -> ClientCredentials:
        response = self._send(
            "POST",
            "/enrolments",
            body={"kiosk_id": kiosk_id, "enrolment_secret": enrolment_secret},
        )
        if response.status_code == 401:
            raise AuthFailed(
                "enrolment secret refused",
                message_vi="Mã đăng ký ki-ốt không đúng hoặc đã được dùng.",
                code=_problem_code(response),
                status=401,
            )
        return _parse(models.parse_credentials, _expect(response, {201}))

    def meta(self) -> PortalMeta:
        return _parse(models.parse_meta, _expect(self._send("GET", "/meta"), {200}))

    def submit_dossier(self, idempotency_key: str, body: Mapping[str, object]) -> DossierReceipt:
        response = self._authorized(
            "POST", "/dossiers", body=body, headers=_idempotency_header(idempotency_key)
        )
        document = _expect(response, {200, 201})
        replayed = response.status_code == 200
        return _parse(lambda d: models.parse_dossier_receipt(d, replayed=replayed), document)

    def put_attachment(
        self, sha256: str, content: bytes, media_type: str, *, content_digest: bytes | None = None
    ) -> bool:
        """Upload one attachment by digest; True when the portal stored it now, False
        when it already held the same bytes. Safe to repeat (idempotent).

        ``content_digest`` (the bytes' SHA-256, from a caller that just checked them)
        saves hashing the document twice; a wrong one is refused by the portal
        (422, Content-Digest), never stored.
        """
        if content_digest is None:
            content_digest = hashlib.sha256(content).digest()
        digest = base64.b64encode(content_digest).decode("ascii")
        response = self._authorized(
            "PUT",
            f"/attachments/{urllib.parse.quote(sha256, safe='')}",
            raw=(content, media_type),
            headers={"Content-Digest": f"sha-256=:{digest}:"},
        )
        document = _expect(response, {200, 201})
        _parse(lambda d: models.check_attachment_receipt(d, sha256, len(content)), document)
        return response.status_code == 201

    def attachment_state(self, sha256: str) -> UploadState:
        response = self._authorized("HEAD", _attachment_path(sha256))
        if response.status_code != 200:
            raise _error_for(response)
        complete = response.headers.get("Upload-Complete", "").strip() == "?1"
        return UploadState(_upload_offset(response), complete)

    def put_attachment_chunk(
        self, sha256: str, chunk: bytes, start: int, total: int, media_type: str
    ) -> UploadState:
        digest = base64.b64encode(hashlib.sha256(chunk).digest()).decode("ascii")
        end = start + len(chunk) - 1
        response = self._authorized(
            "PUT",
            _attachment_path(sha256),
            raw=(chunk, media_type),
            headers={
                "Content-Digest": f"sha-256=:{digest}:",
                "Content-Range": f"bytes {start}-{end}/{total}",
            },
        )
        if response.status_code == 409 and _problem_code(response) == "upload_offset_mismatch":
            return UploadState(_upload_offset(response), complete=False)
        document = _expect(response, {200, 201, 202})
        if response.status_code == 202:
            return UploadState(_upload_offset(response), complete=False)
        _parse(lambda d: models.check_attachment_receipt(d, sha256, total), document)
        return UploadState(total, complete=True)

    def create_account(
        self, idempotency_key: str, body: Mapping[str, object]
    ) -> AccountRequestReceipt:
        response = self._authorized(
            "POST", "/accounts", body=body, headers=_idempotency_header(idempotency_key)
        )
        document = _expect(response, {200, 201})
        replayed = response.status_code == 200
        return _parse(lambda d: models.parse_account_receipt(d, replayed=replayed), document)

    def confirm_account(self, request_id: str, code: str) -> AccountConfirmation:
        path = f"/accounts/{urllib.parse.quote(request_id, safe='')}/confirm"
        response = self._authorized("POST", path, body={"code": code})
        return _parse(models.parse_account_confirmation, _expect(response, {200}))

    def resend_code(self, request_id: str) -> AccountRequestReceipt:
        path = f"/accounts/{urllib.parse.quote(request_id, safe='')}/resend"
        response = self._authorized("POST", path, body={})
        return _parse(
            lambda d: models.parse_account_receipt(d, replayed=False), _expect(response, {202})
        )

    def changes(self, since: str | None, limit: int = 100) -> ChangesPage:
        params: dict[str, str] = {"limit": str(limit)}
        if since is not None:
            params["since"] = since
        response = self._authorized("GET", "/dossiers/changes", params=params)
        return _parse(models.parse_changes_page, _expect(response, {200}))

    def kiosk_dossiers(
        self, first_day: dt.date, last_day: dt.date, cursor: str | None = None, limit: int = 200
    ) -> KioskDossiersPage:
        params = {"from": first_day.isoformat(), "to": last_day.isoformat(), "limit": str(limit)}
        if cursor is not None:
            params["cursor"] = cursor
        response = self._authorized("GET", "/dossiers", params=params)
        return _parse(models.parse_kiosk_dossiers_page, _expect(response, {200}))

    def catalogue(self) -> list[CatalogueEntry]:
        response = self._authorized("GET", "/catalogue")
        return _parse(models.parse_catalogue, _expect(response, {200}))

    # --- tokens -------------------------------------------------------------------

    def _fetch_token_locked(self) -> AccessToken:
        if self._client_id is None or self._client_secret is None:
            raise AuthFailed("this kiosk has no client credentials yet (not enrolled)")
        response = self._send(
            "POST",
            "/oauth/token",
            form={
                "grant_type": "client_credentials",
                "client_id": self._client_id,
                "client_secret": self._client_secret,
            },
        )
        if response.status_code in (400, 401, 403):
            raise AuthFailed(
                f"token request refused ({response.status_code})",
                message_vi=_problem_message(response),
                code=_problem_code(response),
                status=response.status_code,
            )
        token = _parse(models.parse_token, _expect(response, {200}))
        lifetime = float(token.expires_in_seconds)
        margin = min(self._refresh_margin, lifetime / 5)
        self._token = token.value
        self._token_refresh_at = self._clock() + lifetime - margin
        return token

    def _current_token(self) -> str:
        with self._token_lock:
            if self._token is None or self._clock() >= self._token_refresh_at:
                self._fetch_token_locked()
            assert self._token is not None
            return self._token

    def _drop_token(self, token: str) -> None:
        with self._token_lock:
            if self._token == token:
                self._token = None

    # --- transport ----------------------------------------------------------------

    def _authorized(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, object] | None = None,
        raw: tuple[bytes, str] | None = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Send with a bearer token; after a 401, get a new token and send once more."""
        for attempt in (1, 2):
            token = self._current_token()
            all_headers = {**(headers or {}), "Authorization": f"Bearer {token}"}
            response = self._send(
                method, path, body=body, raw=raw, params=params, headers=all_headers
            )
            if response.status_code != 401:
                return response
            self._drop_token(token)
            if attempt == 2:
                raise AuthFailed(
                    f"{method} {path}: token refused twice",
                    message_vi=_problem_message(response),
                    code=_problem_code(response),
                    status=401,
                )
        raise AssertionError("unreachable")

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, object] | None = None,
        raw: tuple[bytes, str] | None = None,
        form: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """One HTTP exchange; transport failures become PortalError subclasses."""
        request_headers = {"Accept": "application/json", **(headers or {})}
        data: bytes | Mapping[str, str] | None = form
        if body is not None:
            data = _encode_json(body)
            request_headers["Content-Type"] = "application/json"
        if raw is not None:
            data, request_headers["Content-Type"] = raw
        url = f"{self._base_url}{API_PREFIX}{path}"
        try:
            response = self._session().request(
                method,
                url,
                params=params,
                data=data,
                headers=request_headers,
                timeout=self._timeout,
                verify=self._verify,
                allow_redirects=False,
            )
        except requests.exceptions.SSLError as error:
            raise TlsError(f"{method} {path}: TLS failure ({_reason(error)})") from None
        except requests.exceptions.Timeout as error:
            reason = (
                "connection" if isinstance(error, requests.exceptions.ConnectTimeout) else "timeout"
            )
            raise PortalUnavailable(reason, f"{method} {path}: {type(error).__name__}") from None
        except requests.exceptions.RequestException as error:
            raise PortalUnavailable(
                "connection", f"{method} {path}: {type(error).__name__}"
            ) from None
        _log.debug("portal: %s %s -> %s", method, path, response.status_code)
        return response


def _reason(error: Exception) -> str:
    text = str(error)
    return text[:200]


def _encode_json(body: Mapping[str, object]) -> bytes:
    try:
        return encode_body(body)
    except (TypeError, ValueError, RecursionError) as error:
        raise PortalRejected(
            None,
            "invalid_body",
            "Dữ liệu hồ sơ không đúng định dạng để gửi lên cổng.",
            detail=f"body cannot be encoded as JSON ({type(error).__name__})",
        ) from None


def _attachment_path(sha256: str) -> str:
    return f"/attachments/{urllib.parse.quote(sha256, safe='')}"


def _upload_offset(response: requests.Response) -> int:
    """The ``Upload-Offset`` header of an answer about a chunked upload."""
    text = response.headers.get("Upload-Offset", "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 15:
        raise PortalUnavailable(
            "garbage", f"answer {response.status_code} without a valid Upload-Offset"
        )
    return int(text)


# 1-255 characters of [A-Za-z0-9._:-]; one match per request instead of a check per
# character (a tenth of a millisecond per dossier in the profile).
_IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9._:-]{1,255}")


def _idempotency_header(idempotency_key: str) -> dict[str, str]:
    key = idempotency_key.strip()
    if _IDEMPOTENCY_KEY.fullmatch(key) is None:
        raise PortalRejected(
            None,
            "invalid_idempotency_key",
            "Mã chống gửi trùng không hợp lệ.",
            detail="idempotency key must be 1-255 characters of [A-Za-z0-9._:-]",
        )
    return {"Idempotency-Key": key}


def _json_document(response: requests.Response) -> object:
    """The response body as JSON, or ShapeError (wrong content type, bad bytes, bad JSON)."""
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in _JSON_TYPES:
        raise ShapeError(f"content type {content_type or 'missing'!r} is not JSON")
    try:
        return json.loads(response.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ShapeError(f"body is not JSON ({type(error).__name__})") from None


def _parse[T](parser: Callable[[object], T], document: object) -> T:
    try:
        return parser(document)
    except ShapeError as error:
        raise PortalUnavailable("garbage", f"unexpected answer: {error}") from None


def _expect(response: requests.Response, expected: set[int]) -> object:
    """The JSON document of an expected answer, or the matching PortalError."""
    status = response.status_code
    if status in expected:
        try:
            return _json_document(response)
        except ShapeError as error:
            raise PortalUnavailable("garbage", f"{status} answer: {error}", status=status) from None
    raise _error_for(response)


def _error_for(response: requests.Response) -> PortalError:
    status = response.status_code
    code = _problem_code(response)
    if status == 429:
        return RateLimited(
            _retry_after_seconds(response.headers.get("Retry-After")),
            code=code,
            message_vi=_problem_message(response, None),
        )
    if status >= 500:
        return PortalUnavailable("server_error", f"portal answered {status}", status=status)
    if status in (401, 403):
        return AuthFailed(
            f"portal answered {status}",
            message_vi=_problem_message(response, None),
            code=code,
            status=status,
        )
    if status == 409 and code == "idempotency_conflict":
        return IdempotencyConflict(
            "idempotency key reused with a different body",
            message_vi=_problem_message(response, None),
            code=code,
            status=status,
        )
    if 400 <= status < 500:
        return PortalRejected(
            status,
            code or f"http_{status}",
            _problem_message(response, None),
            _problem_errors(response),
            detail=f"portal answered {status} {code or ''}".strip(),
        )
    return PortalUnavailable("garbage", f"unexpected status {status}", status=status)


def _problem(response: requests.Response) -> Mapping[str, object]:
    try:
        document = _json_document(response)
    except ShapeError:
        return {}
    return document if isinstance(document, Mapping) else {}


def _problem_code(response: requests.Response) -> str | None:
    code = _problem(response).get("code")
    return code if isinstance(code, str) and code else None


def _problem_message(response: requests.Response, default: str | None = None) -> str | None:
    message = _problem(response).get("message_vi")
    return message if isinstance(message, str) and message.strip() else default


def _problem_errors(response: requests.Response) -> tuple[FieldProblem, ...]:
    raw = _problem(response).get("errors")
    if not isinstance(raw, list):
        return ()
    problems: list[FieldProblem] = []
    for item in raw:
        if not isinstance(item, Mapping):
            continue
        field, message, code = item.get("field"), item.get("message"), item.get("code")
        if isinstance(field, str) and isinstance(message, str):
            problems.append(FieldProblem(field, message, code if isinstance(code, str) else None))
    return tuple(problems)


def _retry_after_seconds(header: str | None) -> float:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date), clamped to an hour."""
    if header is None or not header.strip():
        return DEFAULT_RETRY_AFTER_SECONDS
    text = header.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return DEFAULT_RETRY_AFTER_SECONDS
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    if not math.isfinite(seconds):
        return DEFAULT_RETRY_AFTER_SECONDS
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)


if TYPE_CHECKING:
    from sync.portal.protocol import PortalClient

    _implements_protocol: type[PortalClient] = HttpPortalClient
