"""The kiosk's database: SQLite through SQLAlchemy, personal fields sealed with AES-GCM."""

from kiosk.store.errors import StoreUnavailable

__all__ = ["StoreUnavailable"]
