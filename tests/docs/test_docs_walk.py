"""docs/walk.md and docs/screenshots/ agree with the walk's code (scripts/walk).

Every picture the walk is to copy comes from a configuration and procedure it walks,
is in docs/screenshots/ and is named in docs/walk.md; the walk never overwrites the
pictures the qtbot tests make; the README shows only pictures that exist; the walk
covers every shipped procedure in Vietnamese at 1366x768.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.walk.configs import ALL_PROCEDURES, CONFIGURATIONS
from scripts.walk.docs_shots import CHOSEN, DOCS_SHOTS
from tests.cases_support import shipped_catalogue

ROOT = Path(__file__).resolve().parents[2]
# Pictures the qtbot tests make (the chip reader, a refused answer, the year picker and
# the review of scanned pages are not on the walk's path); docs/walk.md names them.
FROM_TESTS = {
    "chip-is-this-you.png",
    "chip-mother-from-card.png",
    "wizard-refused-answer.png",
    "wizard-year-picker.png",
    "documents-review.png",
}


def test_the_walk_covers_every_shipped_procedure() -> None:
    assert set(ALL_PROCEDURES) == set(shipped_catalogue())
    vietnamese = next(c for c in CONFIGURATIONS if c.name == "vi-1366x768")
    assert set(vietnamese.procedures) == set(ALL_PROCEDURES)
    looks = {(c.language, c.large_text, c.high_contrast, c.width) for c in CONFIGURATIONS}
    assert ("en", False, False, 1366) in looks
    assert ("vi", True, False, 1366) in looks
    assert ("vi", False, True, 1366) in looks
    assert ("vi", True, True, 1366) in looks
    assert any(width == 1920 for *_rest, width in looks)


def test_every_chosen_picture_comes_from_a_walked_procedure() -> None:
    walked = {c.name: c.procedures for c in CONFIGURATIONS}
    for docs_name, (config, procedure, _label) in CHOSEN.items():
        assert procedure in walked.get(config, ()), docs_name


def test_every_chosen_picture_is_in_docs_and_named_there() -> None:
    on_disk = {path.name for path in DOCS_SHOTS.glob("*.png")}
    assert set(CHOSEN) <= on_disk
    assert not set(CHOSEN) & FROM_TESTS, "the walk must not overwrite the tests' pictures"
    walk_doc = (ROOT / "docs" / "walk.md").read_text(encoding="utf-8")
    for name in [*CHOSEN, *FROM_TESTS]:
        assert f"`{name}`" in walk_doc, name


def test_the_readme_shows_only_pictures_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\(docs/screenshots/([^)]+\.png)\)", readme)
    assert shown
    for name in shown:
        assert (DOCS_SHOTS / name).exists(), name
