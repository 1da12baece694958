"""Answers offered as one tap beside a field: common values, copies, the ward's own list.

A text, name or address field may list ``suggestions`` in its definition::

    "suggestions": [
        "Kinh",
        {"list": "birth_places"},
        {"label": {"vi": "Giống nơi cư trú của người đi khai sinh", "en": "..."},
         "value": {"var": "requester_address"},
         "when": {"!=": [{"var": "requester_relationship"}, "mother"]}}
    ]

A string is offered as it is. ``{"list": name}`` offers every entry of the
kiosk's local list of that name: data that differs from ward to ward (the
health facilities where children of the ward are born) lives in
``assets/procedures/local/<ward code>.json``, not in the national definition.
An object's ``value`` is a rule expression (a copy of another answer);
``when`` hides it while false. :func:`suggested_answers` evaluates them for
the current answers, normalises each like an answer and drops empty,
invalid and repeated values; a tap on a chip answers the field with it.

A local list file::

    {"ward_code": "20551", "note": "...", "lists": {"birth_places": ["..."]}}

A missing file is normal (no local suggestions); a damaged one is logged
(its name and the reason, never its content) and ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.office_day import office_today
from kiosk.procedures.answers import clean_text, normalise_answer
from kiosk.procedures.base import Answers, JsonValue, LocalText
from kiosk.procedures.errors import AnswerError
from kiosk.procedures.model import Field
from kiosk.procedures.rules import is_empty

_log = logging.getLogger(__name__)

LOCAL_LISTS_DIRECTORY = Path(__file__).resolve().parents[2] / "assets" / "procedures" / "local"
"""Where the per-ward lists live in a source checkout (``<ward code>.json``)."""

MAX_LIST_ITEMS = 30
MAX_ITEM_LENGTH = 200
MAX_FILE_BYTES = 200_000
_LIST_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_WARD_CODE = re.compile(r"^\d{5}$")

type LocalLists = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class SuggestedAnswer:
    """One chip: what it says (``label``) and the normalised answer a tap gives (``value``)."""

    label: LocalText
    value: JsonValue


class LocalListError(ValueError):
    """A local list file that cannot be used (the reason is in English, for the log)."""


def parse_local_lists(data: object) -> dict[str, tuple[str, ...]]:
    """The lists of a parsed local list file, NFC and trimmed; LocalListError if malformed."""
    if not isinstance(data, dict) or not isinstance(data.get("lists"), dict):
        raise LocalListError("expected an object with a 'lists' object")
    lists: dict[str, tuple[str, ...]] = {}
    for name, items in data["lists"].items():
        if not isinstance(name, str) or not _LIST_NAME.match(name):
            raise LocalListError(f"list name {name!r} is not a lower-case identifier")
        if not isinstance(items, list) or len(items) > MAX_LIST_ITEMS:
            raise LocalListError(f"list {name!r} must be an array of at most {MAX_LIST_ITEMS}")
        cleaned: list[str] = []
        for index, item in enumerate(items):
            try:
                text = clean_text(item, MAX_ITEM_LENGTH) if isinstance(item, str) else None
            except AnswerError:
                text = None
            if text is None:
                raise LocalListError(f"list {name!r} item {index} is not usable text")
            if text not in cleaned:
                cleaned.append(text)
        lists[name] = tuple(cleaned)
    return lists


def load_local_lists(
    ward_code: str | int, directory: Path | None = None
) -> dict[str, tuple[str, ...]]:
    """The local lists of the ward ``ward_code`` (5 digits); empty when it has none or is broken."""
    code = str(ward_code)
    if not _WARD_CODE.match(code):
        return {}
    path = (directory or LOCAL_LISTS_DIRECTORY) / f"{code}.json"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        _log.warning("local lists %s not readable: %s", path.name, error.strerror)
        return {}
    try:
        if len(raw) > MAX_FILE_BYTES:
            raise LocalListError(f"larger than {MAX_FILE_BYTES} bytes")
        data = json.loads(raw.decode("utf-8"))
        if isinstance(data, dict) and data.get("ward_code") not in (None, code):
            raise LocalListError("ward_code does not match the file name")
        return parse_local_lists(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        _log.warning(
            "local lists %s ignored: not valid UTF-8 JSON (%s)", path.name, type(error).__name__
        )
    except LocalListError as error:
        _log.warning("local lists %s ignored: %s", path.name, error)
    return {}


def _offer(field: Field, raw: JsonValue) -> JsonValue:
    if is_empty(raw):
        return None
    try:
        value = normalise_answer(field, raw)
    except AnswerError:
        return None
    return None if is_empty(value) else value


def suggested_answers(
    field: Field,
    answers: Answers,
    *,
    local_lists: LocalLists | None = None,
    today: dt.date | None = None,
) -> tuple[SuggestedAnswer, ...]:
    """The chips to show beside ``field`` now, in the definition's order, without repeats."""
    day = today if today is not None else office_today()
    lists = local_lists or {}
    offered: list[SuggestedAnswer] = []

    def add(label: LocalText | None, raw: JsonValue) -> None:
        value = _offer(field, raw)
        if value is None or any(existing.value == value for existing in offered):
            return
        text = value if isinstance(value, str) else ""
        offered.append(SuggestedAnswer(label or LocalText(text, text), value))

    for suggestion in field.suggestions:
        if suggestion.list_name is not None:
            for item in lists.get(suggestion.list_name, ()):
                add(None, item)
            continue
        if suggestion.when is not None and not suggestion.when.holds(answers, today=day):
            continue
        if suggestion.value is not None:
            add(suggestion.label, suggestion.value.evaluate(answers, today=day))
    return tuple(offered)
