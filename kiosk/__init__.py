"""Công dân không viết: the ward-office kiosk.

Everything below ``kiosk.ui`` is free of Qt widgets so the domain can be
tested without a screen and reused by the ``kiosk-sync`` command line.
"""

__version__ = "0.1.0"
