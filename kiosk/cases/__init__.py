"""Case lifecycle services: start, autosave, validate, submit, resume, retention.

No Qt here: the screens, the ``kiosk seed`` command and the benchmarks call
the same services. See docs/api.md for examples.
"""

from typing import TYPE_CHECKING

from kiosk.lazy_names import lazy_attributes

# Names load on first use: `kiosk-sync run` needs ``kiosk.cases.audit`` and the clock,
# not the case and account services (about 20 ms of its start). Type checkers see
# the real imports below.
if TYPE_CHECKING:
    from kiosk.cases.accounts import AccountRequestView, AccountService
    from kiosk.cases.audit import Actor
    from kiosk.cases.errors import (
        CaseError,
        CaseNotEditable,
        CaseNotFound,
        ConsentRequired,
        DocumentsMissing,
        SubmitBlocked,
    )
    from kiosk.cases.housekeeping import (
        CatalogueMigration,
        expire_drafts,
        migrate_drafts,
        purge_finished,
    )
    from kiosk.cases.references import (
        format_resume_code,
        is_valid_local_reference,
        local_reference,
        parse_resume_code,
    )
    from kiosk.cases.service import CaseService, CaseView, ConsentNotice, SubmitResult

_LAZY = {
    "AccountRequestView": "kiosk.cases.accounts",
    "AccountService": "kiosk.cases.accounts",
    "Actor": "kiosk.cases.audit",
    "CaseError": "kiosk.cases.errors",
    "CaseNotEditable": "kiosk.cases.errors",
    "CaseNotFound": "kiosk.cases.errors",
    "CaseService": "kiosk.cases.service",
    "CaseView": "kiosk.cases.service",
    "CatalogueMigration": "kiosk.cases.housekeeping",
    "ConsentNotice": "kiosk.cases.service",
    "ConsentRequired": "kiosk.cases.errors",
    "DocumentsMissing": "kiosk.cases.errors",
    "SubmitBlocked": "kiosk.cases.errors",
    "SubmitResult": "kiosk.cases.service",
    "expire_drafts": "kiosk.cases.housekeeping",
    "format_resume_code": "kiosk.cases.references",
    "is_valid_local_reference": "kiosk.cases.references",
    "local_reference": "kiosk.cases.references",
    "migrate_drafts": "kiosk.cases.housekeeping",
    "parse_resume_code": "kiosk.cases.references",
    "purge_finished": "kiosk.cases.housekeeping",
}

__getattr__ = lazy_attributes(__name__, _LAZY, globals())

__all__ = [
    "AccountRequestView",
    "AccountService",
    "Actor",
    "CaseError",
    "CaseNotEditable",
    "CaseNotFound",
    "CaseService",
    "CaseView",
    "CatalogueMigration",
    "ConsentNotice",
    "ConsentRequired",
    "DocumentsMissing",
    "SubmitBlocked",
    "SubmitResult",
    "expire_drafts",
    "format_resume_code",
    "is_valid_local_reference",
    "local_reference",
    "migrate_drafts",
    "parse_resume_code",
    "purge_finished",
]
