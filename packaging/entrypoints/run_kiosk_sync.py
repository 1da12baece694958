"""Frozen entry point of ``kiosk-sync`` (the IT officer's sync command); see kiosk.spec."""

import sys

from sync.cli import main

sys.exit(main())
