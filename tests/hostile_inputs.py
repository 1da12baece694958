"""Hypothesis strategies for input nobody meant to type: shared by the services' fuzz tests.

Text is drawn from every Unicode category, lone surrogates and unassigned code
points included (Hypothesis leaves surrogates out unless told), mixed with the
shapes that broke the services before: bidi overrides, emoji, NUL, long runs.
Example counts stay small: each module's fuzzing must cost seconds, not minutes.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

ANY_CHARACTER = st.characters(exclude_categories=())

TRICKY = [
    "",
    " ",
    "\ud800",
    "\udfff",
    "ab\ud83d",
    "\u202e",
    "\u202eabc",
    "\u2066\u2069",
    "\u200b",
    "😀",
    "👍🏽",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\ufeff",
    "\U0010ffff",
    "Ａ",
    "x" * 5000,
    "049090001234\ud800",
    "20551-261206-01-0001-8\u202e",
]

hostile_text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(ANY_CHARACTER, max_size=30),
    st.builds(lambda a, b: a + b, st.sampled_from(TRICKY), st.text(ANY_CHARACTER, max_size=10)),
)
"""Any string, weighted towards the known troublemakers."""

hostile_value = st.one_of(
    hostile_text,
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(hostile_text, max_size=3),
    st.dictionaries(hostile_text, hostile_text, max_size=2),
)
"""Any JSON-ish value a screen or a caller might hand a service."""

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
"""Modest: the whole module runs in a few seconds."""
