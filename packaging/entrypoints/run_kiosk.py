"""Frozen entry point of ``kiosk`` (the touch-screen app); see kiosk.spec."""

import sys

from kiosk.app import main

sys.exit(main())
