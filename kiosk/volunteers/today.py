"""The volunteers' "Today" screen: what the kiosk did today, as counts and bars.

Built on :func:`kiosk.cases.daily_report.build_report`, the ward's daily report, so the screen
and the printed report can never disagree. Adds what the screen needs beyond it:
procedure titles, the cases a volunteer helped with (by procedure), and bars for
a simple chart. Counts only: no citizen appears here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from kiosk.admin.data_health import data_health
from kiosk.cases.clock import day_bounds_utc
from kiosk.cases.daily_report import DailyReport, build_report
from kiosk.identity.collation import vietnamese_sort_key
from kiosk.procedures import Catalogue
from kiosk.procedures.base import LocalText
from kiosk.store.database import Store
from kiosk.store.models import Case


@dataclass(frozen=True)
class ProcedureCount:
    procedure_id: str
    title: LocalText
    submitted: int  # all cases submitted today for this procedure
    helped: int  # of which a volunteer helped with


@dataclass(frozen=True)
class Bar:
    """One bar of the chart: a label, its value, and its share of the longest bar (0-1)."""

    label: str
    value: int
    fraction: float


@dataclass(frozen=True)
class TodaySummary:
    day: dt.date
    by_procedure: tuple[ProcedureCount, ...]
    by_volunteer: tuple[tuple[str, int], ...]  # (volunteer's name, cases helped), most first
    accounts_created: int
    waiting_to_sync: int
    sent: int
    returned: int
    report: DailyReport  # the ward's report for the same day, for printing or CSV
    # What a restore, a damaged WAL or a full disk did, and what the portal gave back.
    health: tuple[LocalText, ...] = ()

    @property
    def submitted(self) -> int:
        return sum(row.submitted for row in self.by_procedure)

    @property
    def helped(self) -> int:
        return sum(row.helped for row in self.by_procedure)

    def procedure_bars(self, language: str = "vi") -> list[Bar]:
        return _bars([(row.title.get(language), row.submitted) for row in self.by_procedure])

    def volunteer_bars(self) -> list[Bar]:
        return _bars(list(self.by_volunteer))


def _bars(values: list[tuple[str, int]]) -> list[Bar]:
    longest = max((value for _, value in values), default=0)
    return [Bar(label, value, value / longest if longest else 0.0) for label, value in values]


def _title(catalogue: Catalogue | None, procedure_id: str) -> LocalText:
    if catalogue is not None and procedure_id in catalogue:
        return catalogue[procedure_id].title
    return LocalText(procedure_id, procedure_id)


def today_summary(store: Store, day: dt.date, catalogue: Catalogue | None = None) -> TodaySummary:
    """The counts for ``day`` (the ward office's calendar day)."""
    report = build_report(store, day)
    start, end = day_bounds_utc(day)
    with store.sessions() as session:
        helped_rows = session.execute(
            select(Case.procedure_id, func.count())
            .where(
                Case.submitted_at >= start,
                Case.submitted_at < end,
                Case.assisted_by.is_not(None),
            )
            .group_by(Case.procedure_id)
        ).all()
    helped = {str(procedure_id): int(count) for procedure_id, count in helped_rows}
    rows = [
        ProcedureCount(pid, _title(catalogue, pid), count, helped.get(pid, 0))
        for pid, count in report.received.items()
    ]
    rows.sort(key=lambda row: (-row.submitted, vietnamese_sort_key(row.title.vi)))
    volunteers = sorted(
        report.by_volunteer.items(), key=lambda item: (-item[1], vietnamese_sort_key(item[0]))
    )
    return TodaySummary(
        day=day,
        by_procedure=tuple(rows),
        by_volunteer=tuple(volunteers),
        accounts_created=report.accounts_created,
        waiting_to_sync=report.waiting_to_sync,
        sent=sum(report.sent.values()),
        returned=sum(report.returned.values()),
        report=report,
        health=tuple(data_health(store)),
    )
