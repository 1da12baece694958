"""The in-memory model of a procedure definition (immutable dataclasses).

A :class:`ProcedureDefinition` is built by :mod:`kiosk.procedures.loader` from a
JSON file in ``assets/procedures/``; callers never build one by hand except in
tests. Everything is frozen: the same definition object is shared by every
case and screen.

Field ids are unique across a whole definition (children of repeat groups
included), so an answers dict is flat: ``{field_id: value}``; a repeat group's
value is a list of ``{child_field_id: value}`` dicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from kiosk.procedures.base import JsonValue, LocalText
from kiosk.procedures.rules import Rule


class FieldType(StrEnum):
    """Every kind of input the form engine knows (the ``type`` of a field)."""

    TEXT = "text"
    PERSON_NAME = "person_name"
    DATE = "date"
    TIME = "time"
    NUMBER = "number"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    REPEAT_GROUP = "repeat_group"
    COMPUTED = "computed"


class PrefillSource(StrEnum):
    """What a field may take from the citizen's ID card."""

    FULL_NAME = "full_name"
    DATE_OF_BIRTH = "date_of_birth"
    SEX = "sex"
    ID_NUMBER = "id_number"
    ADDRESS = "address"
    BIRTH_YEAR = "birth_year"
    """The year of the card's date of birth (a ``number`` field), e.g. 1990."""


class ComputeFn(StrEnum):
    """Named computations a read-only ``computed`` field may show."""

    DATE_IN_WORDS = "date_in_words"
    """A date field written in Vietnamese words (``of``: the date field)."""
    AGE = "age"
    """Full years of age today (``of``: the date field)."""
    FEE = "fee"
    """The procedure's fee in VND for the current answers."""


class DocumentForm(StrEnum):
    """In what form a required document is handed in."""

    ORIGINAL = "original"
    COPY = "copy"
    CERTIFIED_COPY = "certified_copy"
    SHOW_ORIGINAL = "show_original"

    @property
    def label(self) -> LocalText:
        """How the form is written on a receipt."""
        return _DOCUMENT_FORM_LABELS[self]


_DOCUMENT_FORM_LABELS = {
    DocumentForm.ORIGINAL: LocalText("Bản chính", "Original"),
    DocumentForm.COPY: LocalText("Bản sao", "Copy"),
    DocumentForm.CERTIFIED_COPY: LocalText(
        "Bản sao có chứng thực hoặc bản sao kèm bản chính để đối chiếu",
        "Certified copy, or a copy with the original for comparison",
    ),
    DocumentForm.SHOW_ORIGINAL: LocalText("Xuất trình bản chính", "Show the original"),
}


@dataclass(frozen=True)
class Option:
    """One choice of a single/multiple choice field; ``value`` is what is stored."""

    value: str
    label: LocalText


@dataclass(frozen=True)
class Constraint:
    """A rule the answer must satisfy, with the message shown when it does not."""

    rule: Rule
    message: LocalText


@dataclass(frozen=True)
class Computation:
    """A computed field's recipe: ``fn`` applied to the field named by ``of``."""

    fn: ComputeFn
    of: str | None = None


@dataclass(frozen=True)
class FillFrom:
    """Copy another answer into this field while ``when`` holds (see :mod:`.fill`).

    ``value`` is a rule expression evaluated for its value, e.g.
    ``{"var": "requester_name"}``; the copy is shown as already answered and
    stays editable.
    """

    when: Rule
    value: Rule

    @cached_property
    def inputs(self) -> frozenset[str]:
        """The answers (top-level ids) the copy depends on, with the day.

        A rule reads answers only through literal ``var``/``missing`` paths, so
        while none of these changes, neither does the copy (:mod:`.fill` skips it).
        """
        return frozenset(
            path.split(".", 1)[0] for path in self.when.variables | self.value.variables
        )


@dataclass(frozen=True)
class Suggestion:
    """One tap-able answer offered beside a field (see :mod:`.suggestions`).

    Either ``value`` (a rule expression: a literal such as ``"Kinh"`` or a copy
    such as ``{"var": "requester_address"}``) with an optional ``label`` and
    ``when``, or ``list_name``: every entry of the kiosk's local list of that
    name (e.g. the health facilities near the ward).
    """

    value: Rule | None = None
    label: LocalText | None = None
    when: Rule | None = None
    list_name: str | None = None


@dataclass(frozen=True)
class Field:
    """One question (or one read-only value) of a form.

    ``min``/``max`` bound a number's value, a repeat group's member count or a
    multiple choice's selection count. ``max_length`` bounds text (defaults
    apply when None, see :mod:`kiosk.procedures.answers`). ``fields`` holds the
    children of a repeat group.

    ``hidden`` fields are never shown, validated, printed or reviewed: they
    keep something the kiosk needs for a later step (e.g. the filer's birth
    year from the card, for ``fill_from``). ``place_picker`` lets a text
    field (home town, place of birth) be answered by picking a province and a
    ward; the answer stays text ("Phường Điện Bàn, Thành phố Đà Nẵng").
    A repeat group's ``add_label`` and ``empty_text`` name what it holds ("Thêm
    một giấy tờ", not a generic "person or item") on its add button and while empty.
    """

    id: str
    type: FieldType
    label: LocalText
    help: LocalText | None = None
    required: bool = False
    constraint: Constraint | None = None
    visible_when: Rule | None = None
    default: JsonValue = None
    prefill: PrefillSource | None = None
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    fields: tuple[Field, ...] = ()
    compute: Computation | None = None
    declaration_label: str | None = None
    hidden: bool = False
    fill_from: FillFrom | None = None
    suggestions: tuple[Suggestion, ...] = ()
    place_picker: bool = False
    add_label: LocalText | None = None
    empty_text: LocalText | None = None

    def option(self, value: str) -> Option | None:
        """The option stored as ``value``, or None."""
        return next((option for option in self.options if option.value == value), None)

    @property
    def form_label(self) -> str:
        """The label printed on the paper declaration (Vietnamese)."""
        return self.declaration_label or self.label.vi

    @property
    def is_input(self) -> bool:
        """False for computed fields, which the citizen never types."""
        return self.type is not FieldType.COMPUTED


@dataclass(frozen=True)
class Step:
    """One page of the form: a title and a few fields, optionally conditional."""

    id: str
    title: LocalText
    fields: tuple[Field, ...]
    help: LocalText | None = None
    visible_when: Rule | None = None


class SlotRequirement(StrEnum):
    """Whether a document slot must be filled (scanned or promised) before submitting."""

    REQUIRED = "required"
    OPTIONAL = "optional"


DEFAULT_MAX_PAGES = 10
"""Pages a slot accepts when its definition names no ``pages.max``."""


@dataclass(frozen=True)
class PerMember:
    """A slot repeated for each member of a repeat group (one original per paper to copy).

    ``pages_field`` is the member's page count: the scan must hold exactly that
    many pages, because the per-page fee was computed from it.
    """

    group: str
    pages_field: str | None = None
    name_field: str | None = None


@dataclass(frozen=True)
class RequiredDocument:
    """A document slot: a paper the citizen scans at the kiosk or brings to the counter.

    ``required_when`` None means the slot always applies. Slots sharing a
    ``one_of`` group are alternatives: one filled member satisfies the group
    (a birth certificate *or* a witness statement). ``bring_later`` says
    whether "I will bring it to the counter" may stand in for a scan; a
    ``show_original`` paper (the ID card) is only ever shown at the counter.
    """

    id: str
    name: LocalText
    form: DocumentForm
    quantity: int
    required_when: Rule | None = None
    note: LocalText | None = None
    requirement: SlotRequirement = SlotRequirement.REQUIRED
    one_of: str | None = None
    min_pages: int = 1
    max_pages: int = DEFAULT_MAX_PAGES
    bring_later: bool = True
    per_member: PerMember | None = None

    @property
    def capturable(self) -> bool:
        """False for papers only shown at the counter, never scanned."""
        return self.form is not DocumentForm.SHOW_ORIGINAL

    @property
    def required(self) -> bool:
        return self.requirement is SlotRequirement.REQUIRED


DocumentSlot = RequiredDocument
"""The name the attachments package uses: every required document is a slot."""


@dataclass(frozen=True)
class AgencyInfo:
    """Who decides the procedure and which counter receives it."""

    name: LocalText
    receiving_unit: LocalText


@dataclass(frozen=True)
class Processing:
    """Statutory processing time.

    ``same_day`` True means the result is returned the day the dossier is
    received; when ``same_day_cutoff`` is set, a dossier received after that
    time is returned the next working day. Otherwise ``working_days`` counts
    working days. ``by_choice`` lets a choice answer select another
    :class:`Processing` (e.g. permanent 7 days vs temporary 3 days residence).
    """

    working_days: int
    same_day: bool
    same_day_cutoff: dt.time | None = None
    note: LocalText | None = None
    by_choice_field: str | None = None
    by_choice: tuple[tuple[str, Processing], ...] = ()

    def for_answers(self, answers: Mapping[str, JsonValue] | None) -> Processing:
        """The processing that applies once the choice (if any) is answered."""
        if self.by_choice_field and answers:
            chosen = answers.get(self.by_choice_field)
            for value, processing in self.by_choice:
                if value == chosen:
                    return processing
        return self


# --- fee rules (computed by kiosk.procedures.fees) --------------------------------------


@dataclass(frozen=True)
class FreeFee:
    """No fee."""

    label: LocalText | None = None


@dataclass(frozen=True)
class FixedFee:
    """A fixed amount in VND (e.g. a fee set by the province's council)."""

    amount: int
    label: LocalText | None = None


@dataclass(frozen=True)
class PerUnitFee:
    """``rate`` VND times the number answered in ``count_field`` (e.g. extract copies)."""

    rate: int
    count_field: str
    label: LocalText | None = None


@dataclass(frozen=True)
class PerPageFee:
    """Certified copies (Circular 226/2016/TT-BTC).

    Per copy: ``first_rate`` for each of the first ``first_pages`` pages,
    ``next_rate`` for every further page, at most ``cap_per_copy``; times the
    number of copies. With ``group`` set, pages and copies are read from each
    member of that repeat group (one line per document, named by the member's
    ``name_field`` answer when given).
    """

    first_pages: int
    first_rate: int
    next_rate: int
    cap_per_copy: int | None
    pages_field: str
    copies_field: str
    group: str | None = None
    name_field: str | None = None
    label: LocalText | None = None


@dataclass(frozen=True)
class ByChannelFee:
    """Different fees for a dossier filed in person and one filed online."""

    in_person: FeeRule
    online: FeeRule


@dataclass(frozen=True)
class ByChoiceFee:
    """The fee depends on a single-choice answer (``cases``: option value -> rule)."""

    field: str
    cases: tuple[tuple[str, FeeRule], ...]


@dataclass(frozen=True)
class FeeCase:
    """One branch of a :class:`ConditionalFee`; ``reason`` explains it to the citizen."""

    when: Rule
    fee: FeeRule
    reason: LocalText | None = None


@dataclass(frozen=True)
class ConditionalFee:
    """The first case whose rule holds, else ``otherwise``."""

    cases: tuple[FeeCase, ...]
    otherwise: FeeRule
    otherwise_reason: LocalText | None = None


@dataclass(frozen=True)
class SumFee:
    """The sum of several parts (e.g. registration fee plus extract copies)."""

    parts: tuple[FeeRule, ...]


type FeeRule = (
    FreeFee
    | FixedFee
    | PerUnitFee
    | PerPageFee
    | ByChannelFee
    | ByChoiceFee
    | ConditionalFee
    | SumFee
)


# --- the definition ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProcedureDefinition:
    """One administrative procedure: its texts, rules, documents and form steps.

    ``official_url`` is the procedure's page on the national public service
    portal (for a QR code on the receipt); ``icon`` names an icon the UI knows;
    ``order`` sorts the catalogue tiles. ``declaration_order`` lists field ids
    in the order of the paper declaration when it differs from the steps.
    ``tagline`` is the tile's few words: five tiles of full summaries did not fit a
    1366x768 screen, and a citizen does not know a list scrolls.
    """

    id: str
    version: int
    title: LocalText
    summary: LocalText
    help: LocalText
    agency: AgencyInfo
    processing: Processing
    fee: FeeRule
    documents: tuple[RequiredDocument, ...]
    steps: tuple[Step, ...]
    official_url: str
    icon: str
    consent_purpose: LocalText
    declaration_title: LocalText
    order: int = 100
    declaration_order: tuple[str, ...] = ()
    tagline: LocalText | None = None

    @property
    def tile_text(self) -> LocalText:
        """What the catalogue's tile says under the title: the tagline, else the summary."""
        return self.tagline or self.summary

    @cached_property
    def fields_by_id(self) -> dict[str, Field]:
        """Every field (repeat-group children included) by id."""
        found: dict[str, Field] = {}
        for step in self.steps:
            for item in _walk(step.fields):
                found[item.id] = item
        return found

    def field(self, field_id: str) -> Field:
        """The field with this id (KeyError if none)."""
        return self.fields_by_id[field_id]

    def step(self, step_id: str) -> Step:
        """The step with this id (KeyError if none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def step_of(self, field_id: str) -> Step:
        """The step holding a top-level field (KeyError if none)."""
        for step in self.steps:
            if any(item.id == field_id for item in step.fields):
                return step
        raise KeyError(field_id)

    def document(self, document_id: str) -> RequiredDocument:
        """The required document with this id (KeyError if none)."""
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)

    @cached_property
    def copying_fields(self) -> tuple[Field, ...]:
        """Top-level fields with a ``fill_from``: looked at after every answer (:mod:`.fill`)."""
        return tuple(item for item in self.top_level_fields() if item.fill_from is not None)

    def top_level_fields(self) -> Iterator[Field]:
        """Fields directly in steps, in step order (not repeat-group children)."""
        for step in self.steps:
            yield from step.fields

    def declaration_fields(self) -> tuple[Field, ...]:
        """Top-level fields in the order of the paper declaration.

        ``declaration_order`` when given, else step order; the fee is not part
        of a declaration and is left out.
        """
        if self.declaration_order:
            chosen = [self.field(field_id) for field_id in self.declaration_order]
        else:
            chosen = list(self.top_level_fields())
        return tuple(
            item for item in chosen if not (item.compute and item.compute.fn is ComputeFn.FEE)
        )


def _walk(fields: tuple[Field, ...]) -> Iterator[Field]:
    for item in fields:
        yield item
        yield from _walk(item.fields)
