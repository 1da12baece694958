"""What each code the citizen may hold is called, in both languages: one name per thing.

Three codes, three names, everywhere (screens, receipt, staff tools, exports, docs):

- :data:`LOCAL_REFERENCE` "Số tham chiếu": the kiosk's own reference
  (``WARD-YYMMDD-KK-SSSS-C``), printed on the receipt at submit, before the portal
  has answered; the look-up takes it.
- :data:`DOSSIER_CODE` "Mã hồ sơ": the portal's dossier code
  (``AGENCY-YYMMDD-XXXX``, Circular 01/2018/TT-VPCP Art. 19), the term province
  portals print; only this code is called so.
- :data:`RESUME_CODE` "Mã tiếp tục": a draft's code to come back to it.

:data:`RETIRED` names were used for these before and must not come back
(``tests/ui/test_ui_code_names.py`` greps the sources, translations and docs).
Qt strings cannot be built from these constants (lupdate reads literals), so the
screens spell the same words inside ``tr()`` and the test holds them to it.
"""

from __future__ import annotations

from typing import Final

from kiosk.procedures.base import LocalText

LOCAL_REFERENCE: Final = LocalText("Số tham chiếu", "Reference number")
DOSSIER_CODE: Final = LocalText("Mã hồ sơ", "Dossier code")
RESUME_CODE: Final = LocalText("Mã tiếp tục", "Resume code")

RETIRED: Final = (
    "Số hồ sơ",  # the look-up's name for the kiosk's reference
    "Mã hồ sơ tại ki-ốt",  # the data export's name for it
    "Mã hồ sơ trên Cổng",
    "Dossier number",
    "Dossier reference",
)
