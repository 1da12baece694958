"""The day's report for the ward: counts by procedure and by volunteer, no citizens.

Times are grouped by the ward office's calendar day (UTC+7). Only counts,
procedure names, local references' totals and volunteers' names appear: the
ward needs to know how much help was given, not to whom.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from kiosk.cases.clock import day_bounds_utc
from kiosk.config import KioskConfig
from kiosk.store.database import Store
from kiosk.store.models import AccountRequest, AuditEvent, Case, OutboxEntry, Volunteer


@dataclass
class DailyReport:
    day: dt.date
    received: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)
    returned: Counter[str] = field(default_factory=Counter)
    by_volunteer: Counter[str] = field(default_factory=Counter)
    accounts_created: int = 0
    waiting_to_sync: int = 0
    # Filled by the caller from the catalogue and the configuration: the ward reads
    # "Đăng ký khai sinh", not "birth", and must never mistake training for real work.
    procedure_names: dict[str, str] = field(default_factory=dict)
    training: bool = False

    def procedure_name(self, procedure_id: str) -> str:
        return self.procedure_names.get(procedure_id, procedure_id)

    def rows(self) -> list[tuple[str, str, int]]:
        """(section, key, count) rows, the CSV's content."""
        rows: list[tuple[str, str, int]] = []
        for section, counter in (
            ("received", self.received),
            ("sent", self.sent),
            ("returned", self.returned),
            ("assisted_by", self.by_volunteer),
        ):
            rows.extend((section, key, count) for key, count in sorted(counter.items()))
        rows.append(("accounts", "created", self.accounts_created))
        rows.append(("outbox", "waiting", self.waiting_to_sync))
        if self.training:
            rows.insert(0, ("mode", "training_data", 1))
        return rows


def build_report(store: Store, day: dt.date) -> DailyReport:
    start, end = day_bounds_utc(day)
    report = DailyReport(day)
    with store.sessions() as session:
        names = {v.id: v.name for v in session.scalars(select(Volunteer))}
        rows = session.execute(
            select(Case.procedure_id, Case.assisted_by).where(
                Case.submitted_at >= start, Case.submitted_at < end
            )
        )
        for procedure_id, assisted_by in rows:
            report.received[procedure_id] += 1
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
}


def report_pdf(report: DailyReport, config: KioskConfig) -> bytes:
    """An A4 page of tables the ward's staff can file; drawn with the kiosk's fonts."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from kiosk.documents.fonts import register_fonts

    fonts = register_fonts()
    title = ParagraphStyle("title", fontName=fonts.bold, fontSize=15, leading=19, alignment=1)
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10.5, leading=14)
    heading = ParagraphStyle("heading", parent=body, fontName=fonts.bold, spaceBefore=8)
    story: list[Any] = [
        Paragraph(config.ward.agency_name.upper(), body),
        Paragraph(f"Ki-ốt số {config.kiosk_number}", body),
        Spacer(1, 6 * mm),
        Paragraph("BÁO CÁO HOẠT ĐỘNG KI-ỐT TRONG NGÀY", title),
        Paragraph(f"Ngày {report.day:%d/%m/%Y}", ParagraphStyle("d", parent=body, alignment=1)),
        Spacer(1, 4 * mm),
    ]
    if report.training:
        story.insert(
            3,
            Paragraph(
                "DỮ LIỆU TẬP HUẤN — không phải hồ sơ thật của công dân",
                ParagraphStyle("training", parent=title, textColor=colors.HexColor("#B00020")),
            ),
        )
    table_style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), fonts.regular, 10.5),
            ("FONT", (0, 0), (-1, 0), fonts.bold, 10.5),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ]
    )
    for section, counter in (
        ("received", report.received),
        ("sent", report.sent),
        ("returned", report.returned),
        ("assisted_by", report.by_volunteer),
    ):
        story.append(Paragraph(_SECTION_TITLES[section], heading))
        data: list[list[str]] = [["", "Số lượng"]]
        named = section != "assisted_by"
        data += [
            [report.procedure_name(key) if named else key, str(count)]
            for key, count in sorted(counter.items())
        ]
        data.append(["Tổng cộng", str(sum(counter.values()))])
        story.append(Table(data, colWidths=[120 * mm, 30 * mm], style=table_style))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(f"Tài khoản dịch vụ công đã tạo: {report.accounts_created}", body),
        Paragraph(f"Đang chờ gửi lên Cổng: {report.waiting_to_sync}", body),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title="Báo cáo ki-ốt"
    ).build(story)
    return buffer.getvalue()
