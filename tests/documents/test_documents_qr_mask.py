"""The receipt's QR is the very code the ``qrcode`` library makes (kiosk/documents/qr_mask.py).

``qr_matrix`` finds the mask with numpy instead of ``qrcode``'s eight trial
symbols; a different mask would still scan but would change the printed page.
Compared module by module with ``QRCode.make(fit=True)`` on seeded random
payloads of every size the kiosk can print (versions 1 to 25) and on the
tracking payloads themselves.
"""

from __future__ import annotations

import random
import string

import pytest
import qrcode
import qrcode.constants

from kiosk.documents import qr_matrix
from kiosk.documents.qr import MAX_QR_TEXT
from kiosk.documents.tracking import tracking_payload_for

ALPHABET = string.ascii_letters + string.digits + " -/.:ĐđÁàỹ"


def library_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def payloads() -> list[str]:
    rng = random.Random(19)
    texts = [
        tracking_payload_for("BADINH-260520-01-0007-K", "000.00.21.H42-260520-0001"),
        tracking_payload_for("20551-261206-01-0042-X", None),
        "0",
        "A" * MAX_QR_TEXT,
    ]
    for _ in range(300):
        length = rng.choice([3, 20, 45, 60, 90, 150, 300, 600, MAX_QR_TEXT])
        texts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, length))))
    return texts


@pytest.mark.parametrize("chunk", range(4))
def test_the_mask_and_every_module_are_the_librarys(chunk: int) -> None:
    texts = payloads()[chunk::4]
    sizes = set()
    for text in texts:
        qr_matrix.cache_clear()
        ours = qr_matrix(text)
        assert ours == library_matrix(text), text
        sizes.add(len(ours))
    assert len(sizes) > 5  # many versions, not one
