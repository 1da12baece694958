"""The HTTP session every portal request goes through.

A ``requests.Session`` with a default (connect, read) timeout, so no call can hang
forever, and with urllib3's retries switched off: retrying a POST is only safe
with its idempotency key, and that decision belongs to the sync engine, not to
the transport.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

Timeout = tuple[float, float]
DEFAULT_TIMEOUT: Timeout = (3.05, 10.0)
USER_AGENT = "cdkv-kiosk-sync/1"

# total=0: no retry of any kind (connect, read, status, redirect) below the engine.
NO_TRANSPORT_RETRIES = Retry(total=0, read=False, redirect=False, raise_on_status=False)


class PortalSession(requests.Session):
    """``requests.Session`` whose requests default to ``default_timeout``."""

    def __init__(self, default_timeout: Timeout = DEFAULT_TIMEOUT) -> None:
        super().__init__()
        self.default_timeout = default_timeout
        self.headers["User-Agent"] = USER_AGENT
        adapter = HTTPAdapter(max_retries=NO_TRANSPORT_RETRIES)
        self.mount("https://", adapter)
        self.mount("http://", adapter)

    def request(
        self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
    ) -> requests.Response:
        kwargs.setdefault("timeout", self.default_timeout)
        return super().request(method, url, *args, **kwargs)
