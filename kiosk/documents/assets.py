"""Where the documents' assets (fonts, holiday calendar) live, under kiosk.paths.asset_dir().

``KIOSK_ASSET_DIR`` overrides the checkout's or the bundle's ``assets/``.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.paths import ASSET_DIR_ENV, asset_dir

__all__ = ["ASSET_DIR_ENV", "asset_dir", "font_dir", "ward_exceptions_file"]


def font_dir() -> Path:
    """Directory of the bundled TTF fonts and their licence."""
    return asset_dir() / "fonts"


def ward_exceptions_file() -> Path:
    """The ward's own days off and make-up working days (the national ones come from
    the ``holidays`` package)."""
    return asset_dir() / "holidays" / "ward-exceptions.json"
