"""What the tracking QR on a receipt encodes, and how a scanner reads it back.

A citizen told to photograph the QR with a phone must land on a page, not read
text, so the QR holds a tracking URL built from the configured template
(``[portal] tracking_url_template``, e.g. ``https://.../tra-cuu?ma={reference}``):
``{reference}`` is the portal's dossier code once known, else the kiosk's
reference; ``{local_reference}`` and ``{dossier_code}`` are there too. With an
empty template the old form stays: ``CDKV:<local reference>`` before the portal
has answered, ``CDKV:<local reference>/<dossier code>`` once it has.

The kiosk's "look up my dossier" screen reads all of them: such a URL, the old
``CDKV:`` form and a bare portal dossier code (as printed by the portal's own
receipts). Plain ASCII, so any QR reader and any phone camera shows it unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

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


TEMPLATE_FIELDS = ("reference", "local_reference", "dossier_code")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def check_url_template(template: str) -> str | None:
    """None when ``template`` can build tracking URLs, else what is wrong (English)."""
    if not template:
        return None
    if not re.match(r"^https?://[^\s/{}]+", template):
        return "must start with http:// or https:// and a host name"
    names = _PLACEHOLDER.findall(template)
    unknown = sorted(set(names) - set(TEMPLATE_FIELDS))
    if unknown:
        return f"unknown placeholder {{{unknown[0]}}}; use {{reference}}"
    if not {"reference", "local_reference"} & set(names):
        return "must contain {reference}"
    return None


def tracking_payload_for(
    local_reference: str, dossier_code: str | None = None, url_template: str = ""
) -> str:
    """``tracking_payload_for("P26052000017K") == "CDKV:P26052000017K"``.

    With ``url_template`` ``"https://x.vn/tra-cuu?ma={reference}"`` the same case
    gives ``"https://x.vn/tra-cuu?ma=P26052000017K"``.
    """
    reference = _check_local_reference(local_reference)
    code = _check_dossier_code(dossier_code) if dossier_code is not None else None
    if url_template:
        values = {
            "reference": code or reference,
            "local_reference": reference,
            "dossier_code": code or "",
        }
        return _PLACEHOLDER.sub(
            lambda m: quote(values.get(m.group(1), ""), safe=".-_"), url_template
        )
    payload = TRACKING_PREFIX + reference
    if code is not None:
        payload += "/" + code
    return payload


def is_tracking_text(text: str) -> bool:
    """Whether typed or scanned ``text`` is a whole tracking payload (old form or URL)."""
    candidate = text.strip().lower()
    return candidate.startswith(TRACKING_PREFIX.lower()) or candidate.startswith(
        ("http://", "https://")
    )


def _from_url(candidate: str) -> TrackingReference | None:
    """The dossier code or kiosk reference carried by a tracking URL's query or path."""
    parts = urlsplit(candidate)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    values = [value for _, value in parse_qsl(parts.query)]
    values += [segment for segment in reversed(parts.path.split("/")) if segment]
    for value in values:
        if DOSSIER_CODE_PATTERN.fullmatch(value):
            return TrackingReference(local_reference=None, dossier_code=value)
    for value in values:
        if LOCAL_REFERENCE_PATTERN.fullmatch(value) and any(ch.isdigit() for ch in value):
            return TrackingReference(local_reference=value, dossier_code=None)
    return None


def parse_tracking_payload(text: str) -> TrackingReference:
    """Read a scanned tracking QR (or a typed reference) back.

    Accepts a tracking URL (see the module's docstring), ``CDKV:<ref>``,
    ``CDKV:<ref>/<dossier code>`` and a bare dossier code; surrounding
    whitespace is ignored. Anything else raises
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
    from_url = _from_url(candidate)
    if from_url is not None:
        return from_url
    raise DocumentDataError(
        "Đây không phải mã tra cứu hồ sơ. Hãy quét mã QR in trên giấy hẹn.",
        "Not a tracking payload (expected CDKV:<reference> or a dossier code).",
    )
