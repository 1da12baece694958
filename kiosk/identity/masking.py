"""The one way an ID number is shown on a screen: enough to recognise, not to copy.

``049090001234`` -> ``049 ••• ••• 234``: the first three digits (the province of
birth registration) and the last three, the rest as groups of three dots. Every
screen that shows a citizen's number uses :func:`mask_id_number` (the scan
screen's "is this you?", the portal-account page), so the citizen sees it the
same way everywhere.
"""

from __future__ import annotations

_SHOWN = 3
_DOT = "•"


def mask_id_number(id_number: str) -> str:
    """The number with all but its first and last three digits hidden (all, if short)."""
    digits = id_number.strip()
    if len(digits) < 2 * _SHOWN + 1:
        return _DOT * len(digits)
    hidden = len(digits) - 2 * _SHOWN
    groups = [_DOT * min(_SHOWN, hidden - start) for start in range(0, hidden, _SHOWN)]
    return " ".join([digits[:_SHOWN], *groups, digits[-_SHOWN:]])
