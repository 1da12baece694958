"""The account flow's Qt-free rules: its personal-data notice and its input checks.

The notice follows the same structure as the procedures' notice
(:mod:`kiosk.cases.consent_notice`): what data, why, who receives it, how
long, the citizen's rights. It is deterministic, so the stored text and its
SHA-256 identify exactly what the citizen read. The kiosk never asks for a
password: the portal texts its own one-time code to the phone.
"""

from __future__ import annotations

from kiosk.cases.service import ConsentNotice
from kiosk.config import KioskConfig
from kiosk.identity import IdentityInputError, normalize_mobile_phone
from kiosk.procedures import AnswerError, Field, FieldType, normalise_answer
from kiosk.procedures.base import LocalText

ACCOUNT_CONSENT_PURPOSE = "portal_account"
VNEID_URL = "https://vneid.gov.vn/"
"""The official VNeID page (the national identity app, used to sign in to the portal)."""

_NOTICE = LocalText(
    "THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN KHI TẠO TÀI KHOẢN DỊCH VỤ CÔNG\n\n"
    "1. Những thông tin được thu thập\n"
    "- Họ và tên, số định danh cá nhân, ngày sinh, giới tính, nơi cư trú: đọc từ thẻ căn cước.\n"
    "- Số điện thoại và (nếu quý vị cho) địa chỉ thư điện tử.\n"
    "Ki-ốt không bao giờ hỏi và không lưu mật khẩu của quý vị.\n\n"
    "2. Mục đích sử dụng\n"
    "Gửi yêu cầu tạo tài khoản trên Cổng dịch vụ công; Cổng gửi mã xác nhận một lần "
    "qua tin nhắn đến số điện thoại của quý vị.\n\n"
    "3. Ai nhận và xử lý thông tin\n"
    "{agency} ({receiving_unit}) và Cổng dịch vụ công; không chuyển cho ai khác.\n\n"
    "4. Lưu giữ bao lâu\n"
    "Ki-ốt giữ yêu cầu tối đa {retention} ngày sau khi đã gửi lên Cổng rồi xoá.\n\n"
    "5. Quyền của quý vị\n"
    "Quý vị có quyền được biết, xem, yêu cầu sửa hoặc xoá thông tin, rút lại sự đồng ý "
    "và khiếu nại theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15. "
    "Yêu cầu gửi tại {receiving_unit}, {agency}.\n\n"
    "Việc đồng ý là tự nguyện. Nếu không đồng ý, quý vị có thể đăng ký tài khoản "
    "tại quầy hoặc trên ứng dụng VNeID.",
    "NOTICE ON PERSONAL DATA FOR CREATING A PUBLIC SERVICE ACCOUNT\n\n"
    "1. What information is collected\n"
    "- Full name, personal ID number, date of birth, sex, residence: read from your ID card.\n"
    "- Your phone number and (if you give it) your email address.\n"
    "The kiosk never asks for and never stores a password.\n\n"
    "2. Why it is used\n"
    "To send your account request to the public service portal; the portal texts a "
    "one-time confirmation code to your phone.\n\n"
    "3. Who receives it\n"
    "{agency} ({receiving_unit}) and the public service portal; nobody else.\n\n"
    "4. How long it is kept\n"
    "The kiosk keeps the request for at most {retention} days after sending it, "
    "then deletes it.\n\n"
    "5. Your rights\n"
    "You may know about, see, correct or delete your data, withdraw your consent and "
    "complain, under the Law on Personal Data Protection No. 91/2025/QH15. Make requests "
    "at the {receiving_unit}, {agency}.\n\n"
    "Consent is voluntary. If you do not agree, you can register at the counter or in "
    "the VNeID app.",
)

_EMAIL_FIELD = Field(id="email", type=FieldType.EMAIL, label=LocalText("Thư điện tử", "Email"))


def account_consent_notice(config: KioskConfig, lang: str) -> ConsentNotice:
    """The notice in ``lang`` ("vi" or "en"; anything else: Vietnamese), word for word."""
    language = "en" if lang == "en" else "vi"
    text = _NOTICE.get(language).format(
        agency=config.ward.agency_name,
        receiving_unit=config.ward.receiving_unit,
        retention=config.retention.retention_days,
    )
    return ConsentNotice(purpose=ACCOUNT_CONSENT_PURPOSE, text=text, language=language)


def normalise_email(text: object) -> str | None:
    """The address to store (domain in lower case), None for none, or :class:`AnswerError`.

    The procedures' own e-mail rule, so the screen and the service refuse the
    same addresses: ASCII letters, digits and the usual signs, 254 characters at
    most; NUL, bidi controls, spaces and lone surrogates never pass.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    value = normalise_answer(_EMAIL_FIELD, text)
    return value if isinstance(value, str) else None


def phone_problem(text: str) -> str | None:
    """None when ``text`` is a Vietnamese mobile number (the code comes by SMS), else why not."""
    try:
        normalize_mobile_phone(text)
    except IdentityInputError as error:
        return str(error)
    except ValueError:
        return "Số điện thoại chưa đúng."
    return None


def email_problem(text: str, lang: str = "vi") -> str | None:
    """None for an empty or well-formed address, else why not (the procedures' own rule)."""
    if not text.strip():
        return None
    try:
        normalise_answer(_EMAIL_FIELD, text)
    except AnswerError as error:
        return error.message.get(lang)
    return None
