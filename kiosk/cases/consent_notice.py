"""The personal-data notice a citizen reads before submitting a procedure.

Law 91/2025/QH15 on personal data protection and Decree 356/2025/NĐ-CP ask
for consent that is informed (what data, for what purpose, who receives it,
the citizen's rights), explicit and verifiable. :func:`consent_notice`
writes that notice in plain words for one procedure; the consent screen
shows ``notice.text`` exactly and hands the same object to
:meth:`kiosk.cases.CaseService.submit`, which stores it word for word.

The text is deterministic: the same definition, configuration and language
always give the same text (and the same SHA-256).
"""

from __future__ import annotations

from kiosk.cases.service import ConsentNotice
from kiosk.config import KioskConfig
from kiosk.procedures import Field, FieldType, ProcedureDefinition
from kiosk.procedures.base import LocalText

_HEADING = LocalText(
    "THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN",
    "NOTICE ON THE PROCESSING OF YOUR PERSONAL DATA",
)
_PROCEDURE = LocalText("Thủ tục: {title}", "Procedure: {title}")
_DATA_HEADING = LocalText("1. Những thông tin được thu thập", "1. What information is collected")
_DATA_CARD = LocalText(
    "Thông tin đọc từ mã QR trên thẻ căn cước của bạn (họ tên, ngày sinh, giới tính, "
    "số định danh, nơi cư trú). Máy không chụp và không lưu ảnh thẻ.",
    "The details read from the QR code on your ID card (name, date of birth, sex, "
    "ID number, address). The kiosk does not photograph or keep an image of the card.",
)
_PURPOSE_HEADING = LocalText("2. Mục đích sử dụng", "2. Why it is used")
_RECEIVER_HEADING = LocalText("3. Ai nhận và xử lý thông tin", "3. Who receives it")
_RECEIVER = LocalText(
    "{agency} ({receiving_unit}) tiếp nhận hồ sơ và là bên kiểm soát dữ liệu. Hồ sơ được "
    "chuyển lên Cổng Dịch vụ công của tỉnh để {decider} giải quyết. Không chuyển cho bên "
    "nào khác, trừ khi pháp luật yêu cầu.",
    "{agency} ({receiving_unit}) receives the dossier and controls the data. The dossier "
    "is sent to the province's Public Service Portal so that the {decider} can decide "
    "on it. It is given to nobody else unless the law requires it.",
)
_KEEPING_HEADING = LocalText("4. Lưu giữ bao lâu", "4. How long it is kept")
_KEEPING = LocalText(
    "Máy này chỉ giữ hồ sơ của bạn {retention} ngày sau khi đã chuyển lên Cổng Dịch vụ "
    "công; hồ sơ làm dở mà không nộp sẽ bị xoá sau {drafts} ngày. Cơ quan giải quyết lưu "
    "hồ sơ theo quy định về lưu trữ.",
    "This kiosk keeps your dossier only {retention} days after it has been sent to the "
    "portal; an unfinished dossier is deleted after {drafts} days. The deciding agency "
    "keeps the dossier as the archive rules require.",
)
_RIGHTS_HEADING = LocalText("5. Quyền của bạn", "5. Your rights")
_RIGHTS = LocalText(
    "Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP, bạn "
    "có quyền:\n"
    "- được biết và xem thông tin của mình;\n"
    "- yêu cầu sửa thông tin sai;\n"
    "- yêu cầu xoá thông tin khi không còn cần cho việc giải quyết hồ sơ;\n"
    "- rút lại sự đồng ý bất cứ lúc nào (việc đã làm trước đó vẫn có giá trị);\n"
    "- khiếu nại nếu thông tin bị dùng sai mục đích.\n"
    "Yêu cầu gửi tại {receiving_unit}, {agency}; cơ quan trả lời trong vòng 02 ngày "
    "làm việc.",
    "Under the Law on Personal Data Protection No. 91/2025/QH15 and Decree "
    "356/2025/ND-CP you may:\n"
    "- know about and see your data;\n"
    "- ask for wrong data to be corrected;\n"
    "- ask for your data to be deleted once it is no longer needed for the dossier;\n"
    "- withdraw your consent at any time (what was done before stays valid);\n"
    "- complain if your data is used for another purpose.\n"
    "Make requests at the {receiving_unit}, {agency}; the agency answers within 2 "
    "working days.",
)
_VOLUNTARY = LocalText(
    "Việc đồng ý là tự nguyện. Nếu không đồng ý, bạn vẫn có thể nộp hồ sơ giấy tại quầy tiếp nhận.",
    "Consent is voluntary. If you do not agree, you can still hand in a paper "
    "application at the counter.",
)

_LEFT_OUT = frozenset({FieldType.COMPUTED})


def _data_item(field: Field, lang: str) -> str:
    # The paper form's wording names the data better than the question does.
    if lang == "vi" and field.declaration_label:
        return field.declaration_label
    return field.label.get(lang).rstrip("?")


def _data_lines(definition: ProcedureDefinition, lang: str) -> list[str]:
    lines: list[str] = []
    for step in definition.steps:
        items: list[str] = []
        for item in step.fields:
            if item.type in _LEFT_OUT:
                continue
            text = _data_item(item, lang)
            if item.type is FieldType.REPEAT_GROUP and item.fields:
                children = "; ".join(_data_item(child, lang) for child in item.fields)
                text = f"{text} ({children})"
            if text not in items:
                items.append(text)
        if items:
            lines.append(f"- {step.title.get(lang)}: {'; '.join(items)}.")
    return lines


def _inside_a_sentence(name: str) -> str:
    """An English agency name after "the": a common noun lowercased ("the commune or
    ward police"), a proper name kept ("the People's Committee of the commune")."""
    words = name.split(maxsplit=2)
    if len(words) > 1 and words[1][:1].isupper():
        return name
    return name[:1].lower() + name[1:]


def consent_notice(
    definition: ProcedureDefinition, config: KioskConfig, lang: str
) -> ConsentNotice:
    """The notice for ``definition`` in ``lang`` ("vi" or "en"; anything else: Vietnamese).

    ``purpose`` is a short code (procedure id and version) stored beside the text.
    """
    language = "en" if lang == "en" else "vi"
    agency = config.ward.agency_name
    receiving_unit = config.ward.receiving_unit
    decider = definition.agency.name.get(language)
    if language == "en":
        decider = _inside_a_sentence(decider)
    paragraphs: list[str] = [
        _HEADING.get(language),
        _PROCEDURE.get(language).format(title=definition.title.get(language)),
        "\n".join([_DATA_HEADING.get(language), *_data_lines(definition, language)]),
    ]
    if any(item.prefill is not None for item in definition.top_level_fields()):
        paragraphs.append(_DATA_CARD.get(language))
    paragraphs += [
        "\n".join([_PURPOSE_HEADING.get(language), definition.consent_purpose.get(language)]),
        "\n".join(
            [
                _RECEIVER_HEADING.get(language),
                _RECEIVER.get(language).format(
                    agency=agency, receiving_unit=receiving_unit, decider=decider
                ),
            ]
        ),
        "\n".join(
            [
                _KEEPING_HEADING.get(language),
                _KEEPING.get(language).format(
                    retention=config.retention.retention_days,
                    drafts=config.retention.draft_expiry_days,
                ),
            ]
        ),
        "\n".join(
            [
                _RIGHTS_HEADING.get(language),
                _RIGHTS.get(language).format(agency=agency, receiving_unit=receiving_unit),
            ]
        ),
        _VOLUNTARY.get(language),
    ]
    purpose = f"procedure:{definition.id}:v{definition.version}"
    return ConsentNotice(purpose=purpose, text="\n\n".join(paragraphs), language=language)
