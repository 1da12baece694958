"""Build the portal client the configuration asks for.

Training mode without a portal URL starts the training portal in-process,
on 127.0.0.1 and a free port, persisting to ``training-portal.db`` in the
kiosk home: ``make run`` and ``kiosk-sync run`` then work with no network.
This module is the one place that imports ``sync.training_portal`` (an import
contract in pyproject.toml), and only when it starts one: a kiosk in live mode
never loads the training portal's code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.config import ConfigError, KioskConfig
from kiosk.paths import HomeLayout, asset_dir
from sync.credentials import TRAINING_CREDENTIALS, KioskCredentials, load_credentials
from sync.portal import HttpPortalClient

if TYPE_CHECKING:
    from kiosk.cases.accounts import AccountService
    from sync.training_portal.server import TrainingPortal


@dataclass
class PortalConnection:
    client: HttpPortalClient
    credentials: KioskCredentials
    training_portal: TrainingPortal | None


def training_portal_db(layout: HomeLayout) -> str:
    return str(layout.root / "training-portal.db")


def start_embedded_portal(layout: HomeLayout) -> TrainingPortal:
    from sync.training_portal.server import TrainingPortal

    portal = TrainingPortal(
        training_portal_db(layout), "127.0.0.1", 0, catalogue_dir=asset_dir() / "procedures"
    )
    portal.start()
    return portal


def training_codes(portal: TrainingPortal, accounts: AccountService) -> Callable[[str], str | None]:
    """The one-time code the embedded training portal "sent" for a kiosk account request.

    No SMS leaves a training kiosk; the code page shows this instead (marked
    training), so volunteers can finish an account request without the database.
    """

    def code_for(request_id: str) -> str | None:
        portal_request_id = accounts.get(request_id).portal_request_id
        if not portal_request_id:
            return None
        otp = portal.app.accounts.latest_otp(account_request_id=portal_request_id)
        return None if otp is None else str(otp["code"])

    return code_for


def make_client(
    config: KioskConfig, layout: HomeLayout, base_url: str
) -> tuple[HttpPortalClient, KioskCredentials]:
    credentials = load_credentials(layout)
    if credentials is None:
        if not config.training:
            raise ConfigError(
                layout.root, "enrolment", "this kiosk is not enrolled: enrol it first"
            )
        credentials = TRAINING_CREDENTIALS
    client = HttpPortalClient(
        base_url,
        credentials.client_id,
        credentials.client_secret,
        timeout=(3.05, config.portal.timeout_seconds),
        ca_bundle=config.portal.ca_bundle or None,
    )
    return client, credentials


@contextmanager
def portal_connection(config: KioskConfig, layout: HomeLayout) -> Iterator[PortalConnection]:
    portal: TrainingPortal | None = None
    base_url = config.portal.url
    if not base_url:
        if not config.training:
            raise ConfigError(config.source, "portal.url", "live mode needs the portal's URL")
        portal = start_embedded_portal(layout)
        base_url = portal.url
    try:
        client, credentials = make_client(config, layout, base_url)
        try:
            yield PortalConnection(client, credentials, portal)
        finally:
            client.close()
    finally:
        if portal is not None:
            portal.stop()
