"""What a citizen is told about one of their drafts: on the resume list and the draft slip.

The rules the screens and the slip share, kept out of the widgets:

- the step reached counts the steps the citizen's answers make visible (the
  wizard's own progress), so "Bước 3/6" on the slip is the chip the wizard shows;
- a draft is kept until the end of :func:`draft_expires_on`: the day before the
  removal, ``retention.draft_expiry_days`` after its last change for a draft
  (:func:`kiosk.cases.housekeeping.expire_drafts`), ``retention.retention_days`` for a
  case the portal returned (:func:`kiosk.cases.housekeeping.purge_finished`);
- the answers shown to tell drafts apart are the names of the person the request is
  about (the child, the deceased, the spouse, the household head): typed by the card
  holder, never the card holder's own card data, never an ID number, date or address;
- two drafts are "of the same procedure" when they have the same procedure id,
  whatever its version: :func:`same_procedure_drafts`.

Every text carries both languages (:class:`LocalText`); nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.cases.clock import VIETNAM, from_storage
from kiosk.cases.references import format_resume_code
from kiosk.cases.service import CaseView
from kiosk.config import KioskConfig
from kiosk.procedures import Catalogue, ProcedureDefinition, visible_steps
from kiosk.procedures.base import JsonValue, LocalText
from kiosk.procedures.model import FieldType

MAX_TELLING_ANSWERS = 2
MAX_ANSWER_CHARS = 60
COME_BACK = LocalText(
    "Để làm tiếp: tại ki-ốt, chọn «Tiếp tục hồ sơ đang làm», rồi quét mã QR này "
    "hoặc nhập mã tiếp tục.",
    "To continue: at the kiosk, choose “Continue a dossier”, then scan this QR "
    "code or type the resume code.",
)


@dataclass(frozen=True)
class StepReached:
    """The wizard page a draft stands at: ``number`` of ``total`` visible steps."""

    number: int
    total: int
    title: LocalText

    @property
    def text(self) -> LocalText:
        """``Bước 3/6: Thông tin người mẹ`` / ``Step 3/6: Mother``."""
        return LocalText(
            f"Bước {self.number}/{self.total}: {self.title.vi}",
            f"Step {self.number}/{self.total}: {self.title.en}",
        )


@dataclass(frozen=True)
class TellingAnswer:
    """One answer shown to tell a draft from another (label and value, as typed)."""

    label: LocalText
    value: str

    @property
    def text(self) -> LocalText:
        return LocalText(f"{self.label.vi}: {self.value}", f"{self.label.en}: {self.value}")


@dataclass(frozen=True)
class DraftOverview:
    """One draft as the resume list and the draft slip describe it."""

    case_id: str
    procedure_id: str
    procedure_title: LocalText
    step: StepReached
    changed_at: dt.datetime
    """The last change, aware, at the ward office's time (UTC+7)."""
    expires_on: dt.date
    resume_code: str | None
    """Formatted for people (``ABCD-123``), None when the case has none."""
    answers: tuple[TellingAnswer, ...]


def step_reached(
    definition: ProcedureDefinition,
    answers: dict[str, JsonValue],
    current_step: str | None,
    *,
    today: dt.date | None = None,
) -> StepReached:
    """The current step among the visible ones (the first when it is hidden or unknown)."""
    steps = list(visible_steps(definition, answers, today=today)) or list(definition.steps)
    ids = [step.id for step in steps]
    index = ids.index(current_step) if current_step in ids else 0
    return StepReached(index + 1, len(steps), steps[index].title)


def draft_expires_on(status: str, changed_at: dt.datetime, config: KioskConfig) -> dt.date:
    """The last whole day (ward office's calendar) the draft can still be continued.

    The retention run removes a draft once ``days`` have passed since ``changed_at``,
    at that time of day; the day before is the last one the draft is there until its
    end, so "kept until the end of <date>" is always true. ``changed_at`` is the
    stored (naive UTC) or an aware moment of the last change.
    """
    retention = config.retention
    days = retention.draft_expiry_days if status == "draft" else retention.retention_days
    moment = changed_at if changed_at.tzinfo else from_storage(changed_at)
    removal_day = (moment + dt.timedelta(days=days)).astimezone(VIETNAM).date()
    return removal_day - dt.timedelta(days=1)


def telling_answers(
    definition: ProcedureDefinition, answers: dict[str, JsonValue]
) -> tuple[TellingAnswer, ...]:
    """Up to :data:`MAX_TELLING_ANSWERS` names typed for the person the request is about.

    Only top-level person-name questions not filled from the ID card, in step order;
    empty answers are skipped. Values are cut to :data:`MAX_ANSWER_CHARS`.
    """
    found: list[TellingAnswer] = []
    for item in definition.top_level_fields():
        if item.type is not FieldType.PERSON_NAME or item.prefill is not None or item.hidden:
            continue
        value = answers.get(item.id)
        if not isinstance(value, str) or not value.strip():
            continue
        text = " ".join(value.split())
        if len(text) > MAX_ANSWER_CHARS:
            text = text[: MAX_ANSWER_CHARS - 1] + "…"
        found.append(TellingAnswer(item.label, text))
        if len(found) == MAX_TELLING_ANSWERS:
            break
    return tuple(found)


def overview_of(
    draft: CaseView,
    catalogue: Catalogue,
    config: KioskConfig,
    *,
    today: dt.date | None = None,
) -> DraftOverview:
    """The draft described; a procedure version gone from the catalogue is named by its id."""
    try:
        definition: ProcedureDefinition | None = catalogue.version(
            draft.procedure_id, draft.procedure_version
        )
    except KeyError:
        definition = None
    if definition is None:
        title = LocalText(draft.procedure_id, draft.procedure_id)
        step = StepReached(1, 1, LocalText("", ""))
        answers: tuple[TellingAnswer, ...] = ()
    else:
        title = definition.title
        step = step_reached(definition, draft.answers, draft.current_step, today=today)
        answers = telling_answers(definition, draft.answers)
    return DraftOverview(
        case_id=draft.id,
        procedure_id=draft.procedure_id,
        procedure_title=title,
        step=step,
        changed_at=from_storage(draft.updated_at).astimezone(VIETNAM),
        expires_on=draft_expires_on(draft.status, draft.updated_at, config),
        resume_code=format_resume_code(draft.resume_code) if draft.resume_code else None,
        answers=answers,
    )


def same_procedure_drafts(drafts: Iterable[CaseView], procedure_id: str) -> list[CaseView]:
    """The drafts among ``drafts`` that a new case of ``procedure_id`` would duplicate.

    Same procedure id, any version, still editable; the order of ``drafts`` is kept
    (``drafts_for_id_number`` gives the newest first).
    """
    return [
        draft
        for draft in drafts
        if draft.procedure_id == procedure_id and draft.status in ("draft", "returned")
    ]
