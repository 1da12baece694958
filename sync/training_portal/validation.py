"""Minimal structural checks a portal makes on what a kiosk sends.

The training portal is deliberately shallow: it checks the envelope (required keys,
known procedure and version, formats of references and identifiers), not each
answer, which is the kiosk's form engine's job. Each function returns every
problem found, as :class:`FieldError` values with Vietnamese messages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from datetime import date

from sync.training_portal.catalogue import CatalogueEntry, version_text
from sync.training_portal.problems import FieldError
from sync.training_portal.timeutil import from_iso

LOCAL_REFERENCE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{2,63}")
KIOSK_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{3,64}")
IDEMPOTENCY_KEY_PATTERN = re.compile(r"[A-Za-z0-9._:-]{1,255}")
PHONE_PATTERN = re.compile(r"(?:0|\+84)([35789]\d{8})")
ID_NUMBER_PATTERN = re.compile(r"\d{12}")
EMAIL_PATTERN = re.compile(r"[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,63}")
DOCUMENT_KINDS = frozenset({"original", "copy", "certified_copy"})
IDENTITY_EVIDENCE = frozenset({"qr_only", "chip_verified", "chip_unverified"})
MAX_NAME_LENGTH = 200

_REQUIRED = "Thiếu thông tin bắt buộc."


def normalise_phone(phone: str) -> str | None:
    """``+84`` form of a Vietnamese mobile number, or None when it is not one."""
    match = PHONE_PATTERN.fullmatch(phone.strip())
    return f"+84{match.group(1)}" if match else None


def validate_dossier(
    body: Mapping[str, object], catalogue: Mapping[str, CatalogueEntry]
) -> list[FieldError]:
    errors: list[FieldError] = []
    procedure_id = body.get("procedure_id")
    entry = catalogue.get(procedure_id) if isinstance(procedure_id, str) else None
    if procedure_id is None:
        errors.append(FieldError("procedure_id", "required", _REQUIRED))
    elif entry is None:
        errors.append(
            FieldError("procedure_id", "unknown_procedure", "Cổng không nhận thủ tục này.")
        )
    version = version_text(body.get("procedure_version"))
    if version is None:
        errors.append(FieldError("procedure_version", "required", _REQUIRED))
    elif entry is not None and version != entry.version:
        errors.append(
            FieldError(
                "procedure_version",
                "outdated_version",
                f"Mẫu thủ tục đã được cập nhật (phiên bản {entry.version}), cần khai lại.",
            )
        )
    if not isinstance(body.get("answers"), Mapping):
        errors.append(FieldError("answers", "required", "Thiếu nội dung tờ khai."))
    errors.extend(_document_errors(body.get("documents")))
    local_reference = body.get("local_reference")
    if not isinstance(local_reference, str):
        errors.append(FieldError("local_reference", "required", _REQUIRED))
    elif not LOCAL_REFERENCE_PATTERN.fullmatch(local_reference):
        errors.append(
            FieldError("local_reference", "bad_format", "Mã tham chiếu của ki-ốt không hợp lệ.")
        )
    kiosk_id = body.get("kiosk_id")
    if not isinstance(kiosk_id, str) or not KIOSK_ID_PATTERN.fullmatch(kiosk_id):
        errors.append(FieldError("kiosk_id", "bad_format", "Mã ki-ốt không hợp lệ."))
    submitted_at = body.get("submitted_at")
    if submitted_at is not None and not _is_timestamp(submitted_at):
        errors.append(FieldError("submitted_at", "bad_format", "Thời điểm nộp không hợp lệ."))
    evidence = body.get("identity_evidence")
    if evidence is not None and (
        not isinstance(evidence, str) or evidence not in IDENTITY_EVIDENCE
    ):
        errors.append(
            FieldError(
                "identity_evidence",
                "bad_format",
                "Cách xác định danh tính người nộp không hợp lệ.",
            )
        )
    if body.get("declaration") is not None:
        errors.extend(_declaration_errors(body["declaration"]))
    return errors


MAX_DECLARATION_BYTES = 2 * 1024 * 1024


def _declaration_errors(declaration: object) -> list[FieldError]:
    """The filled declaration travels inline: a PDF whose size and digest match."""
    bad = [FieldError("declaration", "bad_file", "Tệp tờ khai kèm theo không hợp lệ.")]
    if not isinstance(declaration, Mapping) or declaration.get("media_type") != "application/pdf":
        return bad
    content, digest = declaration.get("content_base64"), declaration.get("sha256")
    if not isinstance(content, str) or not isinstance(digest, str):
        return bad
    try:
        pdf = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        return bad
    if len(pdf) > MAX_DECLARATION_BYTES or not pdf.startswith(b"%PDF-"):
        return bad
    if hashlib.sha256(pdf).hexdigest() != digest or declaration.get("size") != len(pdf):
        return [
            FieldError(
                "declaration.sha256", "digest_mismatch", "Tệp tờ khai bị hỏng trên đường truyền."
            )
        ]
    return []


def _document_errors(documents: object) -> list[FieldError]:
    if not isinstance(documents, list):
        return [FieldError("documents", "required", "Thiếu danh sách giấy tờ.")]
    errors: list[FieldError] = []
    for index, document in enumerate(documents):
        where = f"documents.{index}"
        if not isinstance(document, Mapping):
            errors.append(FieldError(where, "not_object", "Giấy tờ không hợp lệ."))
            continue
        name = document.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_LENGTH:
            errors.append(FieldError(f"{where}.name", "required", "Thiếu tên giấy tờ."))
        kind = document.get("kind")
        if kind is not None and (not isinstance(kind, str) or kind not in DOCUMENT_KINDS):
            errors.append(FieldError(f"{where}.kind", "bad_value", "Loại giấy tờ không hợp lệ."))
        quantity = document.get("quantity")
        if quantity is not None and (
            not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1
        ):
            errors.append(FieldError(f"{where}.quantity", "bad_value", "Số lượng không hợp lệ."))
    return errors


def validate_account(body: Mapping[str, object]) -> list[FieldError]:
    errors: list[FieldError] = []
    identity = body.get("identity")
    if not isinstance(identity, Mapping):
        errors.append(FieldError("identity", "required", _REQUIRED))
    else:
        full_name = identity.get("full_name")
        if not isinstance(full_name, str) or not full_name.strip():
            errors.append(FieldError("identity.full_name", "required", "Thiếu họ và tên."))
        elif len(full_name) > MAX_NAME_LENGTH or "\x00" in full_name:
            errors.append(FieldError("identity.full_name", "bad_format", "Họ và tên không hợp lệ."))
        if "date_of_birth" in identity and not _is_date(identity.get("date_of_birth")):
            errors.append(
                FieldError("identity.date_of_birth", "bad_format", "Ngày sinh không hợp lệ.")
            )
        id_number = identity.get("id_number")
        if not isinstance(id_number, str) or not ID_NUMBER_PATTERN.fullmatch(id_number):
            errors.append(
                FieldError("identity.id_number", "bad_format", "Số định danh cần đúng 12 chữ số.")
            )
    phone = body.get("phone")
    if not isinstance(phone, str) or normalise_phone(phone) is None:
        errors.append(FieldError("phone", "bad_format", "Số điện thoại di động không hợp lệ."))
    kiosk_id = body.get("kiosk_id")
    if "kiosk_id" in body and (
        not isinstance(kiosk_id, str) or not KIOSK_ID_PATTERN.fullmatch(kiosk_id)
    ):
        errors.append(FieldError("kiosk_id", "bad_format", "Mã ki-ốt không hợp lệ."))
    email = body.get("email")
    if email is not None and (
        not isinstance(email, str)
        or not (email.isascii() and email.isprintable())
        or not EMAIL_PATTERN.fullmatch(email)
    ):
        errors.append(FieldError("email", "bad_format", "Địa chỉ email không hợp lệ."))
    consent = body.get("consent")
    if not isinstance(consent, Mapping):
        errors.append(FieldError("consent", "required", "Thiếu bản ghi đồng ý của công dân."))
    else:
        if consent.get("accepted") is not True:
            errors.append(
                FieldError("consent.accepted", "not_accepted", "Công dân chưa đồng ý rõ ràng.")
            )
        if not _is_timestamp(consent.get("given_at")):
            errors.append(
                FieldError("consent.given_at", "bad_format", "Thời điểm đồng ý không hợp lệ.")
            )
        notice_version = consent.get("notice_version")
        if "notice_version" in consent and not isinstance(notice_version, str):
            errors.append(
                FieldError("consent.notice_version", "bad_format", "Phiên bản thông báo sai.")
            )
        notice_text = consent.get("notice_text")
        if not isinstance(notice_text, str) or not notice_text.strip():
            errors.append(
                FieldError(
                    "consent.notice_text", "required", "Thiếu nội dung thông báo đã hiển thị."
                )
            )
    return errors


def _is_date(raw: object) -> bool:
    if not isinstance(raw, str) or len(raw) != 10:
        return False
    try:
        date.fromisoformat(raw)
    except ValueError:
        return False
    return True


def _is_timestamp(raw: object) -> bool:
    if not isinstance(raw, str):
        return False
    try:
        from_iso(raw)
    except ValueError:
        return False
    return True
