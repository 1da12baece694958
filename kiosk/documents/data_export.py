"""The data-subject export (Law 91/2025) as an A4 PDF the citizen takes home.

Drawing only: the export itself is plain JSON-ready data gathered by
:func:`kiosk.admin.data_requests.export_citizen`. Every value is untrusted text:
made drawable, escaped, and cut to a length a page can hold.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from kiosk.code_names import DOSSIER_CODE, LOCAL_REFERENCE
from kiosk.documents.layout import Styles, build_pdf, grid_table, para, styles_for

BASE_SIZE = 9.5
MARGINS = (20 * mm, 20 * mm, 20 * mm, 20 * mm)
TITLE = "Dữ liệu cá nhân"


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value or "—"
    return json.dumps(value, ensure_ascii=False)


def _pairs(rows: Sequence[tuple[str, Any]], styles: Styles, width: float) -> Flowable:
    data = [
        [para(_shown(label), styles.small, 200), para(_shown(value), styles.cell, 3000)]
        for label, value in rows
    ]
    return grid_table(data, [width * 0.27, width * 0.73], header=False)


def render_data_export(export: Mapping[str, Any], agency_name: str = "") -> bytes:
    """Every section of the export, in the order of the JSON; deterministic bytes."""
    styles = styles_for(BASE_SIZE)
    width = A4[0] - MARGINS[0] - MARGINS[1]
    citizen = export["citizen"]
    story: list[Flowable] = []
    if agency_name:
        story.append(para(agency_name.upper(), styles.body, 200))
    story += [
        Spacer(1, 4 * mm),
        Paragraph("DỮ LIỆU CÁ NHÂN DO KI-ỐT LƯU GIỮ", styles.title),
        para(
            f"Trích xuất lúc {export['exported_at']} theo yêu cầu của chủ thể dữ liệu.",
            styles.small,
        ),
        Paragraph("Thông tin công dân", styles.section),
        _pairs(
            [
                ("Số định danh cá nhân", citizen["id_number"]),
                ("Họ và tên", citizen["full_name"]),
                ("Ngày sinh", citizen["date_of_birth"]),
                ("Giới tính", citizen["sex"]),
                ("Địa chỉ", citizen["address"]),
                ("Điện thoại", citizen["phone"]),
                ("Thư điện tử", citizen["email"]),
                ("Lưu lần đầu", citizen["created_at"]),
            ],
            styles,
            width,
        ),
        Paragraph(f"Hồ sơ ({len(export['cases'])})", styles.section),
    ]
    for case in export["cases"]:
        labels = case.get("answer_labels") or {}
        rows: list[tuple[str, Any]] = [
            ("Thủ tục", case["procedure_title"]),
            (LOCAL_REFERENCE.vi, case["local_reference"]),
            (DOSSIER_CODE.vi, case["dossier_code"]),
            ("Trạng thái", case["status"]),
            ("Tạo lúc", case["created_at"]),
            ("Nộp lúc", case["submitted_at"]),
        ]
        rows += [(labels.get(fid, fid), value) for fid, value in case["answers"].items()]
        story += [Spacer(1, 2 * mm), _pairs(rows, styles, width)]
    story.append(Paragraph(f"Sự đồng ý ({len(export['consents'])})", styles.section))
    for consent in export["consents"]:
        rows = [
            ("Mục đích", consent["purpose"]),
            ("Thời điểm", consent["given_at"]),
            ("Nội dung thông báo", consent["notice_text"]),
        ]
        story += [Spacer(1, 2 * mm), _pairs(rows, styles, width)]
    requests = export["account_requests"]
    story.append(Paragraph(f"Yêu cầu tạo tài khoản ({len(requests)})", styles.section))
    for request in requests:
        rows = [
            ("Điện thoại", request["phone"]),
            ("Thư điện tử", request["email"]),
            ("Trạng thái", request["status"]),
            ("Tạo lúc", request["created_at"]),
        ]
        story += [Spacer(1, 2 * mm), _pairs(rows, styles, width)]
    events = export["audit_events"]
    story.append(Paragraph(f"Nhật ký xử lý ({len(events)})", styles.section))
    if events:
        header: list[Flowable] = [
            Paragraph(text, styles.cell_header) for text in ("Thời điểm", "Việc", "Người thực hiện")
        ]
        table: list[list[Flowable]] = [header]
        table += [
            [
                para(_shown(event["at"]), styles.small, 100),
                para(_shown(event["action"]), styles.small, 100),
                para(f"{event['actor_kind']} {event['actor_id'] or ''}".strip(), styles.small, 100),
            ]
            for event in events
        ]
        story.append(grid_table(table, [width * 0.32, width * 0.38, width * 0.30]))
    return build_pdf(story, page_size=A4, margins=MARGINS, training=False, title=TITLE)
