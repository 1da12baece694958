"""Where the kiosk's read-only assets (fonts, holiday calendar) live.

One function decides, so a source checkout, an installed package and a
PyInstaller bundle all work: the bundle unpacks data beside ``sys._MEIPASS``,
a checkout keeps ``assets/`` at the repository root. ``KIOSK_ASSET_DIR``
overrides both (tests, unusual installs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ASSET_DIR_ENV = "KIOSK_ASSET_DIR"


def asset_dir() -> Path:
    """The directory holding ``fonts/``, ``holidays/``, ``procedures/``..."""
    override = os.environ.get(ASSET_DIR_ENV)
    if override:
        return Path(override)
    bundle_root = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle_root, str):
        return Path(bundle_root) / "assets"
    # kiosk/documents/assets.py -> repository root is three levels up.
    return Path(__file__).resolve().parents[2] / "assets"


def font_dir() -> Path:
    """Directory of the bundled TTF fonts and their licence."""
    return asset_dir() / "fonts"


def holidays_file() -> Path:
    """The public-holiday calendar used to count working days."""
    return asset_dir() / "holidays" / "vn-public-holidays.json"
