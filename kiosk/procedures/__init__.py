"""The form engine: procedure definitions as data, answers, rules, fees.

No Qt and no database here. The usual flow for a case::

    catalogue = load_catalogue()                    # assets/procedures/*.json
    definition = catalogue["birth"]                 # latest version
    answers = initial_answers(definition, card)     # defaults + ID card prefill
    for step in visible_steps(definition, answers):
        for field in visible_fields(definition, step, answers):
            before = dict(answers)
            answers[field.id] = normalise_answer(field, raw)   # AnswerError -> show message
            copies = fill_updates(definition, before, answers)  # "I am the father": None clears
        errors = validate_step(definition, step.id, answers)   # {field_id: LocalText}
    computed = compute_values(definition, answers)  # date in words, age, fee
    quote = compute_fee(definition, answers, "in_person")
    printable = visible_answers(definition, answers)

Modules: :mod:`.model` (dataclasses), :mod:`.loader` (JSON + schema + checks),
:mod:`.rules` (safe JSON-logic subset), :mod:`.answers` (normalisation),
:mod:`.validation` (visibility, required, constraints), :mod:`.prefill`
(ID card), :mod:`.fill` (copies from other answers), :mod:`.suggestions`
(one-tap answers, per-ward lists), :mod:`.compute` (computed fields),
:mod:`.fees` (fee quotes), :mod:`.units` (administrative units adapter).
"""

from typing import TYPE_CHECKING

from kiosk.lazy_names import lazy_attributes

# Names load on first use: importing ``kiosk.procedures.base`` (``LocalText``, which every
# error type carries) or naming ``Catalogue`` in a hint must not load the whole form
# engine (its model, rules, fees and Babel: about 30 ms of `kiosk-sync run`'s start).
# Type checkers see the real imports below.
if TYPE_CHECKING:
    from kiosk.procedures.answers import normalise_answer, normalise_member
    from kiosk.procedures.base import Answers, JsonValue, LocalText
    from kiosk.procedures.compute import compute_field, compute_values
    from kiosk.procedures.errors import AnswerError, DefinitionError, RuleError
    from kiosk.procedures.fees import Channel, FeeLine, FeeQuote, compute_fee, copy_fee
    from kiosk.procedures.fill import copy_value, fill_updates, filled_fields
    from kiosk.procedures.loader import (
        ASSETS_DIRECTORY,
        Catalogue,
        load_catalogue,
        load_definition,
        parse_definition,
    )
    from kiosk.procedures.model import (
        AgencyInfo,
        Computation,
        ComputeFn,
        Constraint,
        DocumentForm,
        DocumentSlot,
        FeeRule,
        Field,
        FieldType,
        FillFrom,
        Option,
        PerMember,
        PrefillSource,
        ProcedureDefinition,
        Processing,
        RequiredDocument,
        SlotRequirement,
        Step,
        Suggestion,
    )
    from kiosk.procedures.prefill import IdCardLike, initial_answers, prefill_from_card
    from kiosk.procedures.rules import Rule
    from kiosk.procedures.suggestions import SuggestedAnswer, load_local_lists, suggested_answers
    from kiosk.procedures.units import place_name
    from kiosk.procedures.validation import (
        applicable_documents,
        first_step_with_errors,
        is_field_visible,
        is_step_visible,
        latest_year,
        missing_documents,
        validate_all,
        validate_step,
        visible_answers,
        visible_fields,
        visible_steps,
    )

_LAZY = {
    "ASSETS_DIRECTORY": "kiosk.procedures.loader",
    "AgencyInfo": "kiosk.procedures.model",
    "AnswerError": "kiosk.procedures.errors",
    "Answers": "kiosk.procedures.base",
    "Catalogue": "kiosk.procedures.loader",
    "Channel": "kiosk.procedures.fees",
    "Computation": "kiosk.procedures.model",
    "ComputeFn": "kiosk.procedures.model",
    "Constraint": "kiosk.procedures.model",
    "DefinitionError": "kiosk.procedures.errors",
    "DocumentForm": "kiosk.procedures.model",
    "DocumentSlot": "kiosk.procedures.model",
    "FeeLine": "kiosk.procedures.fees",
    "FeeQuote": "kiosk.procedures.fees",
    "FeeRule": "kiosk.procedures.model",
    "Field": "kiosk.procedures.model",
    "FieldType": "kiosk.procedures.model",
    "FillFrom": "kiosk.procedures.model",
    "IdCardLike": "kiosk.procedures.prefill",
    "JsonValue": "kiosk.procedures.base",
    "LocalText": "kiosk.procedures.base",
    "Option": "kiosk.procedures.model",
    "PerMember": "kiosk.procedures.model",
    "PrefillSource": "kiosk.procedures.model",
    "ProcedureDefinition": "kiosk.procedures.model",
    "Processing": "kiosk.procedures.model",
    "RequiredDocument": "kiosk.procedures.model",
    "Rule": "kiosk.procedures.rules",
    "RuleError": "kiosk.procedures.errors",
    "SlotRequirement": "kiosk.procedures.model",
    "Step": "kiosk.procedures.model",
    "SuggestedAnswer": "kiosk.procedures.suggestions",
    "Suggestion": "kiosk.procedures.model",
    "applicable_documents": "kiosk.procedures.validation",
    "compute_fee": "kiosk.procedures.fees",
    "compute_field": "kiosk.procedures.compute",
    "compute_values": "kiosk.procedures.compute",
    "copy_fee": "kiosk.procedures.fees",
    "copy_value": "kiosk.procedures.fill",
    "fill_updates": "kiosk.procedures.fill",
    "filled_fields": "kiosk.procedures.fill",
    "first_step_with_errors": "kiosk.procedures.validation",
    "initial_answers": "kiosk.procedures.prefill",
    "is_field_visible": "kiosk.procedures.validation",
    "is_step_visible": "kiosk.procedures.validation",
    "latest_year": "kiosk.procedures.validation",
    "load_catalogue": "kiosk.procedures.loader",
    "load_definition": "kiosk.procedures.loader",
    "load_local_lists": "kiosk.procedures.suggestions",
    "missing_documents": "kiosk.procedures.validation",
    "normalise_answer": "kiosk.procedures.answers",
    "normalise_member": "kiosk.procedures.answers",
    "parse_definition": "kiosk.procedures.loader",
    "place_name": "kiosk.procedures.units",
    "prefill_from_card": "kiosk.procedures.prefill",
    "suggested_answers": "kiosk.procedures.suggestions",
    "validate_all": "kiosk.procedures.validation",
    "validate_step": "kiosk.procedures.validation",
    "visible_answers": "kiosk.procedures.validation",
    "visible_fields": "kiosk.procedures.validation",
    "visible_steps": "kiosk.procedures.validation",
}

__getattr__ = lazy_attributes(__name__, _LAZY, globals())

__all__ = [
    "ASSETS_DIRECTORY",
    "AgencyInfo",
    "AnswerError",
    "Answers",
    "Catalogue",
    "Channel",
    "Computation",
    "ComputeFn",
    "Constraint",
    "DefinitionError",
    "DocumentForm",
    "DocumentSlot",
    "FeeLine",
    "FeeQuote",
    "FeeRule",
    "Field",
    "FieldType",
    "FillFrom",
    "IdCardLike",
    "JsonValue",
    "LocalText",
    "Option",
    "PerMember",
    "PrefillSource",
    "ProcedureDefinition",
    "Processing",
    "RequiredDocument",
    "Rule",
    "RuleError",
    "SlotRequirement",
    "Step",
    "SuggestedAnswer",
    "Suggestion",
    "applicable_documents",
    "compute_fee",
    "compute_field",
    "compute_values",
    "copy_fee",
    "copy_value",
    "fill_updates",
    "filled_fields",
    "first_step_with_errors",
    "initial_answers",
    "is_field_visible",
    "is_step_visible",
    "latest_year",
    "load_catalogue",
    "load_definition",
    "load_local_lists",
    "missing_documents",
    "normalise_answer",
    "normalise_member",
    "parse_definition",
    "place_name",
    "prefill_from_card",
    "suggested_answers",
    "validate_all",
    "validate_step",
    "visible_answers",
    "visible_fields",
    "visible_steps",
]
