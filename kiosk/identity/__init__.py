"""Identity: ID-card QR parsing, ID and phone validation, Vietnamese text, addresses.

Qt-free on purpose: the UI and the sync CLI both rely on these rules. The
administrative-unit lookup lives in :mod:`kiosk.identity.admin_units` (it
loads a large data set, so it is imported only by those who need it); the
camera decoder in :mod:`kiosk.identity.qr_decode`; the scanner timing logic
in :mod:`kiosk.identity.wedge`.
"""

from typing import TYPE_CHECKING

from kiosk.lazy_names import lazy_attributes

# Names load on first use: the on-screen keyboard's tone rules need only
# kiosk.identity.text to paint the welcome screen, not the ID-card parser
# (docs/performance.md, start-up). Type checkers see the real imports below.
if TYPE_CHECKING:
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

_LAZY = {
    "IdCard": "kiosk.identity.id_card",
    "IdCardError": "kiosk.identity.errors",
    "IdNumberError": "kiosk.identity.errors",
    "IdentityInputError": "kiosk.identity.errors",
    "PhoneNumberError": "kiosk.identity.errors",
    "QrDecodeError": "kiosk.identity.errors",
    "collapse_spaces": "kiosk.identity.text",
    "fold_vietnamese": "kiosk.identity.text",
    "mask_id_number": "kiosk.identity.masking",
    "normalize_mobile_phone": "kiosk.identity.phone",
    "normalize_phone": "kiosk.identity.phone",
    "parse_id_card_qr": "kiosk.identity.id_card",
    "to_nfc": "kiosk.identity.text",
    "validate_id_number": "kiosk.identity.id_number",
}


__getattr__ = lazy_attributes(__name__, _LAZY, globals())


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
