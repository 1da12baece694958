"""VietQR payloads: the published vectors, the CRC, the field rules and bad input."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from kiosk.documents import qr_png
from kiosk.payments import (
    PaymentDataError,
    crc16_ccitt_false,
    parse_vietqr,
    to_plain_ascii,
    vietqr_payload,
)
from kiosk.payments.tlv import tlv_split

# The three vectors of shared/domain/vietqr.md, byte for byte.
VECTOR_STATIC_BIDV = (
    "00020101021138540010A00000072701240006970418011012345678900208QRIBFTTA53037045802VN6304995B"
)
VECTOR_SACOMBANK = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
    "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"
)
VECTOR_ACB = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
    "53037045405100005802VN62150811Chuyen tien630453E6"
)


def test_crc_check_value() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_crc_of_empty_input_is_the_initial_value() -> None:
    assert crc16_ccitt_false(b"") == 0xFFFF


def _crc_bit_by_bit(data: bytes) -> int:
    """The EMVCo definition read literally, as an independent reference."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


@given(st.binary(max_size=300))
def test_crc_matches_the_bitwise_definition(data: bytes) -> None:
    assert crc16_ccitt_false(data) == _crc_bit_by_bit(data)


def test_vector_static_bidv() -> None:
    assert vietqr_payload(bank_bin="970418", account="1234567890") == VECTOR_STATIC_BIDV


def test_vector_dynamic_sacombank_with_bill_number_and_purpose() -> None:
    payload = vietqr_payload(
        bank_bin="970403",
        account="0011012345678",
        amount=180000,
        bill_number="NPS6869",
        purpose="thanh toan don hang",
    )
    assert payload == VECTOR_SACOMBANK


def test_vector_dynamic_acb_with_purpose_only() -> None:
    payload = vietqr_payload(
        bank_bin="970416", account="257678859", amount=10000, purpose="Chuyen tien"
    )
    assert payload == VECTOR_ACB


@pytest.mark.parametrize("vector", [VECTOR_STATIC_BIDV, VECTOR_SACOMBANK, VECTOR_ACB])
def test_vectors_parse_back(vector: str) -> None:
    parsed = parse_vietqr(vector)
    rebuilt = vietqr_payload(
        bank_bin=parsed["bank_bin"],
        account=parsed["account"],
        amount=parsed["amount"],
        bill_number=parsed["bill_number"],
        purpose=parsed["purpose"],
        to_card=parsed["to_card"],
    )
    assert rebuilt == vector


def test_point_of_initiation_follows_the_amount() -> None:
    static = parse_vietqr(vietqr_payload(bank_bin="970436", account="0011004"))
    dynamic = parse_vietqr(vietqr_payload(bank_bin="970436", account="0011004", amount=1))
    assert (static["dynamic"], static["amount"]) == (False, None)
    assert (dynamic["dynamic"], dynamic["amount"]) == (True, 1)
    assert dict(tlv_split(vietqr_payload(bank_bin="970436", account="1")[:-8]))["01"] == "11"


def test_tag_62_only_with_bill_number_or_purpose() -> None:
    without = vietqr_payload(bank_bin="970436", account="123", amount=5000)
    assert "62" not in dict(tlv_split(without[:-8]))
    empty_strings = vietqr_payload(
        bank_bin="970436", account="123", amount=5000, bill_number="", purpose=""
    )
    assert empty_strings == without
    with_bill = dict(
        tlv_split(vietqr_payload(bank_bin="970436", account="1", bill_number="A1")[:-8])
    )
    assert with_bill["62"] == "0102A1"


def test_to_card_uses_qribfttc() -> None:
    payload = vietqr_payload(
        bank_bin="970436", account="9704361234567890", amount=50000, purpose="LE PHI", to_card=True
    )
    parsed = parse_vietqr(payload)
    assert parsed["service"] == "QRIBFTTC"
    assert parsed["to_card"] is True
    assert "0208QRIBFTTC" in payload
    assert parsed["purpose"] == "LE PHI"
    assert parsed["amount"] == 50000


def test_vietnamese_purpose_becomes_plain_ascii() -> None:
    payload = vietqr_payload(
        bank_bin="970415",
        account="1012345678",
        amount=20000,
        purpose="  Lệ phí   đăng ký thường trú ",
    )
    assert payload.isascii()
    assert parse_vietqr(payload)["purpose"] == "Le phi dang ky thuong tru"


def test_decomposed_and_composed_diacritics_give_the_same_payload() -> None:
    composed = "Phí chứng thực Đợt 2"
    decomposed = "Phi\u0301 chu\u031b\u0301ng thu\u031b\u0323c D\u0111o\u031b\u0323t 2"
    decomposed = decomposed.replace("D\u0111", "Đ")
    assert to_plain_ascii(composed) == to_plain_ascii(decomposed) == "Phi chung thuc Dot 2"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"bank_bin": "97041", "account": "1"}, "6 chữ số"),
        ({"bank_bin": "9704181", "account": "1"}, "6 chữ số"),
        ({"bank_bin": "97O418", "account": "1"}, "6 chữ số"),
        ({"bank_bin": "٩٧٠٤١٨", "account": "1"}, "6 chữ số"),
        ({"bank_bin": 970418, "account": "1"}, "chuỗi"),
        ({"bank_bin": "970418", "account": ""}, "19 ký tự"),
        ({"bank_bin": "970418", "account": "1" * 20}, "19 ký tự"),
        ({"bank_bin": "970418", "account": "12-34"}, "19 ký tự"),
        ({"bank_bin": "970418", "account": "số123"}, "19 ký tự"),
        ({"bank_bin": "970418", "account": "1", "amount": 0}, "lớn hơn 0"),
        ({"bank_bin": "970418", "account": "1", "amount": -5}, "lớn hơn 0"),
        ({"bank_bin": "970418", "account": "1", "amount": 10.5}, "số nguyên"),
        ({"bank_bin": "970418", "account": "1", "amount": "1000"}, "số nguyên"),
        ({"bank_bin": "970418", "account": "1", "amount": True}, "số nguyên"),
        ({"bank_bin": "970418", "account": "1", "amount": 10**13}, "quá lớn"),
        ({"bank_bin": "970418", "account": "1", "purpose": "x" * 26}, "25 ký tự"),
        ({"bank_bin": "970418", "account": "1", "bill_number": "B" * 26}, "25 ký tự"),
        ({"bank_bin": "970418", "account": "1", "purpose": "Lệ phí 🎉"}, "chữ cái"),
        ({"bank_bin": "970418", "account": "1", "purpose": "a\x00b"}, "chữ cái"),
        ({"bank_bin": "970418", "account": "1", "purpose": "费用"}, "chữ cái"),
    ],
)
def test_invalid_input_raises_value_error_in_vietnamese(
    kwargs: dict[str, object], fragment: str
) -> None:
    with pytest.raises(ValueError, match=fragment) as caught:
        vietqr_payload(**kwargs)  # type: ignore[arg-type]
    assert isinstance(caught.value, PaymentDataError)
    assert caught.value.message_en


def test_limits_are_inclusive() -> None:
    payload = vietqr_payload(
        bank_bin="970418",
        account="1" * 19,
        amount=10**13 - 1,
        bill_number="B" * 25,
        purpose="Lệ phí chứng thực bản sao"[:25],
    )
    parsed = parse_vietqr(payload)
    assert parsed["account"] == "1" * 19
    assert parsed["amount"] == 10**13 - 1
    assert parsed["bill_number"] == "B" * 25


@pytest.mark.parametrize(
    "damaged",
    [
        VECTOR_SACOMBANK[:-1] + "F",  # wrong CRC
        VECTOR_SACOMBANK.replace("180000", "980000"),  # amount changed, CRC not
        VECTOR_SACOMBANK[:40],  # truncated
        "",
        "hello",
        "0002016304ABCD",
        "Nguyễn Văn A",
    ],
)
def test_parse_rejects_damaged_payloads(damaged: str) -> None:
    with pytest.raises(PaymentDataError, match="VietQR"):
        parse_vietqr(damaged)


def test_parse_rejects_non_napas_payload_with_valid_crc() -> None:
    body = "000201010211" + "26080004TEST" + "5303704" + "5802VN" + "6304"
    payload = body + f"{crc16_ccitt_false(body.encode()):04X}"
    with pytest.raises(PaymentDataError):
        parse_vietqr(payload)


@settings(max_examples=60, deadline=None)
@given(
    bank_bin=st.from_regex(r"[0-9]{6}", fullmatch=True),
    account=st.from_regex(r"[0-9A-Za-z]{1,19}", fullmatch=True),
    amount=st.one_of(st.none(), st.integers(min_value=1, max_value=10**13 - 1)),
    bill_number=st.one_of(st.none(), st.from_regex(r"[0-9A-Z-]{1,25}", fullmatch=True)),
    purpose=st.one_of(
        st.none(), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ]{0,23}[A-Za-z0-9]", fullmatch=True)
    ),
    to_card=st.booleans(),
)
def test_round_trip_through_parse(
    bank_bin: str,
    account: str,
    amount: int | None,
    bill_number: str | None,
    purpose: str | None,
    to_card: bool,
) -> None:
    payload = vietqr_payload(bank_bin, account, amount, bill_number, purpose, to_card=to_card)
    parsed = parse_vietqr(payload)
    assert parsed["purpose"] == (" ".join(purpose.split()) if purpose else None)
    assert parsed["bank_bin"] == bank_bin
    assert parsed["account"] == account
    assert parsed["amount"] == amount
    assert parsed["bill_number"] == bill_number
    assert parsed["to_card"] is to_card
    assert parsed["dynamic"] is (amount is not None)
    assert parsed["currency"] == "704"
    assert parsed["country"] == "VN"


def test_payload_survives_a_real_qr_image() -> None:
    image = Image.open(io.BytesIO(qr_png(VECTOR_SACOMBANK, module_pixels=4)))
    results = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    assert [result.text for result in results] == [VECTOR_SACOMBANK]
