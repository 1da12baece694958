"""A dossier's state in plain words, for the "look up my dossier" screen.

Qt-free so the sync report or a printed notice can say the same thing. The
sentence depends on the kiosk's own status (``draft`` .. ``sent``,
``returned``) and, once the portal has answered, on the portal's status as of
the last sync. Unknown statuses get a neutral sentence, never an error: the
portal may add statuses before the kiosk learns their names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.procedures.base import LocalText

_KIOSK_STATUS: dict[str, LocalText] = {
    "draft": LocalText(
        "Hồ sơ chưa được nộp: quý vị mới khai một phần. Có thể tiếp tục khai bằng mã tiếp tục.",
        "This dossier has not been submitted yet. You can continue it with its resume code.",
    ),
    "ready": LocalText(
        "Hồ sơ đã được nộp tại ki-ốt và đang chờ gửi lên Cổng dịch vụ công.",
        "The dossier was filed at the kiosk and waits to be sent to the public service portal.",
    ),
    "queued": LocalText(
        "Hồ sơ đã được nộp tại ki-ốt và đang chờ gửi lên Cổng dịch vụ công.",
        "The dossier was filed at the kiosk and waits to be sent to the public service portal.",
    ),
    "sent": LocalText(
        "Hồ sơ đã được gửi lên Cổng dịch vụ công.",
        "The dossier has been sent to the public service portal.",
    ),
    "returned": LocalText(
        "Hồ sơ cần bổ sung. Xin mời quý vị đến Bộ phận Một cửa hoặc nhờ cán bộ hỗ trợ.",
        "The dossier needs more documents. Please go to the one-stop counter or ask a volunteer.",
    ),
}

_PORTAL_STATUS: dict[str, LocalText] = {
    "received": LocalText(
        "Cơ quan giải quyết đã tiếp nhận hồ sơ.",
        "The office has received the dossier.",
    ),
    "processing": LocalText(
        "Hồ sơ đang được cán bộ xử lý.",
        "An officer is working on the dossier.",
    ),
    "needs_more": LocalText(
        "Hồ sơ cần bổ sung giấy tờ. Xin mời quý vị đến Bộ phận Một cửa.",
        "The dossier needs more documents. Please go to the one-stop counter.",
    ),
    "not_accepted": LocalText(
        "Hồ sơ chưa được tiếp nhận. Xin mời quý vị đến Bộ phận Một cửa để được hướng dẫn.",
        "The dossier was not accepted. Please go to the one-stop counter for advice.",
    ),
    "done": LocalText(
        "Đã có kết quả. Xin mời quý vị mang giấy hẹn đến Bộ phận Một cửa để nhận.",
        "The result is ready. Please bring your receipt to the one-stop counter to collect it.",
    ),
    "result_returned": LocalText(
        "Quý vị đã nhận kết quả của hồ sơ này.",
        "You have already collected the result of this dossier.",
    ),
    "rejected": LocalText(
        "Hồ sơ không được giải quyết. Xin mời quý vị đến Bộ phận Một cửa để nghe giải thích.",
        "The request was refused. Please go to the one-stop counter for the reasons.",
    ),
    "withdrawn": LocalText(
        "Hồ sơ đã được rút theo yêu cầu.",
        "The dossier was withdrawn on request.",
    ),
}

_UNKNOWN = LocalText(
    "Chưa có thông tin mới về hồ sơ này. Xin hỏi cán bộ tại Bộ phận Một cửa.",
    "There is no news about this dossier yet. Please ask at the one-stop counter.",
)

_APPOINTMENT = LocalText("Ngày hẹn trả kết quả: {date}", "Result expected on: {date}")


@dataclass(frozen=True)
class StatusText:
    """What the lookup screen shows: the main sentence and the appointment line."""

    sentence: str
    appointment: str | None
    portal_message: str | None


def status_sentence(status: str, portal_status: str | None, lang: str = "vi") -> str:
    """One plain sentence for a case's ``status`` and ``portal_status`` in ``lang``.

    The portal's status wins once known (it is newer than the kiosk's own);
    ``lang`` other than ``"en"`` gives Vietnamese.
    """
    if portal_status:
        text = _PORTAL_STATUS.get(portal_status)
        if text is not None:
            return text.get(lang)
    return _KIOSK_STATUS.get(status, _UNKNOWN).get(lang)


def appointment_line(appointment: dt.date | None, lang: str = "vi") -> str | None:
    """``"Ngày hẹn trả kết quả: 12/05/2026"`` or None when there is no date yet."""
    if appointment is None:
        return None
    return _APPOINTMENT.get(lang).format(date=appointment.strftime("%d/%m/%Y"))


def describe_status(
    status: str,
    portal_status: str | None,
    appointment: dt.date | None,
    portal_message: str | None = None,
    lang: str = "vi",
) -> StatusText:
    """Everything the lookup screen says about one case.

    ``portal_message`` (the officer's note, e.g. which document is missing) is
    passed through only for statuses that ask something of the citizen.
    """
    asks_citizen = portal_status in ("needs_more", "not_accepted", "rejected") or (
        status == "returned"
    )
    message = (portal_message or "").strip() or None
    return StatusText(
        sentence=status_sentence(status, portal_status, lang),
        appointment=appointment_line(appointment, lang),
        portal_message=message if asks_citizen else None,
    )
