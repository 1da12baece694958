"""A reference implementation of the portal contract (``docs/portal-api.yaml``).

For demos, the kiosk's training mode and tests; never imported by the kiosk at run
time except in training mode.
"""

from sync.training_portal.accounts import AccountSettings
from sync.training_portal.app import ROUTES, PortalSettings
from sync.training_portal.catalogue import CatalogueEntry
from sync.training_portal.faults import FaultSettings
from sync.training_portal.schedule import StatusSchedule
from sync.training_portal.server import TrainingPortal

__all__ = [
    "ROUTES",
    "AccountSettings",
    "CatalogueEntry",
    "FaultSettings",
    "PortalSettings",
    "StatusSchedule",
    "TrainingPortal",
]
