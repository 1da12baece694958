"""Why opening the store at start-up failed, as a kind, an exit code and one line.

The touch UI paints its welcome screen before it opens the store (the store's
imports and checks are most of a start's cost), so a missing key or a ward
server out of reach is found with a window already up: the window shows the
problem (``kiosk.ui.screens.startup_problem``, in the citizen's language) and
the commands without a window print the same one line as before. Qt-free and
store-free on purpose: ``kiosk.app`` imports it before the first paint; the
store's exception classes are imported only once an exception is in hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.config import EXIT_CONFIG_ERROR
from kiosk.paths import HomeUnusable

EXIT_UNEXPECTED = 1
EXIT_KEY_PROBLEM = 3
# The ward's database server cannot be reached at start-up: the service starts the
# kiosk again (a server restart or a cable, not something to fix in the kiosk).
EXIT_DATABASE_UNREACHABLE = 6

ProblemKind = Literal[
    "key_missing", "key_mismatch", "home_unusable", "server_unreachable", "database_failed"
]


@dataclass(frozen=True)
class StartupProblem:
    """What stopped the start: ``kind`` picks the on-screen text, ``line`` is for stderr.

    ``detail`` names a path at most (never personal data): the key file, the
    folder that cannot be written.
    """

    kind: ProblemKind
    exit_code: int
    line: str
    detail: str = ""

    @property
    def restart_helps(self) -> bool:
        """True when the service restarting the kiosk can fix it (the server comes back)."""
        return self.kind == "server_unreachable"


def classify(error: BaseException) -> StartupProblem:
    """The problem ``error`` (raised while opening the store) stands for.

    Anything not recognised is ``database_failed`` with exit code 1 (a failed
    migration, a damaged database no backup could replace, a bug): the log has
    the details.
    """
    from kiosk.store.errors import StoreUnavailable
    from kiosk.store.keys import KeyMismatchError, KeyMissingError

    if isinstance(error, KeyMissingError):
        return StartupProblem(
            "key_missing", EXIT_KEY_PROBLEM, f"kiosk: encryption key problem: {error}"
        )
    if isinstance(error, KeyMismatchError):
        return StartupProblem(
            "key_mismatch", EXIT_KEY_PROBLEM, f"kiosk: encryption key problem: {error}"
        )
    if isinstance(error, HomeUnusable):
        return StartupProblem(
            "home_unusable", EXIT_CONFIG_ERROR, f"kiosk: {error}", detail=str(error.path)
        )
    if isinstance(error, StoreUnavailable) and error.kind == "unreachable":
        return StartupProblem(
            "server_unreachable",
            EXIT_DATABASE_UNREACHABLE,
            "kiosk: the ward's database server cannot be reached; "
            "check the server and the network (docs/operations.md, "
            '"When the server is down")',
        )
    return StartupProblem(
        "database_failed",
        EXIT_UNEXPECTED,
        f"kiosk: the database could not be opened ({type(error).__name__}); see logs/kiosk.log",
    )
