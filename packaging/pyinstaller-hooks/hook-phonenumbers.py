"""phonenumbers, without its geocoding, carrier and time-zone tables.

Replaces the contributed hook (which collects every submodule, 46 MB of
source): the kiosk only parses, validates and formats numbers, which needs
the region metadata in ``phonenumbers.data`` and ``phonenumbers.shortdata``.
"""

from PyInstaller.utils.hooks import collect_submodules  # type: ignore[import-untyped]

_UNUSED = ("geocoder", "geodata", "carrier", "carrierdata", "timezone", "tzdata")


def _wanted(name: str) -> bool:
    parts = name.split(".")
    return len(parts) < 2 or parts[1] not in _UNUSED


hiddenimports = collect_submodules("phonenumbers", filter=_wanted)
