"""The day's report for the ward: counts by procedure and by volunteer, no citizens.

It also says what the retention runs of that day removed (drafts expired, cases
and account requests purged, receipts and exports removed), as counts.

Times are grouped by the ward office's calendar day (UTC+7). Only counts,
procedure names (the CSV keeps the ids too), local references' totals and
volunteers' names appear: the ward needs to know how much help was given, not
to whom. One query serves the ``kiosk-sync report`` command and the volunteers' "Today" screen
(:mod:`kiosk.volunteers.today`), so the two can never disagree; the page is drawn
by :mod:`kiosk.documents.counts_report`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from kiosk.cases.clock import day_bounds_utc
from kiosk.cases.housekeeping import RetentionReport, retention_counts
from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, AuditEvent, Case, OutboxEntry, Volunteer

RETENTION_KEYS = tuple(RetentionReport().as_dict())


@dataclass
class DailyReport:
    day: dt.date
    received: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)
    returned: Counter[str] = field(default_factory=Counter)
    by_volunteer: Counter[str] = field(default_factory=Counter)
    accounts_created: int = 0
    waiting_to_sync: int = 0
    retention: Counter[str] = field(default_factory=Counter)
    # Filled by the caller from the catalogue and the configuration: the ward reads
    # "Đăng ký khai sinh", not "birth", and must never mistake training for real work.
    procedure_names: dict[str, str] = field(default_factory=dict)
    training: bool = False

    def procedure_name(self, procedure_id: str) -> str:
        return self.procedure_names.get(procedure_id, procedure_id)

    # Received per kiosk ("Ki-ốt số 2"), by where the case was started; a section of
    # its own only on a ward's shared database, where the report covers every kiosk.
    by_kiosk: Counter[str] = field(default_factory=Counter)
    ward: bool = False

    def sections(self) -> list[tuple[str, Counter[str]]]:
        """The counted sections, in the report's order."""
        return [
            ("received", self.received),
            ("sent", self.sent),
            ("returned", self.returned),
            ("assisted_by", self.by_volunteer),
            *([("by_kiosk", self.by_kiosk)] if self.ward else []),
        ]

    def rows(self) -> list[tuple[str, str, int]]:
        """(section, key, count) rows, the CSV's content."""
        rows: list[tuple[str, str, int]] = []
        for section, counter in self.sections():
            rows.extend((section, key, count) for key, count in sorted(counter.items()))
        rows.append(("accounts", "created", self.accounts_created))
        rows.append(("outbox", "waiting", self.waiting_to_sync))
        rows.extend(("retention", key, self.retention[key]) for key in RETENTION_KEYS)
        if self.training:
            rows.insert(0, ("mode", "training_data", 1))
        return rows


def build_report(store: Store, day: dt.date) -> DailyReport:
    start, end = day_bounds_utc(day)
    report = DailyReport(day, ward=store.engine.dialect.name != "sqlite")
    with store.sessions() as session:
        names = {v.id: v.name for v in session.scalars(select(Volunteer))}
        rows = session.execute(
            select(Case.procedure_id, Case.assisted_by, Case.kiosk_number).where(
                Case.submitted_at >= start, Case.submitted_at < end
            )
        )
        for procedure_id, assisted_by, kiosk_number in rows:
            report.received[procedure_id] += 1
            if kiosk_number is not None:
                report.by_kiosk[f"Ki-ốt số {kiosk_number}"] += 1
            if assisted_by is not None:
                report.by_volunteer[names.get(assisted_by, f"#{assisted_by}")] += 1
        events = session.execute(
            select(AuditEvent.action, Case.procedure_id)
            .join(Case, Case.id == AuditEvent.case_id)
            .where(
                AuditEvent.at >= start,
                AuditEvent.at < end,
                AuditEvent.action.in_(("case_sent", "case_returned")),
            )
        )
        for action, procedure_id in events:
            (report.sent if action == "case_sent" else report.returned)[procedure_id] += 1
        report.accounts_created = (
            session.scalar(
                select(func.count())
                .select_from(AccountRequest)
                .where(AccountRequest.created_at >= start, AccountRequest.created_at < end)
            )
            or 0
        )
        retention_runs = session.scalars(
            select(AuditEvent.details).where(
                AuditEvent.at >= start, AuditEvent.at < end, AuditEvent.action == "retention_run"
            )
        )
        for details in retention_runs:
            report.retention.update(retention_counts(details))
        report.waiting_to_sync = (
            session.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(OutboxEntry.state.in_(("queued", "sending")))
            )
            or 0
        )
    return report


def report_csv(report: DailyReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["day", "section", "key", "count", "name"])
    for section, key, count in report.rows():
        name = report.procedure_name(key) if section in ("received", "sent", "returned") else ""
        writer.writerow([report.day.isoformat(), section, key, count, name])
    return buffer.getvalue()


_SECTION_TITLES = {
    "received": "Hồ sơ tiếp nhận tại ki-ốt",
    "sent": "Đã gửi lên Cổng dịch vụ công",
    "returned": "Bị trả lại, cần bổ sung",
    "assisted_by": "Tình nguyện viên hỗ trợ",
    "by_kiosk": "Hồ sơ tiếp nhận theo ki-ốt (cả phường)",
}


_RETENTION_TITLES = {
    "drafts_expired": "Hồ sơ làm dở quá hạn đã xoá",
    "cases_purged": "Hồ sơ đã gửi, hết thời hạn lưu giữ",
    "account_requests_purged": "Yêu cầu tạo tài khoản hết thời hạn lưu giữ",
    "receipts_removed": "Giấy hẹn đã lưu được xoá",
    "exports_removed": "Thư mục trích xuất dữ liệu được xoá",
    "backups_removed": "Bản sao lưu trước nâng cấp quá hạn được xoá",
}


def report_pdf(report: DailyReport, config: KioskConfig) -> bytes:
    """An A4 page of tables the ward's staff can file (drawn by :mod:`kiosk.documents`)."""
    from kiosk.documents.counts_report import CountTable, render_counts_report

    tables = [
        CountTable(
            _SECTION_TITLES[section],
            sorted(
                (key if section == "assisted_by" else report.procedure_name(key), count)
                for key, count in counter.items()
            ),
        )
        for section, counter in report.sections()
    ]
    return render_counts_report(
        agency_name=config.ward.agency_name,
        kiosk_number=config.kiosk_number,
        title="Báo cáo hoạt động ki-ốt trong ngày"
        + (" – DỮ LIỆU TẬP HUẤN, không phải hồ sơ thật" if report.training else ""),
        day=report.day,
        tables=[
            *tables,
            CountTable(
                "Dữ liệu cá nhân đã xoá theo thời hạn lưu giữ",
                [(_RETENTION_TITLES[key], report.retention[key]) for key in RETENTION_KEYS],
            ),
        ],
        notes=[
            f"Tài khoản dịch vụ công đã tạo: {report.accounts_created}",
            f"Đang chờ gửi lên Cổng: {report.waiting_to_sync}",
        ],
    )
