"""What the tracking QR on a receipt encodes, and how a scanner reads it back.

Format: ``CDKV:<local reference>`` before the portal has answered, and
``CDKV:<local reference>/<dossier code>`` once it has. The kiosk's "look up my
dossier" screen reads either; a bare portal dossier code (as printed by the
portal's own receipts) is accepted too. Plain ASCII, so any QR reader and any
phone camera shows it unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.documents.errors import DocumentDataError

TRACKING_PREFIX = "CDKV:"
LOCAL_REFERENCE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}")
# Circular 01/2018/TT-VPCP Art. 19: AGENCY-YYMMDD-XXXX.
DOSSIER_CODE_PATTERN = re.compile(r"[0-9A-Z]{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}")


@dataclass(frozen=True, slots=True)
class TrackingReference:
    """A scanned reference: the kiosk's, the portal's, or both."""

    local_reference: str | None
    dossier_code: str | None


def _check_local_reference(local_reference: str) -> str:
    if not isinstance(local_reference, str) or not LOCAL_REFERENCE_PATTERN.fullmatch(
        local_reference
    ):
        raise DocumentDataError(
            "Số tham chiếu của hồ sơ không hợp lệ (chỉ gồm chữ, số, dấu chấm, gạch ngang).",
            "Local reference must be 1-40 ASCII letters, digits, '.', '_' or '-'.",
        )
    return local_reference


def _check_dossier_code(dossier_code: str) -> str:
    if not isinstance(dossier_code, str) or not DOSSIER_CODE_PATTERN.fullmatch(dossier_code):
        raise DocumentDataError(
            "Mã hồ sơ của Cổng dịch vụ công không đúng dạng MÃCƠQUAN-YYMMDD-XXXX.",
            "Dossier code does not match AGENCY-YYMMDD-XXXX (Circular 01/2018/TT-VPCP).",
        )
    return dossier_code


def tracking_payload_for(local_reference: str, dossier_code: str | None = None) -> str:
    """``tracking_payload_for("P26052000017K") == "CDKV:P26052000017K"``."""
    payload = TRACKING_PREFIX + _check_local_reference(local_reference)
    if dossier_code is not None:
        payload += "/" + _check_dossier_code(dossier_code)
    return payload


def parse_tracking_payload(text: str) -> TrackingReference:
    """Read a scanned tracking QR (or a typed reference) back.

    Accepts ``CDKV:<ref>``, ``CDKV:<ref>/<dossier code>`` and a bare dossier
    code; surrounding whitespace is ignored. Anything else raises
    :class:`DocumentDataError` with a message for the citizen.
    """
    if not isinstance(text, str):
        raise DocumentDataError("Mã tra cứu không hợp lệ.", "Tracking text must be a string.")
    candidate = text.strip()
    if candidate.upper().startswith(TRACKING_PREFIX):
        body = candidate[len(TRACKING_PREFIX) :]
        reference, _, dossier = body.partition("/")
        return TrackingReference(
            local_reference=_check_local_reference(reference),
            dossier_code=_check_dossier_code(dossier) if dossier else None,
        )
    if DOSSIER_CODE_PATTERN.fullmatch(candidate):
        return TrackingReference(local_reference=None, dossier_code=candidate)
    raise DocumentDataError(
        "Đây không phải mã tra cứu hồ sơ. Hãy quét mã QR in trên giấy hẹn.",
        "Not a tracking payload (expected CDKV:<reference> or a dossier code).",
    )
