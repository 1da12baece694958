"""Case lifecycle services: start, autosave, validate, submit, resume, retention.

No Qt here: the screens, the ``kiosk seed`` command and the benchmarks call
the same services. See docs/api.md for examples.
"""

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
