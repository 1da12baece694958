"""Small value types shared by every module of the form engine.

``JsonValue`` is what an answer, a default or a rule literal may hold: the
answers dict of a case is plain JSON (dates as ISO ``"YYYY-MM-DD"`` strings),
so it can be autosaved, encrypted and sent to the portal without conversion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

type JsonValue = bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None
"""A value that survives ``json.dumps``/``json.loads`` unchanged."""

type Answers = Mapping[str, JsonValue]
"""The answers of one case, keyed by field id (field ids are unique per definition)."""


@dataclass(frozen=True, slots=True)
class LocalText:
    """A text in Vietnamese (the official language, always present) and English.

    ``get("en")`` returns the English text; any other language falls back to
    Vietnamese, so a screen never shows an empty label.
    """

    vi: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``"vi"`` or ``"en"``); Vietnamese for anything else."""
        return self.en if lang == "en" and self.en else self.vi

    def format(self, **values: object) -> LocalText:
        """Both texts with ``str.format`` placeholders filled (for engine messages only)."""
        return LocalText(self.vi.format(**values), self.en.format(**values))

    @classmethod
    def from_json(cls, value: Mapping[str, JsonValue]) -> LocalText:
        """Build from ``{"vi": ..., "en": ...}`` (already checked by the schema)."""
        return cls(str(value["vi"]), str(value["en"]))
