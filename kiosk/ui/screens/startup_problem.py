"""What stopped the kiosk from opening its database, on the screen, for the IT officer.

The window is up before the store opens (the welcome screen paints first), so a
missing key, a ward server out of reach or a home that cannot be written is
said here, in plain words with what to do, instead of only as an exit code in
a journal nobody at the ward reads. The citizen in front of it learns to ask
the staff. ``retry_requested`` (the officer fixed it: the key file restored,
the disk remounted) tries to open the store again without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.startup_problems import StartupProblem
from kiosk.ui.translated import Retranslated
from kiosk.ui.widgets import big_button, centred_text


class StartupProblemScreen(Retranslated, QWidget):
    """Shows one :class:`StartupProblem`; ``retry_requested`` on ``startup_retry_button``."""

    retry_requested = Signal()

    def __init__(self, problem: StartupProblem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startup_problem_screen")
        self._problem = problem
        self._seconds_to_restart: int | None = None
        self.title_label = centred_text("startup_problem_title_label", "title")
        self.citizen_label = centred_text("startup_problem_citizen_label", "heading")
        self.action_label = centred_text("startup_problem_action_label")
        self.code_label = centred_text("startup_problem_code_label", "muted")
        self.retry_button = big_button("", "startup_retry_button")
        self.retry_button.setMinimumWidth(360)
        self.retry_button.setMaximumWidth(520)
        self.retry_button.clicked.connect(self.retry_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.setSpacing(24)
        layout.addStretch(1)
        layout.addWidget(self.title_label)
        layout.addWidget(self.citizen_label)
        layout.addWidget(self.action_label)
        layout.addWidget(self.code_label)
        layout.addSpacing(12)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    @property
    def problem(self) -> StartupProblem:
        return self._problem

    def show_problem(self, problem: StartupProblem) -> None:
        """Another attempt failed, perhaps for another reason."""
        self._problem = problem
        self.retranslate()

    def set_seconds_to_restart(self, seconds: int | None) -> None:
        """The countdown before the kiosk stops for its service to start it again."""
        self._seconds_to_restart = seconds
        self.retranslate()

    def _texts(self) -> tuple[str, str]:
        """The title and what the IT officer should do, for the current problem."""
        kind = self._problem.kind
        if kind == "key_missing":
            return (
                self.tr("Không tìm thấy khoá mã hoá dữ liệu"),
                self.tr(
                    "Dành cho cán bộ công nghệ thông tin: tệp khoá secrets/field.key (hoặc khoá "
                    "trong kho khoá của hệ thống) không còn, nên không đọc được dữ liệu đã lưu. "
                    "Hãy chép lại tệp khoá từ bản sao cất giữ ngoài máy (tài liệu vận hành, "
                    "mục «The encryption key»), rồi bấm «Thử lại». Không tạo khoá mới: dữ liệu "
                    "cũ sẽ không đọc được nữa."
                ),
            )
        if kind == "key_mismatch":
            return (
                self.tr("Khoá mã hoá không khớp với cơ sở dữ liệu"),
                self.tr(
                    "Dành cho cán bộ công nghệ thông tin: khoá hiện có không phải khoá đã dùng "
                    "để ghi cơ sở dữ liệu này (thường do chép nhầm khoá của ki-ốt khác). Hãy "
                    "chép lại đúng tệp secrets/field.key của ki-ốt này từ bản sao cất giữ, "
                    "rồi bấm «Thử lại». Ki-ốt chưa ghi gì vào cơ sở dữ liệu."
                ),
            )
        if kind == "home_unusable":
            return (
                self.tr("Không ghi được vào thư mục dữ liệu của ki-ốt"),
                self.tr(
                    "Dành cho cán bộ công nghệ thông tin: không ghi được vào {path} (ổ đĩa chỉ "
                    "đọc, đầy, hoặc sai quyền sở hữu). Hãy gắn lại ổ đĩa ở chế độ ghi, giải "
                    "phóng dung lượng hoặc sửa quyền của thư mục đó, rồi bấm «Thử lại»."
                ).format(path=self._problem.detail),
            )
        if kind == "server_unreachable":
            return (
                self.tr("Chưa kết nối được máy chủ dữ liệu của phường"),
                self.tr(
                    "Dành cho cán bộ công nghệ thông tin: kiểm tra máy chủ đã bật và dịch vụ "
                    "PostgreSQL đang chạy, dây mạng và bộ chia mạng của phòng (tài liệu vận "
                    "hành, mục «When the server is down»). Ki-ốt tự thử lại; bấm «Thử lại» "
                    "để thử ngay."
                ),
            )
        return (
            self.tr("Không mở được cơ sở dữ liệu của ki-ốt"),
            self.tr(
                "Dành cho cán bộ công nghệ thông tin: xem tệp logs/kiosk.log trong thư mục "
                "dữ liệu của ki-ốt để biết lý do (có thể là lần nâng cấp cơ sở dữ liệu không "
                "thành công), khôi phục từ bản sao lưu nếu cần, rồi bấm «Thử lại». Gửi tệp "
                "nhật ký cho bộ phận hỗ trợ nếu chưa rõ cách xử lý."
            ),
        )

    def retranslate(self) -> None:
        title, action = self._texts()
        self.title_label.setText(title)
        self.citizen_label.setText(
            self.tr("Ki-ốt tạm thời chưa sử dụng được. Xin quý vị vui lòng báo cán bộ hỗ trợ.")
        )
        self.action_label.setText(action)
        code = self.tr("Mã lỗi: {code}").format(code=self._problem.exit_code)
        if self._seconds_to_restart is not None:
            code += " · " + self.tr("Ki-ốt tự khởi động lại sau {seconds} giây").format(
                seconds=self._seconds_to_restart
            )
        self.code_label.setText(code)
        self.retry_button.setText(self.tr("Thử lại"))
