"""Issue 15 #13: one name per code, everywhere (kiosk/code_names.py).

"Số tham chiếu" is the kiosk's reference, "Mã hồ sơ" only the portal's dossier
code, "Mã tiếp tục" a draft's resume code. The names once mixed ("Số hồ sơ",
"Mã hồ sơ" over a column of resume codes) are grepped out of the sources, the
translations and the docs, and the staff queue is read back from the real model.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.cases import Actor, CaseService
from kiosk.code_names import DOSSIER_CODE, LOCAL_REFERENCE, RESUME_CODE, RETIRED
from kiosk.store.database import Store
from kiosk.ui.staff.queue import COLUMNS, WorkQueueModel
from kiosk.volunteers import WorkQueue
from tests.cases_support import CARD
from tests.ui_shell_support import catalogue

ROOT = Path(__file__).parents[2]
TS = ROOT / "assets" / "translations" / "kiosk_en.ts"


def _messages() -> list[tuple[str, str]]:
    text = TS.read_text(encoding="utf-8")
    pairs = re.findall(r"<source>([^<]*)</source>\s*<translation[^>]*>([^<]*)</translation>", text)
    return [(html.unescape(source), html.unescape(english)) for source, english in pairs]


def _texts_to_search() -> dict[str, str]:
    files = [TS, ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    for package in ("kiosk", "sync"):
        files += [p for p in (ROOT / package).rglob("*.py") if p.name != "code_names.py"]
    files += list((ROOT / "assets" / "procedures").glob("*.json"))
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in files}


def test_the_retired_names_are_gone() -> None:
    found = [
        f"{where}: {name}"
        for where, text in _texts_to_search().items()
        for name in RETIRED
        if name.casefold() in text.casefold()
    ]
    assert found == []


def test_mã_hồ_sơ_names_only_the_portal_code() -> None:
    sources = [
        source for source, _ in _messages() if DOSSIER_CODE.vi.casefold() in source.casefold()
    ]
    # The look-up's line for the portal's code, and its button to type one.
    assert sorted(sources) == ["Mã hồ sơ có chữ (của Cổng dịch vụ công)", "Mã hồ sơ: {code}"]
    python = [
        where
        for where, text in _texts_to_search().items()
        if where.endswith(".py") and DOSSIER_CODE.vi in text
    ]
    # The refusal of a malformed portal code, and the look-up's line for the portal's code.
    assert sorted(python) == ["kiosk/documents/tracking.py", "kiosk/ui/screens/lookup.py"]


def test_the_english_names_follow_the_vietnamese_ones() -> None:
    for source, english in _messages():
        for name in (LOCAL_REFERENCE, DOSSIER_CODE, RESUME_CODE):
            if name.vi.casefold() in source.casefold():
                assert name.en.casefold() in english.casefold(), (source, english)


def test_the_staff_queue_shows_references_and_resume_codes_apart(
    qtbot: QtBot, store: Store, service: CaseService
) -> None:
    draft = service.start_case("birth", Actor.citizen("s"), card=CARD)
    model = WorkQueueModel(WorkQueue(store, catalogue()))  # today's drafts
    model.reload()
    keys = [key for key, _ in COLUMNS]
    headers = {
        key: model.headerData(index, Qt.Orientation.Horizontal) for index, key in enumerate(keys)
    }
    assert headers["reference"] == LOCAL_REFERENCE.vi
    assert headers["resume"] == RESUME_CODE.vi
    rows = [
        {key: model.data(model.index(row, column)) for column, key in enumerate(keys)}
        for row in range(model.rowCount())
    ]
    mine = [row for row in rows if row["resume"] == draft.resume_code]
    assert mine and mine[0]["reference"] == "", "a resume code in the reference column"
