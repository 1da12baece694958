"""The citizen's walk: the shipped kiosk under Xvfb, driven by real X clicks on widgets
found by their accessible names over AT-SPI, with a screenshot of every screen.

Run by ``make walk`` (docs/walk.md). Runs in the system Python 3 (python3-gi), not the
venv; only :mod:`scripts.walk.receipts` runs in the venv, to open the sealed receipts.
"""
