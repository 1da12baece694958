"""Load procedure definitions from ``assets/procedures/*.json``.

A definition is checked in three passes, and the first problem found is
raised as :class:`~kiosk.procedures.errors.DefinitionError` whose ``str()``
names the file, the JSON pointer and the reason::

    birth.json: /steps/2/fields/0/type: 'foo' is not one of ['text', ...]

1. JSON syntax (duplicate keys, NaN and non-UTF-8 text are refused too);
2. the JSON Schema ``procedure.schema.json`` kept beside the definitions
   (draft 2020-12, validated with ``jsonschema``; a pass is remembered by
   content hash in :mod:`kiosk.procedures.schema_cache`, so unchanged files
   are not validated again and ``jsonschema`` is imported only when needed);
3. checks a schema cannot express: unique step, field, option and document
   ids; rules use known operators and read existing fields; prefill only on
   compatible fields; computations and fee rules refer to fields of the right
   type; defaults are valid answers; min <= max; document slots: page
   ranges, "one of" groups of at least two required members, a paper only
   shown at the counter is never scanned, a per-member slot names a repeat
   group and its page-count and name children.

:func:`load_catalogue` loads a directory into a :class:`Catalogue` that keeps
every version of each procedure (a case resumes with the version it started
with) and answers by id with the latest.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, cast

from kiosk.identity.text import fold_vietnamese
from kiosk.procedures import schema_cache
from kiosk.procedures.answers import normalise_answer
from kiosk.procedures.base import JsonValue, LocalText
from kiosk.procedures.errors import AnswerError, DefinitionError, RuleError
from kiosk.procedures.model import (
    DEFAULT_MAX_PAGES,
    AgencyInfo,
    ByChannelFee,
    ByChoiceFee,
    Computation,
    ComputeFn,
    ConditionalFee,
    Constraint,
    DocumentForm,
    FeeCase,
    FeeRule,
    Field,
    FieldType,
    FillFrom,
    FixedFee,
    FreeFee,
    Option,
    PerMember,
    PerPageFee,
    PerUnitFee,
    PrefillSource,
    ProcedureDefinition,
    Processing,
    RequiredDocument,
    SlotRequirement,
    Step,
    Suggestion,
    SumFee,
)
from kiosk.procedures.rules import Rule, is_empty

ASSETS_DIRECTORY = Path(__file__).resolve().parents[2] / "assets" / "procedures"
"""Where the shipped definitions and their schema live in a source checkout."""

SCHEMA_FILE_NAME = "procedure.schema.json"
MAX_FILE_BYTES = 1_000_000
"""A definition larger than this is refused before parsing."""

type JsonObject = dict[str, JsonValue]

_PREFILL_TYPES: dict[PrefillSource, frozenset[FieldType]] = {
    PrefillSource.FULL_NAME: frozenset({FieldType.PERSON_NAME, FieldType.TEXT}),
    PrefillSource.DATE_OF_BIRTH: frozenset({FieldType.DATE}),
    PrefillSource.SEX: frozenset({FieldType.SINGLE_CHOICE}),
    PrefillSource.ID_NUMBER: frozenset({FieldType.ID_NUMBER, FieldType.TEXT}),
    PrefillSource.ADDRESS: frozenset({FieldType.ADDRESS, FieldType.TEXT}),
    PrefillSource.BIRTH_YEAR: frozenset({FieldType.NUMBER}),
}
SEX_OPTION_VALUES = ("male", "female")
"""Option values a field prefilled with the card's sex must offer ("Nam", "Nữ")."""

_NOT_IN_GROUPS = frozenset({FieldType.REPEAT_GROUP, FieldType.COMPUTED})
_TOP_LEVEL_ONLY_KEYS = ("prefill", "hidden", "fill_from", "suggestions")
"""Field properties a repeat group's children cannot have."""
_ANSWERED_TYPES = frozenset(FieldType) - _NOT_IN_GROUPS
"""Types whose answer is a plain value a rule may copy in (``fill_from``, ``hidden``)."""


@cache
def load_schema(path: Path | None = None) -> dict[str, Any]:
    """The JSON Schema for definitions (cached; checked to be a valid 2020-12 schema)."""
    schema_path = path or ASSETS_DIRECTORY / SCHEMA_FILE_NAME
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    key = schema_cache.content_key("schema", schema)
    if not schema_cache.passed(key):
        import jsonschema

        jsonschema.Draft202012Validator.check_schema(schema)
        schema_cache.remember(key)
    return cast(dict[str, Any], schema)


def _pointer(parts: Iterable[object]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in a definition")


def _no_duplicate_keys(pairs: list[tuple[str, JsonValue]]) -> JsonObject:
    result: JsonObject = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def read_json(path: Path, source: str) -> JsonValue:
    """The parsed JSON of a definition file, or a DefinitionError saying why not."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DefinitionError(source, "", f"cannot read file: {error.strerror}") from error
    if len(raw) > MAX_FILE_BYTES:
        raise DefinitionError(source, "", f"file is larger than {MAX_FILE_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DefinitionError(
            source, "", f"not UTF-8 text (byte {error.start} cannot be decoded)"
        ) from error
    try:
        return cast(
            JsonValue,
            json.loads(
                text,
                object_pairs_hook=_no_duplicate_keys,
                parse_constant=_refuse_constant,
            ),
        )
    except json.JSONDecodeError as error:
        raise DefinitionError(
            source, "", f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from error
    except (ValueError, RecursionError) as error:
        raise DefinitionError(source, "", f"invalid JSON: {error}") from error


def _schema_error(data: JsonValue, source: str, schema: dict[str, Any]) -> DefinitionError | None:
    try:
        key: str | None = schema_cache.content_key("definition", schema, data)
    except (TypeError, ValueError, RecursionError):  # not plain JSON: validate, remember nothing
        key = None
    if key is not None and schema_cache.passed(key):
        return None
    import jsonschema
    from jsonschema.exceptions import best_match

    validator = jsonschema.Draft202012Validator(schema)
    error = best_match(validator.iter_errors(data))
    if error is None:
        if key is not None:
            schema_cache.remember(key)
        return None
    message = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    return DefinitionError(source, _pointer(error.absolute_path), message)


def load_definition(
    path: Path | str, *, schema: dict[str, Any] | None = None
) -> ProcedureDefinition:
    """Read, validate and build one definition file (DefinitionError if it is broken)."""
    file_path = Path(path)
    data = read_json(file_path, file_path.name)
    return parse_definition(data, file_path.name, schema=schema)


def parse_definition(
    data: JsonValue, source: str, *, schema: dict[str, Any] | None = None
) -> ProcedureDefinition:
    """Validate already-parsed JSON against the schema and the semantic checks."""
    problem = _schema_error(data, source, schema or load_schema())
    if problem is not None:
        raise problem
    assert isinstance(data, dict)
    return _Builder(source, data).build()


# --- building the model ------------------------------------------------------------------


def _text(value: JsonValue) -> LocalText:
    assert isinstance(value, dict)
    return LocalText.from_json(value)


def _optional_text(value: JsonValue) -> LocalText | None:
    return None if value is None else _text(value)


def _obj(value: JsonValue) -> JsonObject:
    assert isinstance(value, dict)
    return value


def _list(value: JsonValue) -> list[JsonValue]:
    assert isinstance(value, list)
    return value


def _int(value: JsonValue) -> int:
    assert isinstance(value, int)
    return value


def _optional_int(value: JsonValue) -> int | None:
    return None if value is None else _int(value)


def _str(value: JsonValue) -> str:
    assert isinstance(value, str)
    return value


@dataclass
class _Builder:
    """Builds one definition, remembering where each id was declared for messages."""

    source: str
    data: JsonObject
    field_places: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)
    group_of: dict[str, str] = field(default_factory=dict)
    pending_rules: list[tuple[str, Rule, str | None]] = field(default_factory=list)

    def fail(self, pointer: str, reason: str) -> DefinitionError:
        return DefinitionError(self.source, pointer, reason)

    def rule(self, value: JsonValue, pointer: str, group: str | None = None) -> Rule:
        try:
            compiled = Rule(value)
        except RuleError as error:
            raise self.fail(pointer + error.pointer, error.reason) from error
        self.pending_rules.append((pointer, compiled, group))
        return compiled

    def optional_rule(
        self, value: JsonValue, pointer: str, group: str | None = None
    ) -> Rule | None:
        return None if value is None else self.rule(value, pointer, group)

    # -- definition

    def build(self) -> ProcedureDefinition:
        data = self.data
        documents = self.documents(_list(data["documents"]))
        steps = self.steps(_list(data["steps"]))
        self.check_slots(documents)
        self.check_rules()
        self.check_fill_sources()
        fee = self.fee(data["fee"], "/fee")
        processing = self.processing(_obj(data["processing"]), "/processing")
        declaration_order = tuple(_str(item) for item in _list(data.get("declaration_order", [])))
        for index, field_id in enumerate(declaration_order):
            if field_id not in self.fields or field_id in self.group_of:
                raise self.fail(
                    f"/declaration_order/{index}", f"{field_id!r} is not a top-level field"
                )
            if self.fields[field_id].hidden:
                raise self.fail(
                    f"/declaration_order/{index}", f"{field_id!r} is hidden and never printed"
                )
        agency = _obj(data["agency"])
        return ProcedureDefinition(
            id=_str(data["id"]),
            version=_int(data["version"]),
            title=_text(data["title"]),
            summary=_text(data["summary"]),
            help=_text(data["help"]),
            agency=AgencyInfo(_text(agency["name"]), _text(agency["receiving_unit"])),
            processing=processing,
            fee=fee,
            documents=documents,
            steps=steps,
            official_url=_str(data["official_url"]),
            icon=_str(data["icon"]),
            consent_purpose=_text(data["consent_purpose"]),
            declaration_title=_text(data["declaration_title"]),
            order=_int(data.get("order", 100)),
            declaration_order=declaration_order,
            tagline=_optional_text(data.get("tagline")),
        )

    def documents(self, items: list[JsonValue]) -> tuple[RequiredDocument, ...]:
        seen: set[str] = set()
        documents = []
        for index, raw in enumerate(items):
            item = _obj(raw)
            pointer = f"/documents/{index}"
            document_id = _str(item["id"])
            if document_id in seen:
                raise self.fail(f"{pointer}/id", f"duplicate document id {document_id!r}")
            seen.add(document_id)
            documents.append(self.slot(item, document_id, pointer))
        return tuple(documents)

    def slot(self, item: JsonObject, document_id: str, pointer: str) -> RequiredDocument:
        form = DocumentForm(_str(item["form"]))
        pages = _obj(item.get("pages", {}))
        low = _optional_int(pages.get("min"))
        high = _optional_int(pages.get("max"))
        if low is not None and high is not None and low > high:
            raise self.fail(f"{pointer}/pages/min", f"min {low} is greater than max {high}")
        raw_member = item.get("per_member")
        per_member = None
        if raw_member is not None:
            member = _obj(raw_member)
            per_member = PerMember(
                group=_str(member["group"]),
                pages_field=cast(str | None, member.get("pages_field")),
                name_field=cast(str | None, member.get("name_field")),
            )
        if form is DocumentForm.SHOW_ORIGINAL:
            for key in ("pages", "per_member"):
                if key in item:
                    raise self.fail(
                        f"{pointer}/{key}", "a paper only shown at the counter is never scanned"
                    )
            if item.get("bring_later") is False:
                raise self.fail(
                    f"{pointer}/bring_later",
                    "a paper only shown at the counter must be allowed to be brought",
                )
        if per_member is not None and per_member.pages_field is not None and "pages" in item:
            raise self.fail(
                f"{pointer}/pages", "the page count comes from 'per_member/pages_field'"
            )
        return RequiredDocument(
            id=document_id,
            name=_text(item["name"]),
            form=form,
            quantity=_int(item["quantity"]),
            required_when=self.optional_rule(item.get("required_when"), f"{pointer}/required_when"),
            note=_optional_text(item.get("note")),
            requirement=SlotRequirement(_str(item.get("requirement", "required"))),
            one_of=cast(str | None, item.get("one_of")),
            min_pages=low if low is not None else 1,
            max_pages=high if high is not None else max(low or 1, DEFAULT_MAX_PAGES),
            bring_later=bool(item.get("bring_later", True)),
            per_member=per_member,
        )

    def check_slots(self, documents: tuple[RequiredDocument, ...]) -> None:
        """Checks that need the fields: per-member groups; and whole "one of" groups."""
        groups: dict[str, list[int]] = {}
        for index, document in enumerate(documents):
            pointer = f"/documents/{index}"
            if document.one_of is not None:
                groups.setdefault(document.one_of, []).append(index)
                if not document.required:
                    raise self.fail(
                        f"{pointer}/requirement",
                        "an alternative in a 'one_of' group cannot be optional",
                    )
            member = document.per_member
            if member is None:
                continue
            self.field_of_type(
                member.group, f"{pointer}/per_member/group", {FieldType.REPEAT_GROUP}
            )
            if member.pages_field is not None:
                self.field_of_type(
                    member.pages_field,
                    f"{pointer}/per_member/pages_field",
                    {FieldType.NUMBER},
                    member.group,
                )
            if member.name_field is not None:
                self.field_of_type(
                    member.name_field,
                    f"{pointer}/per_member/name_field",
                    {FieldType.TEXT},
                    member.group,
                )
        for group, indexes in groups.items():
            if len(indexes) < 2:
                raise self.fail(
                    f"/documents/{indexes[0]}/one_of",
                    f"'one_of' group {group!r} needs at least two alternatives",
                )

    def steps(self, items: list[JsonValue]) -> tuple[Step, ...]:
        seen: set[str] = set()
        steps = []
        for index, raw in enumerate(items):
            item = _obj(raw)
            pointer = f"/steps/{index}"
            step_id = _str(item["id"])
            if step_id in seen:
                raise self.fail(f"{pointer}/id", f"duplicate step id {step_id!r}")
            seen.add(step_id)
            fields = tuple(
                self.field(_obj(child), f"{pointer}/fields/{child_index}", None)
                for child_index, child in enumerate(_list(item["fields"]))
            )
            steps.append(
                Step(
                    id=step_id,
                    title=_text(item["title"]),
                    fields=fields,
                    help=_optional_text(item.get("help")),
                    visible_when=self.optional_rule(
                        item.get("visible_when"), f"{pointer}/visible_when"
                    ),
                )
            )
        return tuple(steps)

    # -- fields

    def field(self, item: JsonObject, pointer: str, group: str | None) -> Field:
        field_id = _str(item["id"])
        field_type = FieldType(_str(item["type"]))
        if field_id in self.field_places:
            raise self.fail(
                f"{pointer}/id",
                f"duplicate field id {field_id!r} (first used at {self.field_places[field_id]})",
            )
        self.field_places[field_id] = pointer
        if group is not None:
            self.group_of[field_id] = group
            if field_type in _NOT_IN_GROUPS:
                raise self.fail(f"{pointer}/type", f"{field_type} is not allowed in a repeat group")
            for key in _TOP_LEVEL_ONLY_KEYS:
                if key in item:
                    raise self.fail(f"{pointer}/{key}", f"{key} is not allowed in a repeat group")
        self.check_keys_for_type(item, field_type, pointer)
        options = self.options(item, pointer)
        low, high = _optional_int(item.get("min")), _optional_int(item.get("max"))
        if low is not None and high is not None and low > high:
            raise self.fail(f"{pointer}/min", f"min {low} is greater than max {high}")
        children: tuple[Field, ...] = ()
        if field_type is FieldType.REPEAT_GROUP:
            children = tuple(
                self.field(_obj(child), f"{pointer}/fields/{index}", field_id)
                for index, child in enumerate(_list(item["fields"]))
            )
        constraint = None
        if "constraint" in item:
            raw_constraint = _obj(item["constraint"])
            constraint = Constraint(
                self.rule(raw_constraint["rule"], f"{pointer}/constraint/rule", group),
                _text(raw_constraint["message"]),
            )
        built = Field(
            id=field_id,
            type=field_type,
            label=_text(item["label"]),
            help=_optional_text(item.get("help")),
            required=bool(item.get("required", False)),
            constraint=constraint,
            visible_when=self.optional_rule(
                item.get("visible_when"), f"{pointer}/visible_when", group
            ),
            default=None,
            prefill=self.prefill(item, field_type, options, pointer),
            options=options,
            min=low,
            max=high,
            max_length=_optional_int(item.get("max_length")),
            fields=children,
            compute=self.computation(item, pointer),
            declaration_label=cast(str | None, item.get("declaration_label")),
            hidden=self.hidden(item, pointer),
            place_picker=bool(item.get("place_picker", False)),
            add_label=_optional_text(item.get("add_label")),
            empty_text=_optional_text(item.get("empty_text")),
        )
        if "fill_from" in item:
            built = replace(built, fill_from=self.fill_from(built, item["fill_from"], pointer))
        if "suggestions" in item:
            built = replace(
                built, suggestions=self.suggestions(built, item["suggestions"], pointer)
            )
        if "default" in item:
            built = self.with_default(built, item["default"], f"{pointer}/default")
        self.fields[field_id] = built
        return built

    def check_keys_for_type(self, item: JsonObject, field_type: FieldType, pointer: str) -> None:
        allowed_by_key = {
            "options": {FieldType.SINGLE_CHOICE, FieldType.MULTIPLE_CHOICE},
            "fields": {FieldType.REPEAT_GROUP},
            "compute": {FieldType.COMPUTED},
            "max_length": {FieldType.TEXT, FieldType.PERSON_NAME},
            "min": {FieldType.NUMBER, FieldType.REPEAT_GROUP, FieldType.MULTIPLE_CHOICE},
            "max": {FieldType.NUMBER, FieldType.REPEAT_GROUP, FieldType.MULTIPLE_CHOICE},
            "place_picker": {FieldType.TEXT},
            "suggestions": {FieldType.TEXT, FieldType.PERSON_NAME, FieldType.ADDRESS},
            "fill_from": set(_ANSWERED_TYPES),
            "hidden": set(_ANSWERED_TYPES),
        }
        for key, allowed in allowed_by_key.items():
            if key in item and field_type not in allowed:
                names = ", ".join(sorted(allowed))
                raise self.fail(f"{pointer}/{key}", f"{key!r} is only allowed on: {names}")
        if field_type is FieldType.COMPUTED and ("required" in item or "default" in item):
            raise self.fail(pointer, "a computed field cannot be required or have a default")

    def options(self, item: JsonObject, pointer: str) -> tuple[Option, ...]:
        options = []
        seen: set[str] = set()
        for index, raw in enumerate(_list(item.get("options", []))):
            option = _obj(raw)
            value = _str(option["value"])
            if value in seen:
                raise self.fail(f"{pointer}/options/{index}/value", f"duplicate option {value!r}")
            seen.add(value)
            options.append(Option(value, _text(option["label"])))
        return tuple(options)

    def prefill(
        self, item: JsonObject, field_type: FieldType, options: tuple[Option, ...], pointer: str
    ) -> PrefillSource | None:
        if "prefill" not in item:
            return None
        source = PrefillSource(_str(item["prefill"]))
        if field_type not in _PREFILL_TYPES[source]:
            kinds = ", ".join(sorted(_PREFILL_TYPES[source]))
            raise self.fail(
                f"{pointer}/prefill", f"prefill {source.value!r} needs a field of type {kinds}"
            )
        if source is PrefillSource.SEX:
            values = {option.value for option in options}
            if not set(SEX_OPTION_VALUES) <= values:
                raise self.fail(
                    f"{pointer}/prefill", "prefill 'sex' needs options 'male' and 'female'"
                )
        return source

    def hidden(self, item: JsonObject, pointer: str) -> bool:
        if not item.get("hidden", False):
            return False
        for key in ("required", "visible_when", "suggestions", "place_picker"):
            if key in item:
                raise self.fail(f"{pointer}/{key}", f"a hidden field cannot have {key!r}")
        return True

    def fill_from(self, built: Field, raw: JsonValue, pointer: str) -> FillFrom:
        spec = _obj(raw)
        when = self.rule(spec["when"], f"{pointer}/fill_from/when")
        value = self.rule(spec["value"], f"{pointer}/fill_from/value")
        if built.id in when.variables | value.variables:
            raise self.fail(f"{pointer}/fill_from", "fill_from cannot read the field itself")
        if not value.variables:
            self.check_literal(built, value, f"{pointer}/fill_from/value")
        return FillFrom(when, value)

    def suggestions(self, built: Field, raw: JsonValue, pointer: str) -> tuple[Suggestion, ...]:
        found: list[Suggestion] = []
        for index, raw_item in enumerate(_list(raw)):
            item_pointer = f"{pointer}/suggestions/{index}"
            if isinstance(raw_item, str):
                value = self.rule(raw_item, item_pointer)
                self.check_literal(built, value, item_pointer)
                found.append(Suggestion(value=value))
                continue
            item = _obj(raw_item)
            if "list" in item:
                found.append(Suggestion(list_name=_str(item["list"])))
                continue
            value = self.rule(item["value"], f"{item_pointer}/value")
            label = _optional_text(item.get("label"))
            if value.variables and label is None:
                raise self.fail(
                    item_pointer, "a suggestion copied from another answer needs a label"
                )
            if not value.variables:
                self.check_literal(built, value, f"{item_pointer}/value")
            found.append(
                Suggestion(
                    value=value,
                    label=label,
                    when=self.optional_rule(item.get("when"), f"{item_pointer}/when"),
                )
            )
        return tuple(found)

    def check_literal(self, built: Field, value: Rule, pointer: str) -> None:
        """A value without ``var`` must already be a valid answer to ``built``."""
        literal = value.evaluate({}, today=dt.date(2000, 1, 1))
        try:
            if is_empty(literal):
                raise AnswerError(LocalText("trống", "empty"))
            normalise_answer(built, literal)
        except AnswerError as error:
            raise self.fail(pointer, f"not a valid answer: {error.message.en}") from error

    def check_fill_sources(self) -> None:
        """A copy never reads another copied field: one pass of :func:`fill_updates` suffices."""
        for field_id, item in self.fields.items():
            if item.fill_from is None:
                continue
            read = item.fill_from.when.variables | item.fill_from.value.variables
            for path in sorted(read):
                source = self.fields.get(path.split(".", 1)[0])
                if source is not None and source.fill_from is not None:
                    raise self.fail(
                        f"{self.field_places[field_id]}/fill_from",
                        f"fill_from reads {source.id!r}, "
                        "which is itself filled from another answer",
                    )

    def computation(self, item: JsonObject, pointer: str) -> Computation | None:
        if "compute" not in item:
            return None
        raw = _obj(item["compute"])
        fn = ComputeFn(_str(raw["fn"]))
        of = cast(str | None, raw.get("of"))
        if fn is ComputeFn.FEE:
            if of is not None:
                raise self.fail(f"{pointer}/compute/of", "'fee' takes no 'of'")
        else:
            source = self.fields.get(of) if of else None
            if source is None or source.type is not FieldType.DATE or of in self.group_of:
                raise self.fail(
                    f"{pointer}/compute/of",
                    f"{fn.value!r} needs 'of' naming an earlier top-level date field, got {of!r}",
                )
        return Computation(fn, of)

    def with_default(self, built: Field, raw: JsonValue, pointer: str) -> Field:
        try:
            value = normalise_answer(built, raw)
        except AnswerError as error:
            raise self.fail(
                pointer, f"default is not a valid answer: {error.message.en}"
            ) from error
        return replace(built, default=value)

    # -- references

    def check_rules(self) -> None:
        for pointer, compiled, group in self.pending_rules:
            for path in sorted(compiled.variables):
                head = path.split(".", 1)[0]
                known = head in self.fields and (
                    head not in self.group_of or self.group_of[head] == group
                )
                if not known:
                    raise self.fail(
                        pointer, f"rule reads {path!r}, which is not a field visible here"
                    )

    def field_of_type(
        self, field_id: str, pointer: str, types: set[FieldType], group: str | None = None
    ) -> Field:
        found = self.fields.get(field_id)
        if found is None or self.group_of.get(field_id) != group:
            where = f"in group {group!r}" if group else "at the top level"
            raise self.fail(pointer, f"{field_id!r} is not a field {where}")
        if found.type not in types:
            names = ", ".join(sorted(types))
            raise self.fail(pointer, f"{field_id!r} has type {found.type}, expected {names}")
        return found

    def choice_cases(self, choice: Field, cases: JsonObject, pointer: str) -> None:
        values = {option.value for option in choice.options}
        for value in cases:
            if value not in values:
                raise self.fail(
                    f"{pointer}/{value}", f"{value!r} is not an option of {choice.id!r}"
                )
        for value in sorted(values - set(cases)):
            raise self.fail(pointer, f"no case for option {value!r} of {choice.id!r}")

    # -- fee and processing

    def fee(self, raw: JsonValue, pointer: str) -> FeeRule:
        if isinstance(raw, int):
            return FixedFee(raw)
        item = _obj(raw)
        label = _optional_text(item.get("label"))
        kind = _str(item["kind"])
        number = {FieldType.NUMBER}
        if kind == "free":
            return FreeFee(label)
        if kind == "fixed":
            return FixedFee(_int(item["amount"]), label)
        if kind == "per_unit":
            count_field = _str(item["count_field"])
            self.field_of_type(count_field, f"{pointer}/count_field", number)
            return PerUnitFee(_int(item["rate"]), count_field, label)
        if kind == "per_page":
            group = cast(str | None, item.get("group"))
            if group is not None:
                self.field_of_type(group, f"{pointer}/group", {FieldType.REPEAT_GROUP})
            pages_field, copies_field = _str(item["pages_field"]), _str(item["copies_field"])
            self.field_of_type(pages_field, f"{pointer}/pages_field", number, group)
            self.field_of_type(copies_field, f"{pointer}/copies_field", number, group)
            name_field = cast(str | None, item.get("name_field"))
            if name_field is not None:
                if group is None:
                    raise self.fail(f"{pointer}/name_field", "'name_field' needs a 'group'")
                self.field_of_type(name_field, f"{pointer}/name_field", {FieldType.TEXT}, group)
            return PerPageFee(
                first_pages=_int(item["first_pages"]),
                first_rate=_int(item["first_rate"]),
                next_rate=_int(item["next_rate"]),
                cap_per_copy=_optional_int(item.get("cap_per_copy")),
                pages_field=pages_field,
                copies_field=copies_field,
                group=group,
                name_field=name_field,
                label=label,
            )
        if kind == "by_channel":
            return ByChannelFee(
                self.fee(item["in_person"], f"{pointer}/in_person"),
                self.fee(item["online"], f"{pointer}/online"),
            )
        if kind == "by_choice":
            field_id = _str(item["field"])
            choice = self.field_of_type(field_id, f"{pointer}/field", {FieldType.SINGLE_CHOICE})
            cases = _obj(item["cases"])
            self.choice_cases(choice, cases, f"{pointer}/cases")
            return ByChoiceFee(
                field_id,
                tuple(
                    (value, self.fee(sub, f"{pointer}/cases/{value}"))
                    for value, sub in cases.items()
                ),
            )
        if kind == "conditional":
            fee_cases = []
            for index, raw_case in enumerate(_list(item["cases"])):
                case = _obj(raw_case)
                case_pointer = f"{pointer}/cases/{index}"
                when = self.rule(case["when"], f"{case_pointer}/when")
                fee_cases.append(
                    FeeCase(
                        when,
                        self.fee(case["fee"], f"{case_pointer}/fee"),
                        _optional_text(case.get("reason")),
                    )
                )
            self.check_rules()
            return ConditionalFee(
                tuple(fee_cases),
                self.fee(item["otherwise"], f"{pointer}/otherwise"),
                _optional_text(item.get("otherwise_reason")),
            )
        assert kind == "sum", kind
        return SumFee(
            tuple(
                self.fee(part, f"{pointer}/parts/{index}")
                for index, part in enumerate(_list(item["parts"]))
            )
        )

    def processing(self, item: JsonObject, pointer: str) -> Processing:
        variants: list[tuple[str, Processing]] = []
        choice_field: str | None = None
        if "by_choice" in item:
            by_choice = _obj(item["by_choice"])
            choice_field = _str(by_choice["field"])
            choice = self.field_of_type(
                choice_field, f"{pointer}/by_choice/field", {FieldType.SINGLE_CHOICE}
            )
            cases = _obj(by_choice["cases"])
            values = {option.value for option in choice.options}
            for value, raw in cases.items():
                if value not in values:
                    raise self.fail(
                        f"{pointer}/by_choice/cases/{value}",
                        f"{value!r} is not an option of {choice_field!r}",
                    )
                variants.append(
                    (value, self.processing(_obj(raw), f"{pointer}/by_choice/cases/{value}"))
                )
        cutoff = item.get("same_day_cutoff")
        return Processing(
            working_days=_int(item["working_days"]),
            same_day=bool(item["same_day"]),
            same_day_cutoff=_time(cutoff) if isinstance(cutoff, str) else None,
            note=_optional_text(item.get("note")),
            by_choice_field=choice_field,
            by_choice=tuple(variants),
        )


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


# --- the catalogue -------------------------------------------------------------------------


class Catalogue(Mapping[str, ProcedureDefinition]):
    """The loaded procedures: ``catalogue[id]`` is the latest version of each.

    Every loaded version stays available through :meth:`version` so that a
    case started with an older definition can be resumed with it.
    ``errors`` lists the files skipped by a non-strict load.
    """

    def __init__(
        self,
        definitions: Iterable[ProcedureDefinition],
        errors: Iterable[DefinitionError] = (),
    ) -> None:
        self._versions: dict[str, dict[int, ProcedureDefinition]] = {}
        for definition in definitions:
            self._versions.setdefault(definition.id, {})[definition.version] = definition
        self.errors: tuple[DefinitionError, ...] = tuple(errors)

    def __getitem__(self, procedure_id: str) -> ProcedureDefinition:
        versions = self._versions[procedure_id]
        return versions[max(versions)]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._versions))

    def __len__(self) -> int:
        return len(self._versions)

    def version(self, procedure_id: str, version: int) -> ProcedureDefinition:
        """A specific version (KeyError if it was not loaded)."""
        return self._versions[procedure_id][version]

    def versions(self, procedure_id: str) -> tuple[int, ...]:
        """The loaded versions of a procedure, oldest first."""
        return tuple(sorted(self._versions.get(procedure_id, {})))

    def search(self, query: str) -> list[ProcedureDefinition]:
        """Latest definitions whose title (vi or en) has a word starting with each query word.

        Matching uses the diacritic-folded key, so "khai sinh", "KHAI SINH" and
        "khai sinh" typed without tone marks all find "Đăng ký khai sinh";
        "dang ky" finds "Đăng ký" (đ folded to d). Results are in tile order;
        a blank query returns every tile.
        """
        words = fold_vietnamese(query).split()
        found = []
        for definition in self.tiles():
            title = f"{definition.title.vi} {definition.title.en}"
            title_words = fold_vietnamese(title.replace(",", " ")).split()
            if all(any(t.startswith(word) for t in title_words) for word in words):
                found.append(definition)
        return found

    def tiles(self) -> list[ProcedureDefinition]:
        """Latest definitions in display order: ``order``, then the Vietnamese title."""
        return sorted(
            (self[procedure_id] for procedure_id in self),
            key=lambda definition: (definition.order, fold_vietnamese(definition.title.vi)),
        )


def load_catalogue(directory: Path | str | None = None, *, strict: bool = True) -> Catalogue:
    """Load every ``*.json`` definition of ``directory`` (default: the shipped ones).

    ``strict`` (the default, used by tests and the build) raises the first
    :class:`DefinitionError`; with ``strict=False`` a broken file is skipped
    and reported in ``Catalogue.errors`` so the kiosk still offers the others.
    Two files defining the same id and version are an error.
    """
    folder = Path(directory) if directory is not None else ASSETS_DIRECTORY
    schema_path = folder / SCHEMA_FILE_NAME
    schema = load_schema(schema_path if schema_path.exists() else None)
    definitions: list[ProcedureDefinition] = []
    errors: list[DefinitionError] = []
    origin: dict[tuple[str, int], str] = {}
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(".schema.json"):
            continue
        try:
            definition = load_definition(path, schema=schema)
            key = (definition.id, definition.version)
            if key in origin:
                raise DefinitionError(
                    path.name,
                    "/version",
                    f"procedure {definition.id!r} version {definition.version} "
                    f"is also defined in {origin[key]}",
                )
            origin[key] = path.name
            definitions.append(definition)
        except DefinitionError as error:
            if strict:
                raise
            errors.append(error)
    return Catalogue(definitions, errors)
