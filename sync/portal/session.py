"""The HTTP session every portal request goes through.

A ``requests.Session`` with a default (connect, read) timeout, so no call can hang
forever, and with urllib3's retries switched off: retrying a POST is only safe
with its idempotency key, and that decision belongs to the sync engine, not to
the transport.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

import requests
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase
from requests.utils import get_netrc_auth
from urllib3.util.retry import Retry

if TYPE_CHECKING:
    from requests.sessions import _Settings  # the stubs' name for requests' settings dict

Timeout = tuple[float, float]
DEFAULT_TIMEOUT: Timeout = (3.05, 10.0)
USER_AGENT = "cdkv-kiosk-sync/1"

# total=0: no retry of any kind (connect, read, status, redirect) below the engine.
NO_TRANSPORT_RETRIES = Retry(total=0, read=False, redirect=False, raise_on_status=False)


class _NoNetrcAuth(AuthBase):
    """Stands for "``.netrc`` has nothing for this host", so requests does not look again."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


_NO_NETRC_AUTH = _NoNetrcAuth()


class PortalSession(requests.Session):
    """``requests.Session`` whose requests default to ``default_timeout``.

    requests reads the environment for every request: the proxy variables and
    ``NO_PROXY`` (two walks of ``os.environ``), the CA bundle variables and the
    ``.netrc`` file, about a tenth of the kiosk's CPU per dossier in a backlog
    (docs/performance.md, "Sync start, fourth pass"). A session reads them once per
    portal address instead, with requests' own functions, so the outcome is the
    same: a session lives for one sync run's thread (or the kiosk app's worker),
    whose environment does not change; a changed ``.netrc`` counts from the next
    session.
    """

    def __init__(self, default_timeout: Timeout = DEFAULT_TIMEOUT) -> None:
        super().__init__()
        self.default_timeout = default_timeout
        self.headers["User-Agent"] = USER_AGENT
        adapter = HTTPAdapter(max_retries=NO_TRANSPORT_RETRIES)
        self.mount("https://", adapter)
        self.mount("http://", adapter)
        self._environment: dict[tuple[object, ...], _Settings] = {}
        self._netrc: dict[str, tuple[str, str] | None] = {}

    def request(
        self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
    ) -> requests.Response:
        kwargs.setdefault("timeout", self.default_timeout)
        return super().request(method, url, *args, **kwargs)

    def merge_environment_settings(
        self,
        url: str | bytes | None,
        proxies: MutableMapping[str, str] | None,
        stream: bool | None,
        verify: bool | str | None,
        cert: str | tuple[str, str] | None,
    ) -> _Settings:
        if proxies or not self.trust_env or url is None:  # requests' own merge
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        if isinstance(url, bytes):
            url = url.decode("utf-8")
        key = (_origin(url), stream, verify, cert)
        settings = self._environment.get(key)
        if settings is None:
            settings = super().merge_environment_settings(url, {}, stream, verify, cert)
            self._environment[key] = settings
        fresh = settings.copy()
        fresh["proxies"] = dict(settings["proxies"])
        return fresh

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        if self.trust_env and not request.auth and not self.auth:
            url = str(request.url)
            origin = _origin(url)
            if origin not in self._netrc:
                self._netrc[origin] = get_netrc_auth(url)
            request.auth = self._netrc[origin] or _NO_NETRC_AUTH
        return super().prepare_request(request)


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
