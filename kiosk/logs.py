"""Rotating log files in the kiosk home, with personal data kept out.

Code never passes personal data to a logger; the redaction filter is the net
under that rule (ID numbers, phone numbers, e-mail addresses), not the rule.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

# 9 to 12 digits, written solid or in groups ("048 187 735193", "0912.876.543",
# "(+84) 912-876-543"): a separator is one space, dot or hyphen between two digits
# (or a non-breaking or thin space). A longer run of groups (a local reference like
# 20551-261206-01-0001-8, a backup's time stamp) is not cut in the middle: the
# match may neither start nor end next to another digit or separator-and-digit.
_SEPARATOR = r"[ .\-\u00a0\u2009\u202f]"
_ID_OR_PHONE = re.compile(
    rf"(?<!\d)(?<!\d{_SEPARATOR})"
    r"(?![12]\d{3}-[01]\d-[0-3]\d(?!\d))"  # an ISO date (and the time after it) is no number
    rf"(?:(?:\(\+?84\)|\+?84){_SEPARATOR}?)?"
    rf"\d(?:{_SEPARATOR}?\d){{8,11}}"
    rf"(?!\d)(?!{_SEPARATOR}\d)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def redact(text: str) -> str:
    """Mask anything shaped like an ID number, phone number or e-mail address.

    Grouped digits count ("048 187 735193", "0912.876.543", "+84 912-876-543");
    ISO dates, times, counts and the kiosk's own references stay readable.
    """
    return _EMAIL.sub("[email]", _ID_OR_PHONE.sub("[number]", text))


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message through :func:`redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def configure_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the ``kiosk`` and ``sync`` loggers to ``log_dir/kiosk.log`` (5 x 2 MB)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "kiosk.log"
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "kiosk_handler", False):
            root.removeHandler(existing)
            existing.close()
    handler.kiosk_handler = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return log_file
