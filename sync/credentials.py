"""The kiosk's portal credentials, kept outside the database in a 0600 file.

Written once at enrolment (the province's one-time enrolment secret is
exchanged for a client id and secret); read by the app's worker and the
nightly ``kiosk-sync``. In training mode without enrolment the training
portal's well-known credentials are used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kiosk.fileio import atomic_write
from kiosk.paths import HomeLayout

TRAINING_KIOSK_ID = "training-kiosk"
TRAINING_CLIENT_ID = "training-kiosk"
TRAINING_CLIENT_SECRET = "training-secret"
FILE_NAME = "portal-credentials.json"


@dataclass(frozen=True)
class KioskCredentials:
    kiosk_id: str
    client_id: str
    client_secret: str

    def __repr__(self) -> str:  # the secret stays out of logs and tracebacks
        return f"KioskCredentials(kiosk_id={self.kiosk_id!r}, client_id={self.client_id!r})"


TRAINING_CREDENTIALS = KioskCredentials(
    TRAINING_KIOSK_ID, TRAINING_CLIENT_ID, TRAINING_CLIENT_SECRET
)


def credentials_file(layout: HomeLayout) -> Path:
    return layout.portal_credentials


def load_credentials(layout: HomeLayout) -> KioskCredentials | None:
    path = credentials_file(layout)
    if not path.exists():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    return KioskCredentials(
        str(document["kiosk_id"]), str(document["client_id"]), str(document["client_secret"])
    )


def save_credentials(layout: HomeLayout, credentials: KioskCredentials) -> Path:
    """Atomically replace the credentials file, readable by the kiosk user only."""
    layout.secrets.mkdir(parents=True, exist_ok=True)
    path = credentials_file(layout)
    document = {
        "kiosk_id": credentials.kiosk_id,
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret,
    }
    atomic_write(path, json.dumps(document).encode("utf-8"), mode=0o600)
    return path
