"""Frozen entry point of ``kiosk-training-portal`` (the local training portal); see kiosk.spec."""

import sys

from sync.training_portal.__main__ import main

sys.exit(main())
