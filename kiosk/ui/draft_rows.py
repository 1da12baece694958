"""One text for one draft, wherever a citizen picks among drafts (resume list, duplicate warning).

The facts come from :func:`kiosk.cases.draft_overview.overview_of` (both languages);
only the line captions are translated here, in the ``DraftRow`` context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.cases.draft_overview import DraftOverview


def draft_row_text(overview: DraftOverview, language: str) -> str:
    """Procedure, step reached, last change (ward office's time), a few answers; one per line."""
    changed = overview.changed_at.strftime("%d/%m/%Y %H:%M")
    lines = [
        overview.procedure_title.get(language),
        overview.step.text.get(language),
        QCoreApplication.translate("DraftRow", "Sửa lần cuối: {date}").format(date=changed),
    ]
    lines += [answer.text.get(language) for answer in overview.answers]
    return "\n".join(lines)
