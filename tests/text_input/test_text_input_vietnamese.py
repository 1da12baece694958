"""Tone placement for the on-screen keyboard: a table of real words, then properties."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity.text import fold_vietnamese
from kiosk.text_input import (
    Tone,
    ToneStyle,
    apply_tone,
    reposition_tone,
    split_last_word,
    tone_of,
)
from kiosk.text_input.vietnamese import TONE_MARKS

S, F, R, X, J, Z = Tone.SAC, Tone.HUYEN, Tone.HOI, Tone.NGA, Tone.NANG, Tone.NONE

# (word as typed without tone, tone tapped, classic result, modern result if different)
WORDS: list[tuple[str, Tone, str, str | None]] = [
    ("Nguyên", X, "Nguyễn", None),
    ("Trương", F, "Trường", None),
    ("Khuêch", S, "Khuếch", None),
    ("Huê", F, "Huề", None),
    ("Quynh", F, "Quỳnh", None),
    ("Giau", F, "Giàu", None),
    ("Hoa", F, "Hòa", "Hoà"),
    ("Thuy", R, "Thủy", "Thuỷ"),
    ("Thuy", S, "Thúy", "Thuý"),
    ("Ngươi", F, "Người", None),
    ("Viêt", J, "Việt", None),
    ("Đưc", S, "Đức", None),
    ("Phương", J, "Phượng", None),
    ("Huynh", F, "Huỳnh", None),
    ("Cua", R, "Của", None),
    ("Quôc", S, "Quốc", None),
    ("Gin", F, "Gìn", None),
    ("Hoang", F, "Hoàng", None),
    ("Tuân", F, "Tuần", None),
    ("Xuân", Z, "Xuân", None),
    ("Lê", J, "Lệ", None),
    ("Pham", J, "Phạm", None),
    ("Trân", F, "Trần", None),
    ("Vu", X, "Vũ", None),
    ("Đăng", J, "Đặng", None),
    ("Bui", F, "Bùi", None),
    ("Đô", X, "Đỗ", None),
    ("Ly", S, "Lý", None),
    ("Hô", F, "Hồ", None),
    ("Vo", X, "Võ", None),
    ("Thi", J, "Thị", None),
    ("Hai", R, "Hải", None),
    ("Khoa", S, "Khóa", "Khoá"),
    ("Khoe", R, "Khỏe", "Khoẻ"),
    ("Tuyêt", S, "Tuyết", None),
    ("Nguyêt", J, "Nguyệt", None),
    ("Quyên", F, "Quyền", None),
    ("Quyêt", S, "Quyết", None),
    ("Gia", F, "Già", None),
    ("Giư", X, "Giữ", None),
    ("Giưa", X, "Giữa", None),
    ("Giua", X, "Giũa", None),
    ("Giêng", S, "Giếng", None),
    ("Giup", S, "Giúp", None),
    ("Giương", F, "Giường", None),
    ("Gi", F, "Gì", None),
    ("Qua", S, "Quá", None),
    ("Quy", S, "Quý", None),
    ("Quai", S, "Quái", None),
    ("Ngoai", F, "Ngoài", None),
    ("Khuyu", R, "Khuỷu", None),
    ("Ngoeo", J, "Ngoẹo", None),
    ("Cưu", S, "Cứu", None),
    ("Cưa", R, "Cửa", None),
    ("Gưi", R, "Gửi", None),
    ("Mua", F, "Mùa", None),
    ("Mia", S, "Mía", None),
    ("Rươu", J, "Rượu", None),
    ("Ươt", S, "Ướt", None),
    ("Yên", S, "Yến", None),
    ("Yêu", R, "Yểu", None),
    ("Toan", S, "Toán", None),
    ("Hoach", J, "Hoạch", None),
    ("Xoay", S, "Xoáy", None),
    ("Tuôi", R, "Tuổi", None),
    ("Đươc", J, "Được", None),
    ("Thuơ", R, "Thuở", None),
    ("Chiêu", F, "Chiều", None),
    ("Bao", S, "Báo", None),
    ("Dâu", J, "Dậu", None),
    ("Cây", S, "Cấy", None),
    ("Khuây", R, "Khuẩy", None),
    ("Thuyên", F, "Thuyền", None),
    ("Uy", S, "Úy", "Uý"),
    ("Oa", F, "Òa", "Oà"),
    ("Ăt", S, "Ắt", None),
    ("Khanh", S, "Khánh", None),
    ("Xoăn", S, "Xoắn", None),
    ("Lơi", F, "Lời", None),
    ("Hưu", F, "Hừu", None),
    ("A", R, "Ả", None),
    ("NGUYÊN", X, "NGUYỄN", None),
    ("QUÔC", S, "QUỐC", None),
    ("GIƯA", X, "GIỮA", None),
    ("HOA", F, "HÒA", "HOÀ"),
    ("giau", F, "giàu", None),
]


def test_table_is_large_enough() -> None:
    assert len({(word, tone) for word, tone, _, _ in WORDS}) >= 60


@pytest.mark.parametrize(("typed", "tone", "classic", "modern"), WORDS)
def test_tone_lands_on_the_right_vowel(
    typed: str, tone: Tone, classic: str, modern: str | None
) -> None:
    assert apply_tone(typed, tone) == classic
    assert apply_tone(typed, tone, ToneStyle.CLASSIC) == classic
    assert apply_tone(typed, tone, ToneStyle.MODERN) == (modern or classic)
    assert unicodedata.is_normalized("NFC", apply_tone(typed, tone))


@pytest.mark.parametrize(("typed", "tone", "classic", "modern"), WORDS)
def test_no_tone_key_gives_back_the_typed_word(
    typed: str, tone: Tone, classic: str, modern: str | None
) -> None:
    assert apply_tone(classic, Tone.NONE) == typed
    assert apply_tone(modern or classic, Tone.NONE, ToneStyle.MODERN) == typed
    assert tone_of(classic) == tone


def test_new_tone_replaces_the_old_one() -> None:
    assert apply_tone("Nguyễn", Tone.HUYEN) == "Nguyền"
    assert apply_tone("Nguyền", Tone.NGA) == "Nguyễn"
    assert apply_tone("Hòa", Tone.NONE) == "Hoa"
    # A modern-style word retoned in the classic style moves its mark.
    assert apply_tone("Hoà", Tone.SAC) == "Hóa"


def test_only_the_last_word_changes() -> None:
    assert apply_tone("Trần Văn Nguyên", Tone.NGA) == "Trần Văn Nguyễn"
    assert apply_tone("Lê Thị Hoa", Tone.HUYEN, ToneStyle.MODERN) == "Lê Thị Hoà"


@pytest.mark.parametrize("text", ["", " ", "số 12", "đ", "Ng", "Hòa ", "xin-", "\x00", "🙂"])
def test_nothing_to_mark_comes_back_unchanged(text: str) -> None:
    for tone in Tone:
        assert apply_tone(text, tone) == text


def test_decomposed_input_comes_back_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyên")
    assert apply_tone(decomposed, Tone.NGA) == "Nguyễn"
    assert apply_tone(unicodedata.normalize("NFD", "Nguyễn"), Tone.NGA) == "Nguyễn"


def test_reposition_after_a_letter() -> None:
    assert reposition_tone("hòan") == "hoàn"
    assert reposition_tone("qúy") == "quý"
    assert reposition_tone("Nguyễn") == "Nguyễn"
    assert reposition_tone("Thủyên") == "Thuyển"
    assert reposition_tone("hoa") == "hoa"


def test_split_last_word() -> None:
    assert split_last_word("Bà Nguyên") == ("Bà ", "Nguyên")
    assert split_last_word("số 12") == ("số 12", "")
    assert split_last_word("") == ("", "")


def test_ten_thousand_characters() -> None:
    long_text = "a" * 10_000
    assert apply_tone(long_text, Tone.SAC).count("á") == 1


VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯQUGINH"
vietnamese_text = st.text(alphabet=VIETNAMESE_LETTERS + " 0", max_size=12)
any_text = st.one_of(st.text(max_size=40), vietnamese_text)
tones = st.sampled_from(list(Tone))
styles = st.sampled_from(list(ToneStyle))


def _tone_marks_in_last_word(text: str) -> int:
    _head, word = split_last_word(text)
    marks = set(TONE_MARKS.values())
    return sum(1 for ch in unicodedata.normalize("NFD", word) if ch in marks)


@given(any_text, tones, styles)
def test_any_text_any_tone_never_raises_and_is_nfc(text: str, tone: Tone, style: ToneStyle) -> None:
    result = apply_tone(text, tone, style)
    assert unicodedata.is_normalized("NFC", result)
    assert fold_vietnamese(result) == fold_vietnamese(text)
    assert unicodedata.is_normalized("NFC", reposition_tone(text, style))


@given(vietnamese_text, tones, tones, styles)
def test_last_tone_wins(text: str, first: Tone, second: Tone, style: ToneStyle) -> None:
    assert apply_tone(apply_tone(text, first, style), second, style) == apply_tone(
        text, second, style
    )


@given(vietnamese_text, tones, styles)
def test_one_mark_at_most_and_readable_back(text: str, tone: Tone, style: ToneStyle) -> None:
    result = apply_tone(text, tone, style)
    _head, word = split_last_word(text)
    has_vowel = any(ch.lower() in "aăâeêioôơuưy" for ch in word)
    if has_vowel:
        assert tone_of(result) == tone
        assert _tone_marks_in_last_word(result) == (0 if tone is Tone.NONE else 1)
    else:
        assert result == unicodedata.normalize("NFC", text)
