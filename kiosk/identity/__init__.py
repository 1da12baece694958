"""Identity: ID-card QR parsing, ID and phone validation, Vietnamese text, addresses.

Qt-free on purpose: the UI and the sync CLI both rely on these rules. The
administrative-unit lookup lives in :mod:`kiosk.identity.admin_units` (it
loads a large data set, so it is imported only by those who need it); the
camera decoder in :mod:`kiosk.identity.qr_decode`; the scanner timing logic
in :mod:`kiosk.identity.wedge`.
"""

from kiosk.identity.errors import (
    IdCardError,
    IdentityInputError,
    IdNumberError,
    PhoneNumberError,
    QrDecodeError,
)
from kiosk.identity.id_card import IdCard, parse_id_card_qr
from kiosk.identity.id_number import validate_id_number
from kiosk.identity.masking import mask_id_number
from kiosk.identity.phone import normalize_mobile_phone, normalize_phone
from kiosk.identity.text import collapse_spaces, fold_vietnamese, to_nfc

__all__ = [
    "IdCard",
    "IdCardError",
    "IdNumberError",
    "IdentityInputError",
    "PhoneNumberError",
    "QrDecodeError",
    "collapse_spaces",
    "fold_vietnamese",
    "mask_id_number",
    "normalize_mobile_phone",
    "normalize_phone",
    "parse_id_card_qr",
    "to_nfc",
    "validate_id_number",
]
