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
    # Luhn mod N misses exactly one swap, of the first and last symbols ("0" and "Z"),
    # as decimal Luhn misses 09 <-> 90.
    if code[swap] != code[swap + 1] and {code[swap], code[swap + 1]} != {"0", "Z"}:
        swapped = code[:swap] + code[swap + 1] + code[swap] + code[swap + 2 :]
        assert not references.is_valid_check(swapped)


def test_resume_codes_read_back_with_confusables_and_dashes() -> None:
    code = references.new_resume_code()
    shown = references.format_resume_code(code)
    assert len(shown) == 8 and shown[4] == "-"
    assert references.parse_resume_code(shown.lower()) == code
    typed = shown.replace("0", "O").replace("1", "I")
    assert references.parse_resume_code(typed) == code
    assert references.parse_resume_code("ABCD-EF") is None
    assert references.parse_resume_code("🙂🙂🙂🙂-🙂🙂🙂") is None
