from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kiosk.cases import references
from kiosk.cases.references import ALPHABET


def test_local_reference_shape_and_check() -> None:
    ref = references.local_reference("20551", dt.date(2026, 11, 29), 3, 17)
    assert ref.startswith("20551-261129-03-0017-")
    assert references.is_valid_local_reference(ref)
    assert references.is_valid_local_reference(ref.lower())


def test_kiosk_number_keeps_two_kiosks_apart() -> None:
    day = dt.date(2026, 11, 29)
    assert references.local_reference("20551", day, 1, 1) != references.local_reference(
        "20551", day, 2, 1
    )


@given(st.text(alphabet=ALPHABET, min_size=4, max_size=20), st.data())
def test_check_character_catches_single_errors_and_swaps(body: str, data: st.DataObject) -> None:
    code = body + references.check_character(body)
    assert references.is_valid_check(code)
    index = data.draw(st.integers(0, len(code) - 1))
    replacement = data.draw(st.sampled_from(ALPHABET).filter(lambda c: c != code[index]))
    assert not references.is_valid_check(code[:index] + replacement + code[index + 1 :])
    swap = data.draw(st.integers(0, len(code) - 2))
    if code[swap] != code[swap + 1] and not references.has_blind_swap(code):
        swapped = code[:swap] + code[swap + 1] + code[swap] + code[swap + 2 :]
        assert not references.is_valid_check(swapped)


def _code_with(left: str, right: str, at: int, length: int = 7) -> str:
    """A checked code of ``length`` with ``left`` and ``right`` at ``at`` and ``at + 1``.

    When ``right`` is the check character itself, the first character is chosen so
    that the check comes out as ``right`` (one of the 32 first characters does).
    """
    body_length = length - 1
    if at + 1 < body_length:
        body = "1" * at + left + right + "1" * (body_length - at - 2)
        return body + references.check_character(body)
    for first in ALPHABET:
        body = first + "1" * (body_length - 2) + left
        if references.check_character(body) == right:
            return body + right
    raise AssertionError(f"no body of length {body_length} has the check {right}")


def test_luhn_mod_32_misses_exactly_the_0_z_swap_over_every_pair_and_place() -> None:
    missed: set[frozenset[str]] = set()
    for left in ALPHABET:
        for right in ALPHABET:
            if left == right:
                continue
            for at in range(6):  # the last place swaps the body's end with the check
                code = _code_with(left, right, at)
                assert references.is_valid_check(code)
                swapped = code[:at] + right + left + code[at + 2 :]
                if references.is_valid_check(swapped):
                    missed.add(frozenset({left, right}))
    assert missed == {frozenset({"0", "Z"})}


def test_new_resume_codes_never_offer_the_blind_swap() -> None:
    # A scripted chooser: the first draw has 0 next to Z, which must be drawn again.
    draws = iter("A0Z123" + "AB0C1Z")
    code = references.new_resume_code(lambda alphabet: next(draws))
    assert code[:6] == "AB0C1Z"
    assert not references.has_blind_swap(code)
    for _ in range(500):
        code = references.new_resume_code()
        assert not references.has_blind_swap(code)
        for at in range(len(code) - 1):
            if code[at] != code[at + 1]:
                swapped = code[:at] + code[at + 1] + code[at] + code[at + 2 :]
                assert references.parse_resume_code(swapped) is None


def test_every_neighbour_swap_in_a_local_reference_is_caught() -> None:
    day = dt.date(2026, 11, 29)
    blind_places = 0
    for sequence in range(10_000):
        reference = references.local_reference("20551", day, 3, sequence)
        assert references.is_valid_local_reference(reference)
        if reference.endswith("0-Z"):
            blind_places += 1  # "0" and "Z" would be neighbours without the dash
        for at in range(len(reference) - 1):
            if reference[at] != reference[at + 1]:
                swapped = reference[:at] + reference[at + 1] + reference[at] + reference[at + 2 :]
                assert not references.is_valid_local_reference(swapped), swapped
    assert blind_places > 0  # the case that needs the shape check really occurs


def test_resume_codes_read_back_with_confusables_and_dashes() -> None:
    code = references.new_resume_code()
    shown = references.format_resume_code(code)
    assert len(shown) == 8 and shown[4] == "-"
    assert references.parse_resume_code(shown.lower()) == code
    typed = shown.replace("0", "O").replace("1", "I")
    assert references.parse_resume_code(typed) == code
    assert references.parse_resume_code("ABCD-EF") is None
    assert references.parse_resume_code("🙂🙂🙂🙂-🙂🙂🙂") is None
