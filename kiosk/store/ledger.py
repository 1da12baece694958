"""What the kiosk has acknowledged, kept outside the database: the check on lost writes.

A damaged WAL loses commits silently: SQLite replays the log only up to the
first frame whose checksum or salt does not match and ignores the rest, and
``PRAGMA quick_check`` then passes on what is left. A restored backup loses
everything after it. Both leave the database *behind* what the kiosk already
told citizens (a printed receipt with a local reference, an answer saved).

So every submit also writes, durably and outside the database, the number of
submits and the day's highest reference sequence. At start the database must
be at least there; when it is not, the kiosk says so, moves its sequences past
the ledger (no reference is ever issued twice) and asks the sync engine to
learn from the portal what it already holds (see ``sync.reconcile``).

The file is JSON written with :func:`kiosk.fileio.atomic_write` (temporary
name, fsync, rename, directory fsync): the old or the new content, never half.
Every change is a merge (the higher of each count) under an exclusive lock on
``acknowledged.json.lock``: the kiosk app and ``kiosk-sync`` both update it, and a
plain read-then-write from each could lose the other's latest submit.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from kiosk.fileio import atomic_write

log = logging.getLogger(__name__)

FILE_NAME = "acknowledged.json"
_KEPT_DAYS = 400
# A merge takes milliseconds; waiting longer means a stuck writer: the check is best effort.
_LOCK_TIMEOUT_SECONDS = 10.0


@dataclass
class LedgerState:
    submits: int = 0
    sequences: dict[str, int] = field(default_factory=dict)
    """``"YYYY-MM-DD/kiosk_number"`` -> the highest sequence handed out that day."""

    def as_json(self) -> dict[str, object]:
        return {"submits": self.submits, "sequences": dict(sorted(self.sequences.items()))}


def sequence_key(day: str, kiosk_number: int) -> str:
    return f"{day}/{kiosk_number}"


class Ledger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(f"{path}.lock", timeout=_LOCK_TIMEOUT_SECONDS)

    def read(self) -> LedgerState | None:
        """The last state written; None when absent or unreadable (then rebuilt from the db)."""
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
            submits = int(document["submits"])
            sequences = {str(k): int(v) for k, v in dict(document["sequences"]).items()}
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("The acknowledged-state file is unreadable (%s); rebuilding it", error)
            return None
        return LedgerState(submits, sequences)

    def merge(self, state: LedgerState) -> None:
        """Raise the file's counts to at least ``state``'s (never lowers one).

        Raises OSError (a lock wait of more than ten seconds included) when it cannot.
        """
        with self._lock:
            current = self.read() or LedgerState()
            merged = LedgerState(
                max(current.submits, state.submits),
                {
                    key: max(current.sequences.get(key, 0), state.sequences.get(key, 0))
                    for key in {*current.sequences, *state.sequences}
                },
            )
            if len(merged.sequences) > _KEPT_DAYS:
                for key in sorted(merged.sequences)[: len(merged.sequences) - _KEPT_DAYS]:
                    del merged.sequences[key]
            body = json.dumps(merged.as_json(), sort_keys=True).encode("utf-8")
            atomic_write(self.path, body)

    def acknowledge(self, day: str, kiosk_number: int, sequence: int | None, submits: int) -> None:
        """Record one committed submit (``sequence`` None: a resubmission keeps its reference)."""
        sequences = {} if sequence is None else {sequence_key(day, kiosk_number): sequence}
        try:
            self.merge(LedgerState(submits, sequences))
        except OSError as error:  # the submit is committed; the check is best effort
            log.warning("Could not write the acknowledged-state file: %s", error)
