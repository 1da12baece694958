<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>AccountScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="442"/>
        <source>Số điện thoại di động của quý vị</source>
        <translation>Your mobile phone number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="443"/>
        <source>Ví dụ: 0912 345 678</source>
        <translation>For example: 0912 345 678</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="444"/>
        <location filename="../../kiosk/ui/screens/account.py" line="447"/>
        <location filename="../../kiosk/ui/screens/account.py" line="452"/>
        <location filename="../../kiosk/ui/screens/account.py" line="476"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="445"/>
        <location filename="../../kiosk/ui/screens/account.py" line="449"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="446"/>
        <source>Địa chỉ thư điện tử (không bắt buộc, có thể bỏ qua)</source>
        <translation>Email address (optional, you may skip this)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="448"/>
        <source>Bỏ qua</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="450"/>
        <source>Xin đọc và xác nhận đồng ý</source>
        <translation>Please read and give your consent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="453"/>
        <source>Tôi đồng ý và gửi yêu cầu</source>
        <translation>I agree, send the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="454"/>
        <source>Đang gửi yêu cầu tạo tài khoản, xin chờ...</source>
        <translation>Sending your account request, please wait...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="468"/>
        <source>Chưa có thẻ căn cước: xin bấm «Quay lại», quét thẻ căn cước, rồi chọn tạo tài khoản lại.</source>
        <translation>No ID card yet: please tap «Back», scan your ID card, then choose to create the account again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="475"/>
        <source>Tạo tài khoản dịch vụ công</source>
        <translation>Create a public service account</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="477"/>
        <source>Đúng, tiếp tục</source>
        <translation>Yes, continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="480"/>
        <source>Ki-ốt không bao giờ hỏi mật khẩu. Cổng dịch vụ công sẽ gửi mã xác nhận qua tin nhắn đến điện thoại của quý vị.</source>
        <translation>This kiosk never asks for a password. The Public Service Portal will send a confirmation code by text message to your phone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="491"/>
        <source>Xin quét thẻ căn cước trước khi tạo tài khoản.</source>
        <translation>Please scan your ID card before creating an account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="495"/>
        <source>Thông tin đọc từ thẻ căn cước của quý vị:</source>
        <translation>Details read from your ID card:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="498"/>
        <source>Số định danh: {number}
Ngày sinh: {born}</source>
        <translation>ID number: {number}
Date of birth: {born}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="505"/>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="508"/>
        <source>Quét mã này bằng điện thoại để cài ứng dụng VNeID: dùng tài khoản định danh điện tử để đăng nhập Cổng dịch vụ công.</source>
        <translation>Scan this code with your phone to install the VNeID app: use your electronic ID account to sign in to the Public Service Portal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="514"/>
        <source>Tài khoản đã được xác nhận</source>
        <translation>Your account is confirmed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="517"/>
        <source>Quý vị đã có tài khoản Cổng dịch vụ công. Tên đăng nhập là số điện thoại {phone}. Để đăng nhập: mở dichvucong.gov.vn, chọn «Đăng nhập», nhập số điện thoại này và mật khẩu quý vị đặt theo tin nhắn của Cổng. Ki-ốt không biết và không lưu mật khẩu của quý vị.</source>
        <translation>You now have a Public Service Portal account. Your user name is the phone number {phone}. To sign in: open dichvucong.gov.vn, choose Sign in, enter this phone number and the password you set as the Portal&apos;s text message explains. The kiosk neither knows nor keeps your password.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="524"/>
        <source>Cổng dịch vụ công chưa nhận yêu cầu</source>
        <translation>The Public Service Portal did not accept the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="526"/>
        <source>Xin nhờ cán bộ tại quầy hỗ trợ.</source>
        <translation>Please ask a staff member at the counter for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="529"/>
        <source>Yêu cầu đã được gửi</source>
        <translation>Request sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="531"/>
        <source>Quý vị có thể nhập mã trong tin nhắn SMS theo hướng dẫn của Cổng.</source>
        <translation>You can enter the code from the text message as the Portal explains.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="534"/>
        <source>Yêu cầu đã được lưu</source>
        <translation>Request saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/account.py" line="537"/>
        <source>Yêu cầu đã được lưu, quý vị sẽ nhận tin nhắn SMS khi yêu cầu được gửi lên Cổng dịch vụ công.</source>
        <translation>Your request has been saved. You will get a text message when it has been sent to the Public Service Portal.</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="157"/>
        <source>Đã tạo tài khoản cho {name}.</source>
        <translation>Account created for {name}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="170"/>
        <source>Đã cập nhật tài khoản.</source>
        <translation>Account updated.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="186"/>
        <source>Đã đặt mã PIN mới cho {name}.</source>
        <translation>New PIN set for {name}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="201"/>
        <source>quản trị</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="201"/>
        <source>tình nguyện viên</source>
        <translation>volunteer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="202"/>
        <source>đã ngừng</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="204"/>
        <source>đang tạm khoá</source>
        <translation>temporarily locked</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="217"/>
        <source>Mở lại</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="219"/>
        <source>Ngừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="222"/>
        <source>Tài khoản cán bộ</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="223"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="224"/>
        <source>Chi đoàn</source>
        <translation>Youth union branch</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="225"/>
        <source>Mã PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="226"/>
        <source>Tình nguyện viên</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="227"/>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="228"/>
        <source>Tạo tài khoản</source>
        <translation>Create account</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/accounts.py" line="229"/>
        <source>Đặt PIN mới</source>
        <translation>Set new PIN</translation>
    </message>
</context>
<context>
    <name>AddressField</name>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="305"/>
        <source>{province}: xin chọn phường/xã</source>
        <translation>{province}: please choose a ward/commune</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="307"/>
        <source>Chưa chọn</source>
        <translation>Not chosen yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="309"/>
        <source>Trên thẻ căn cước ghi: {text}</source>
        <translation>Your ID card says: {text}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="313"/>
        <source>Chạm vào tên phường/xã:</source>
        <translation>Tap your ward or commune:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="316"/>
        <source>Chạm vào một nơi dưới đây, hoặc tìm tỉnh/thành phố trong danh sách:</source>
        <translation>Tap a place below, or find the province/city in the list:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="319"/>
        <source>Chạm vào tên tỉnh/thành phố của bạn:</source>
        <translation>Tap your province or city:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="321"/>
        <source>Gõ vài chữ để tìm, ví dụ: dien ban</source>
        <translation>Type a few letters to search, e.g. dien ban</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="324"/>
        <location filename="../../kiosk/ui/fields/address.py" line="325"/>
        <source>Không tìm thấy. Xin gõ lại.</source>
        <translation>Nothing found. Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="326"/>
        <source>Chọn tỉnh/thành phố khác</source>
        <translation>Choose another province/city</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="327"/>
        <source>Chọn phường/xã khác</source>
        <translation>Choose another ward/commune</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="328"/>
        <source>Số nhà, đường, thôn, tổ (nếu có):</source>
        <translation>House number, street, village, group (if any):</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/address.py" line="331"/>
        <source>{place} (nơi đặt ki-ốt)</source>
        <translation>{place} (where this kiosk is)</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="125"/>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="126"/>
        <source>Người thực hiện</source>
        <translation>Done by</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="127"/>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="128"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="129"/>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditLogPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="268"/>
        <source>Đang xuất…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="275"/>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="328"/>
        <source>Mọi việc</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="298"/>
        <source>{total} sự kiện</source>
        <translation>{total} events</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="304"/>
        <source>Đã xuất {count} sự kiện vào {path}</source>
        <translation>Exported {count} events to {path}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="310"/>
        <source>Không xuất được tệp CSV.</source>
        <translation>The CSV file could not be exported.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="314"/>
        <source>Nhật ký hoạt động</source>
        <translation>Activity log</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="316"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="317"/>
        <source>7 ngày</source>
        <translation>7 days</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="318"/>
        <source>30 ngày</source>
        <translation>30 days</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="319"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="323"/>
        <source>Người thực hiện (mã số)</source>
        <translation>Done by (ID)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="324"/>
        <source>Mã nội bộ của hồ sơ (case id)</source>
        <translation>Internal case id</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="325"/>
        <source>Lọc</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/audit_log.py" line="326"/>
        <source>Xuất CSV</source>
        <translation>Export CSV</translation>
    </message>
</context>
<context>
    <name>BackupsPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="146"/>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="154"/>
        <source>Khôi phục bản sao lưu lúc {when}? Dữ liệu hiện tại được cất sang thư mục quarantine (không bị xoá); mọi thay đổi sau thời điểm đó sẽ không còn trong ki-ốt. Ki-ốt sẽ khởi động lại.</source>
        <translation>Restore the backup from {when}? The current data is moved to the quarantine folder (not deleted); any change made after that time will no longer be in the kiosk. The kiosk will restart.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="170"/>
        <source>Đang khôi phục…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="178"/>
        <source>Đã sao lưu xong.</source>
        <translation>Backup complete.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="188"/>
        <source>Đã khôi phục từ {backup}. Dữ liệu cũ được cất tại quarantine/{kept}. Hãy khởi động lại ki-ốt ngay.</source>
        <translation>Restored from {backup}. The old data is kept in quarantine/{kept}. Please restart the kiosk now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="198"/>
        <source>Không thực hiện được.</source>
        <translation>This could not be done.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="210"/>
        <source>hằng ngày</source>
        <translation>daily</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="211"/>
        <source>sao lưu tay</source>
        <translation>manual backup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="212"/>
        <location filename="../../kiosk/ui/staff/backups.py" line="213"/>
        <source>trước khi nâng cấp</source>
        <translation>before an upgrade</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="241"/>
        <source>Sao lưu dữ liệu</source>
        <translation>Data backups</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="244"/>
        <source>Ki-ốt tự sao lưu mỗi ngày và trước mỗi lần nâng cấp. Bản sao lưu được mã hoá bằng khoá của máy này.</source>
        <translation>The kiosk backs itself up every day and before every upgrade. Backups are encrypted with this machine&apos;s key.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="248"/>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="249"/>
        <source>Khôi phục bản đã chọn</source>
        <translation>Restore selected backup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="250"/>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="251"/>
        <source>Không khôi phục</source>
        <translation>Do not restore</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/backups.py" line="252"/>
        <source>Khởi động lại ki-ốt</source>
        <translation>Restart the kiosk</translation>
    </message>
</context>
<context>
    <name>CameraScanner</name>
    <message>
        <location filename="../../kiosk/ui/camera_scanner.py" line="98"/>
        <source>Xin đưa mã QR trên thẻ căn cước vào trước camera.</source>
        <translation>Please hold the QR code on your ID card in front of the camera.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_scanner.py" line="131"/>
        <source>Không tìm thấy camera, xin vui lòng dùng máy quét.</source>
        <translation>No camera found. Please use the scanner.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_scanner.py" line="170"/>
        <source>Camera đang gặp sự cố, xin vui lòng dùng máy quét.</source>
        <translation>The camera is not working. Please use the scanner.</translation>
    </message>
</context>
<context>
    <name>CatalogueScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="399"/>
        <source>Giấy tờ cần mang theo</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="401"/>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="434"/>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="437"/>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="444"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="403"/>
        <source>Thời gian giải quyết</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="407"/>
        <source>Quét mã này bằng điện thoại để đọc thêm</source>
        <translation>Scan this code with your phone to read more</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="418"/>
        <source>, {count} bản</source>
        <translation>, {count} copies</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="421"/>
        <source>(tùy trường hợp)</source>
        <translation>(if applicable)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="432"/>
        <source>Miễn lệ phí</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="439"/>
        <source>{name}: {amount} mỗi bản</source>
        <translation>{name}: {amount} per copy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="446"/>
        <source>{name}: {first} mỗi trang cho {pages} trang đầu, {next} mỗi trang từ trang tiếp theo</source>
        <translation>{name}: {first} per page for the first {pages} pages, then {next} per page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="455"/>
        <source>, tối đa {cap} một bản</source>
        <translation>, at most {cap} per copy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="469"/>
        <source>Miễn lệ phí nếu {reason}</source>
        <translation>No fee if {reason}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="487"/>
        <source>Từ {low} đến {high} ngày làm việc, tùy trường hợp</source>
        <translation>{low} to {high} working days, depending on the case</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="491"/>
        <source>Trả kết quả trong ngày</source>
        <translation>Result on the same day</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="492"/>
        <source>{days} ngày làm việc</source>
        <translation>{days} working days</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="495"/>
        <source>Chọn thủ tục</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="496"/>
        <source>Tìm thủ tục (gõ không dấu cũng được)</source>
        <translation>Search for a service (accents not needed)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="498"/>
        <source>Xoá hết</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="500"/>
        <source>Không tìm thấy thủ tục phù hợp. Xin thử từ khác hoặc nhờ cán bộ hỗ trợ.</source>
        <translation>No matching service found. Please try another word or ask a staff member for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="502"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="503"/>
        <source>Chọn thủ tục khác</source>
        <translation>Choose another service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/catalogue.py" line="504"/>
        <source>Bắt đầu khai</source>
        <translation>Start filling in</translation>
    </message>
</context>
<context>
    <name>ChipPanel</name>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="287"/>
        <source>Đặt thẻ lên đầu đọc</source>
        <translation>Put the card on the reader</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="324"/>
        <source>Đang đọc chip, xin giữ yên thẻ…</source>
        <translation>Reading the chip, please hold the card still…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="337"/>
        <source>Đã đọc chip. Dữ liệu đã được xác thực.</source>
        <translation>Chip read. Its data is verified.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="339"/>
        <source>Đã đọc chip nhưng CHƯA xác thực. </source>
        <translation>Chip read but NOT verified. </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="394"/>
        <source>Đọc chip trên thẻ</source>
        <translation>Read the card&apos;s chip</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="395"/>
        <source>Số thẻ (9 số cuối)</source>
        <translation>Card number (last 9 digits)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="396"/>
        <source>Có giá trị đến (để trống nếu không thời hạn)</source>
        <translation>Valid until (leave empty if without end date)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="397"/>
        <source>Đọc lại với thông tin đã nhập</source>
        <translation>Read again with what was typed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/chip_panel.py" line="400"/>
        <source>Có đầu đọc thẻ: đọc chip để xác thực thẻ và điền sẵn nhiều thông tin hơn.</source>
        <translation>There is a card reader: read the chip to verify the card and fill in more for you.</translation>
    </message>
</context>
<context>
    <name>ComputedField</name>
    <message>
        <location filename="../../kiosk/ui/fields/computed.py" line="32"/>
        <source>(sẽ tự điền khi có đủ thông tin)</source>
        <translation>(filled in automatically once the details are complete)</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/consent.py" line="91"/>
        <source>Xin chạm vào ô «Tôi đã đọc và đồng ý» ở trên trước khi nộp hồ sơ.</source>
        <translation>Please tap «I have read this and agree» above before you submit.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/consent.py" line="160"/>
        <source>Chưa nộp được vì mất kết nối tới máy chủ của phường. Hồ sơ vẫn được giữ nguyên; xin bấm «Nộp hồ sơ» lại khi dòng báo màu đỏ phía trên biến mất.</source>
        <translation>Not submitted: the connection to the ward&apos;s server is lost. Your dossier is kept as it is; please press «Submit» again when the red line at the top has gone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/consent.py" line="193"/>
        <source>Đồng ý cho sử dụng thông tin cá nhân</source>
        <translation>Consent to the use of your personal data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/consent.py" line="194"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/consent.py" line="195"/>
        <source>Nộp hồ sơ</source>
        <translation>Submit dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/consent.py" line="202"/>
        <source>Đã đồng ý. Chạm lần nữa để bỏ chọn</source>
        <translation>Agreed. Tap again to undo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/consent.py" line="204"/>
        <source>Tôi đã đọc và đồng ý</source>
        <translation>I have read this and agree</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../kiosk/ui/controller.py" line="342"/>
        <source>Máy đã hết chỗ lưu trữ. Xin báo cán bộ tại Bộ phận Một cửa.</source>
        <translation>This kiosk has run out of storage space. Please tell a staff member at the one-stop counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/controller.py" line="344"/>
        <source>Máy chưa lưu được dữ liệu. Xin báo cán bộ tại Bộ phận Một cửa.</source>
        <translation>This kiosk could not save your data. Please tell a staff member at the one-stop counter.</translation>
    </message>
</context>
<context>
    <name>DataRequestsPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="179"/>
        <source>Không tìm được.</source>
        <translation>Nothing found.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="183"/>
        <source>Ki-ốt không lưu dữ liệu nào của số định danh này.</source>
        <translation>The kiosk holds no data for this ID number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="204"/>
        <source>Đang xuất dữ liệu…</source>
        <translation>Exporting data…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="233"/>
        <source>Đang xoá…</source>
        <translation>Deleting…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="243"/>
        <source>Đã xuất dữ liệu vào thư mục {folder} (tệp JSON và PDF).</source>
        <translation>Data exported to the folder {folder} (JSON and PDF files).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="257"/>
        <source>Đã xoá dữ liệu cá nhân của công dân.</source>
        <translation>The citizen&apos;s personal data has been deleted.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="270"/>
        <source>Không thực hiện được.</source>
        <translation>This could not be done.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="275"/>
        <source>Chưa xoá gì.</source>
        <translation>Nothing was deleted.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="290"/>
        <source>{name}, sinh {born}: {cases} hồ sơ, {requests} yêu cầu tạo tài khoản.</source>
        <translation>{name}, born {born}: {cases} dossier(s), {requests} account request(s).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="302"/>
        <source>Xoá toàn bộ dữ liệu cá nhân của {name} khỏi ki-ốt? Việc này không hoàn tác được.</source>
        <translation>Delete all personal data of {name} from the kiosk? This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="306"/>
        <source>Xoá, kể cả hồ sơ chưa gửi</source>
        <translation>Delete, including unsent dossiers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="308"/>
        <source>Xoá dữ liệu</source>
        <translation>Delete data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="330"/>
        <source>Yêu cầu của chủ thể dữ liệu</source>
        <translation>Data subject requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="333"/>
        <source>Theo Luật Bảo vệ dữ liệu cá nhân (Luật 91/2025): tìm công dân theo số định danh, xuất toàn bộ dữ liệu ki-ốt đang giữ, hoặc xoá. Mọi thao tác đều được ghi nhật ký.</source>
        <translation>Under the Personal Data Protection Law (Law 91/2025): find a citizen by ID number, export all the data the kiosk holds, or delete it. Every action is logged.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="338"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="339"/>
        <source>Tìm</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="340"/>
        <source>Thư mục xuất</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="341"/>
        <source>Xuất JSON và PDF</source>
        <translation>Export JSON and PDF</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="342"/>
        <source>Xoá dữ liệu…</source>
        <translation>Delete data…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/data_requests.py" line="343"/>
        <source>Không xoá</source>
        <translation>Do not delete</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../kiosk/ui/fields/date.py" line="157"/>
        <source>Những năm trước</source>
        <translation>Earlier years</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/date.py" line="158"/>
        <source>Những năm sau</source>
        <translation>Later years</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/date.py" line="188"/>
        <source>Ngày {day}</source>
        <translation>Day {day}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/date.py" line="191"/>
        <source>Tháng {month}</source>
        <translation>Month {month}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/date.py" line="194"/>
        <source>Năm {year}</source>
        <translation>Year {year}</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/documents.py" line="348"/>
        <source>Đã chụp %n trang</source>
        <translation>
            <numerusform>%n page scanned</numerusform>
            <numerusform>%n pages scanned</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="350"/>
        <source>Sẽ mang bản giấy tới quầy</source>
        <translation>Paper to be brought to the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="352"/>
        <source>Không cần: đã có giấy thay thế</source>
        <translation>Not needed: an alternative paper is there</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="354"/>
        <source>Không bắt buộc</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="355"/>
        <source>Chưa có</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="390"/>
        <source>Thủ tục này không cần chụp giấy tờ.</source>
        <translation>This procedure needs no papers captured.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/documents.py" line="393"/>
        <source>Cần đúng %n trang.</source>
        <translation>
            <numerusform>Exactly %n page.</numerusform>
            <numerusform>Exactly %n pages.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/documents.py" line="395"/>
        <source>Tối đa %n trang.</source>
        <translation>
            <numerusform>At most %n page.</numerusform>
            <numerusform>At most %n pages.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="420"/>
        <source>Xóa trang %1</source>
        <translation>Delete page %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="449"/>
        <source>Máy không có máy quét hay máy ảnh. Xin mang bản giấy này tới quầy, cán bộ sẽ nhận trực tiếp.</source>
        <translation>This kiosk has no scanner or camera. Please bring this paper to the counter; the officer will take it there.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="457"/>
        <source>Đặt trang giấy lên máy quét, úp mặt xuống, rồi chạm “Quét trang”.</source>
        <translation>Put the page on the scanner, face down, then tap “Scan page”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="461"/>
        <source>Đặt trang giấy trước máy ảnh rồi chạm “Chụp trang”.</source>
        <translation>Hold the page in front of the camera, then tap “Take page”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="465"/>
        <source>Chế độ tập huấn: máy dùng giấy tờ mẫu thay cho máy quét.</source>
        <translation>Training mode: the kiosk uses sample papers instead of a scanner.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="494"/>
        <source>Máy ảnh chưa có hình. Xin đợi một chút rồi chụp lại.</source>
        <translation>The camera shows no picture yet. Please wait a moment, then try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="519"/>
        <source>Đang xử lý trang...</source>
        <translation>Processing the page...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="544"/>
        <source>Đang ghép các trang thành một tệp...</source>
        <translation>Putting the pages together into one file...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="588"/>
        <source>Không lưu được trang này. Các trang đã chụp vẫn được giữ. Xin thử lại.</source>
        <translation>This page could not be stored. Pages already captured are kept. Please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="598"/>
        <source>Xin chờ một chút: ki-ốt đang xử lý trang giấy tờ, xong sẽ bấm được.</source>
        <translation>Please wait a moment: the kiosk is processing the page; this button works again when it is done.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="608"/>
        <source>Giấy tờ này chỉ cần tối đa {pages} trang và đã đủ. Xin bấm «Xong», hoặc xoá một trang rồi chụp lại.</source>
        <translation>This document needs at most {pages} page(s) and has them all. Please tap «Done», or delete a page and capture it again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="642"/>
        <source>Xin chụp hoặc chọn “mang tới quầy” cho: %1</source>
        <translation>Please capture, or choose “bring to the counter”, for: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="742"/>
        <source>Quét trang</source>
        <translation>Scan page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="744"/>
        <source>Chụp trang</source>
        <translation>Take page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="746"/>
        <source>Dùng giấy mẫu</source>
        <translation>Use a sample paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="749"/>
        <source>Giấy tờ kèm theo</source>
        <translation>Supporting documents</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="752"/>
        <source>Chụp từng giấy tờ để gửi cùng hồ sơ, hoặc chọn mang bản giấy tới quầy. Tình nguyện viên có thể làm giúp bạn.</source>
        <translation>Capture each paper to send it with the application, or choose to bring the paper to the counter. A volunteer can do it for you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="756"/>
        <source>Chụp lại</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="757"/>
        <source>Xoay trang</source>
        <translation>Rotate page</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="758"/>
        <source>Xong giấy này</source>
        <translation>Done with this paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="759"/>
        <source>Tôi sẽ mang bản giấy tới quầy</source>
        <translation>I will bring the paper to the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="760"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/documents.py" line="761"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="255"/>
        <source>Máy đang in, xin chờ in xong rồi bấm lại nếu cần.</source>
        <translation>Printing now: please wait until it is done, then tap again if needed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="272"/>
        <source>Quý vị đã nộp hồ sơ thành công</source>
        <translation>Your dossier has been submitted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="273"/>
        <source>Số tham chiếu của hồ sơ:</source>
        <translation>Reference number:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="275"/>
        <source>In lại giấy hẹn</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="276"/>
        <source>In tờ khai</source>
        <translation>Print the declaration</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="277"/>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="279"/>
        <source>Xin chụp mã này bằng điện thoại để tra cứu hồ sơ sau này.</source>
        <translation>Please take a photo of this code with your phone to check your dossier later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="288"/>
        <source>Đang chuẩn bị giấy hẹn...</source>
        <translation>Preparing your receipt...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="293"/>
        <source>Ngày hẹn trả kết quả: {day}</source>
        <translation>Result ready on: {day}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="298"/>
        <source>Nơi nhận kết quả: {place}. Xin mang theo giấy hẹn và thẻ căn cước.</source>
        <translation>Collect your result at: {place}. Please bring your receipt and ID card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="307"/>
        <source>Lệ phí {amount}: đã thanh toán.</source>
        <translation>Fee {amount}: paid.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="311"/>
        <source>Lệ phí {amount}: nộp tại quầy nếu quý vị chưa chuyển khoản.</source>
        <translation>Fee {amount}: please pay at the counter if you have not paid by bank transfer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="316"/>
        <source>Hồ sơ này không thu lệ phí.</source>
        <translation>There is no fee for this dossier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="323"/>
        <source>Đang in giấy hẹn, xin chờ trong giây lát...</source>
        <translation>Printing your receipt, please wait a moment...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="332"/>
        <source>Xin nhận giấy hẹn tại quầy một cửa: cán bộ sẽ in cho quý vị.</source>
        <translation>Please collect your receipt at the one-stop counter: the staff will print it for you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="336"/>
        <source>Đã in 2 bản giấy hẹn: một bản quý vị giữ, một bản nộp tại quầy.</source>
        <translation>Two receipts printed: keep one and hand the other in at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="354"/>
        <source>Đang in tờ khai...</source>
        <translation>Printing the declaration...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="355"/>
        <source>Đã in tờ khai. Nếu cán bộ yêu cầu, xin ký tên và nộp tại quầy.</source>
        <translation>The declaration is printed. If the officer asks for it, sign it and hand it in at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="357"/>
        <source>Chưa in được tờ khai. Cán bộ tại quầy có thể in lại từ hồ sơ của quý vị.</source>
        <translation>The declaration could not be printed. The officer at the counter can print it from your dossier.</translation>
    </message>
</context>
<context>
    <name>DraftRow</name>
    <message>
        <location filename="../../kiosk/ui/draft_rows.py" line="20"/>
        <source>Sửa lần cuối: {date}</source>
        <translation>Last changed: {date}</translation>
    </message>
</context>
<context>
    <name>DraftSavedScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="135"/>
        <source>Hồ sơ đang làm của quý vị đã được lưu</source>
        <translation>Your unfinished dossier has been saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="136"/>
        <source>Mã tiếp tục hồ sơ (xin giữ kín):</source>
        <translation>Resume code (keep it private):</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="137"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="151"/>
        <source>Thủ tục: {procedure}</source>
        <translation>Procedure: {procedure}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="153"/>
        <source>Đã làm đến: {step}</source>
        <translation>Reached: {step}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="155"/>
        <source>Hồ sơ được giữ đến hết ngày {date}.</source>
        <translation>The dossier is kept until the end of {date}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="162"/>
        <source>Đang in phiếu có mã tiếp tục...</source>
        <translation>Printing the slip with the resume code...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="164"/>
        <source>Đã in phiếu có mã tiếp tục. Xin giữ phiếu này.</source>
        <translation>The slip with the resume code has been printed. Please keep it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/draft_saved.py" line="168"/>
        <source>Chưa in được phiếu. Xin ghi lại mã trên màn hình hoặc chụp ảnh mã QR.</source>
        <translation>The slip could not be printed. Please write down the code on the screen or take a photo of the QR code.</translation>
    </message>
</context>
<context>
    <name>DuplicateDraftScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/duplicate_draft.py" line="122"/>
        <source>Quý vị đã có hồ sơ «{procedure}» đang làm dở</source>
        <translation>You already have an unfinished «{procedure}» dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/duplicate_draft.py" line="126"/>
        <source>Làm tiếp hồ sơ đã có thì không phải khai lại những gì đã khai. Chỉ tạo hồ sơ mới nếu đây là một yêu cầu khác (ví dụ cho một người con khác).</source>
        <translation>Continuing it means you do not have to enter again what you already entered. Start a new one only if this is a different request (for example for another child).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/duplicate_draft.py" line="130"/>
        <source>Làm tiếp hồ sơ đã có:</source>
        <translation>Continue the dossier you started:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/duplicate_draft.py" line="131"/>
        <source>Vẫn tạo hồ sơ mới</source>
        <translation>Start a new dossier anyway</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/duplicate_draft.py" line="132"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>EnrolmentPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="183"/>
        <source>Đang đăng ký với Cổng…</source>
        <translation>Enrolling with the Portal…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="193"/>
        <source>Đang kiểm tra kết nối…</source>
        <translation>Checking the connection…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="199"/>
        <source>Đã đăng ký ki-ốt {kiosk_id}. Thông tin đăng nhập đã được lưu.</source>
        <translation>Kiosk {kiosk_id} is enrolled. Its sign-in details have been saved.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="204"/>
        <source>Địa chỉ Cổng đã được lưu vào cài đặt.</source>
        <translation>The Portal address has been saved in the settings.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="215"/>
        <source>Đăng ký không thành công.</source>
        <translation>Enrolment failed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="224"/>
        <source>Kết nối tốt: mọi bước đều được.</source>
        <translation>Connection good: every step passed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="226"/>
        <source>Có {count} bước chưa được, xem bên dưới.</source>
        <translation>Steps that failed: {count}. See below.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="233"/>
        <source>Không kiểm tra được kết nối.</source>
        <translation>The connection could not be checked.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="251"/>
        <source>Tìm máy chủ (DNS)</source>
        <translation>Find the server (DNS)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="252"/>
        <source>Kết nối mạng tới máy chủ</source>
        <translation>Network connection to the server</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="253"/>
        <source>Kết nối bảo mật (TLS)</source>
        <translation>Secure connection (TLS)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="254"/>
        <source>Đăng nhập Cổng bằng thông tin của ki-ốt</source>
        <translation>Sign in to the Portal with the kiosk&apos;s details</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="255"/>
        <source>Phiên bản giao diện của Cổng</source>
        <translation>Portal interface version</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="261"/>
        <source>Chưa kiểm tra</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="262"/>
        <source>Được</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="262"/>
        <source>Chưa được</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="286"/>
        <source>Đăng ký ki-ốt với Cổng dịch vụ công</source>
        <translation>Enrol the kiosk with the Public Service Portal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="289"/>
        <source>Nhập mã ki-ốt và mã đăng ký dùng một lần do tỉnh cấp. Thông tin đăng nhập được lưu ngoài cơ sở dữ liệu; mã đăng ký không được lưu.</source>
        <translation>Enter the kiosk ID and the one-time enrolment code issued by the province. The sign-in details are stored outside the database; the enrolment code is not stored.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="293"/>
        <source>Địa chỉ Cổng</source>
        <translation>Portal address</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="294"/>
        <source>Mã ki-ốt</source>
        <translation>Kiosk ID</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="295"/>
        <source>Mã đăng ký</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="296"/>
        <source>Đăng ký ki-ốt</source>
        <translation>Enrol kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="297"/>
        <source>Kiểm tra kết nối</source>
        <translation>Check connection</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/enrolment.py" line="298"/>
        <source>Kết quả kiểm tra:</source>
        <translation>Check results:</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="67"/>
        <source>Đã có lỗi xảy ra</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="72"/>
        <source>Các câu trả lời của quý vị đã được lưu. Xin mời quý vị quay lại màn hình chính để tiếp tục, hoặc nhờ cán bộ hỗ trợ.</source>
        <translation>Your answers have been saved. Please go back to the home screen to continue, or ask a staff member for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="76"/>
        <source>Về màn hình chính</source>
        <translation>Back to home screen</translation>
    </message>
</context>
<context>
    <name>FieldWidget</name>
    <message>
        <location filename="../../kiosk/ui/fields/base.py" line="259"/>
        <source>Đã điền sẵn từ thẻ căn cước</source>
        <translation>Filled in from your ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/base.py" line="261"/>
        <source>Đã điền sẵn theo thông tin của bạn</source>
        <translation>Filled in from your details</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/base.py" line="270"/>
        <source>(không bắt buộc)</source>
        <translation>(optional)</translation>
    </message>
</context>
<context>
    <name>GroupField</name>
    <message>
        <location filename="../../kiosk/ui/fields/group.py" line="229"/>
        <source>Mục {number}</source>
        <translation>Item {number}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/group.py" line="232"/>
        <source>Bỏ mục này</source>
        <translation>Remove this item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/group.py" line="235"/>
        <source>Thêm một người/mục</source>
        <translation>Add a person/item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/group.py" line="241"/>
        <source>Chưa có ai. Chạm “Thêm” nếu có.</source>
        <translation>Nothing added yet. Tap “Add” if needed.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="190"/>
        <source>Quý vị còn ở đây không?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="192"/>
        <source>Nếu không có ai chạm vào màn hình, phiên làm việc sẽ kết thúc sau:</source>
        <translation>If nobody touches the screen, this session will end in:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="194"/>
        <source>Hồ sơ đang làm đã được lưu. Quý vị có thể tiếp tục sau.</source>
        <translation>Your dossier in progress has been saved. You can continue later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="197"/>
        <source>Mã tiếp tục hồ sơ: {code}</source>
        <translation>Resume code: {code}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="201"/>
        <source>Hồ sơ đã được lưu. Xin ghi lại mã này (ki-ốt cũng in phiếu có mã). Khi quay lại, chọn «Tiếp tục hồ sơ đang làm» và nhập mã.</source>
        <translation>Your dossier is saved. Please write this code down (the kiosk also prints a slip with it). When you come back, choose «Continue a dossier» and enter the code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="210"/>
        <source>Tôi vẫn ở đây</source>
        <translation>I&apos;m still here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="211"/>
        <source>Kết thúc</source>
        <translation>End session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle.py" line="257"/>
        <source>{seconds} giây</source>
        <translation>{seconds} s</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="201"/>
        <source>Không tìm thấy hồ sơ này trên máy. Xin kiểm tra lại số tham chiếu trên giấy hẹn, hoặc hỏi cán bộ tại Bộ phận Một cửa.</source>
        <translation>This dossier was not found on this kiosk. Please check the reference number on your receipt, or ask a staff member at the one-stop counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="219"/>
        <source>Số tham chiếu: {reference}</source>
        <translation>Reference number: {reference}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="221"/>
        <source>Mã hồ sơ: {code}</source>
        <translation>Dossier code: {code}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="232"/>
        <source>Thông tin theo lần cập nhật gần nhất với Cổng dịch vụ công.</source>
        <translation>As of the latest update from the Public Service Portal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="263"/>
        <source>Tra cứu hồ sơ</source>
        <translation>Check a dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="265"/>
        <source>Xin quét mã QR in trên giấy hẹn, hoặc nhập số tham chiếu in trên giấy hẹn.</source>
        <translation>Please scan the QR code on your receipt, or type the reference number printed on it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="267"/>
        <source>Số tham chiếu, ví dụ 20551-260520-01-0001-K</source>
        <translation>Reference number, e.g. 20551-260520-01-0001-K</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="268"/>
        <source>Tra cứu</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="269"/>
        <source>Mã hồ sơ có chữ (của Cổng dịch vụ công)</source>
        <translation>Dossier code with letters (from the public-service portal)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="270"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="91"/>
        <source>Công dân không viết</source>
        <translation>Công dân không viết</translation>
    </message>
</context>
<context>
    <name>NumberField</name>
    <message>
        <location filename="../../kiosk/ui/fields/number.py" line="85"/>
        <source>Bớt 1</source>
        <translation>Minus 1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/number.py" line="86"/>
        <source>Thêm 1</source>
        <translation>Plus 1</translation>
    </message>
</context>
<context>
    <name>NumberPad</name>
    <message>
        <location filename="../../kiosk/ui/number_pad.py" line="71"/>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/number_pad.py" line="72"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="276"/>
        <source>á  sắc</source>
        <translation>á  acute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="277"/>
        <source>à  huyền</source>
        <translation>à  grave</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="278"/>
        <source>ả  hỏi</source>
        <translation>ả  hook</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="279"/>
        <source>ã  ngã</source>
        <translation>ã  tilde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="280"/>
        <source>ạ  nặng</source>
        <translation>ạ  dot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="281"/>
        <source>Xoá dấu</source>
        <translation>No tone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="282"/>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="283"/>
        <source>Dấu cách</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="284"/>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="285"/>
        <source>123</source>
        <translation>123</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="286"/>
        <source>abc</source>
        <translation>abc</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="362"/>
        <source>CHỮ HOA</source>
        <translation>CAPS</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="362"/>
        <source>Chữ hoa</source>
        <translation>Caps</translation>
    </message>
</context>
<context>
    <name>OtpScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="131"/>
        <source>Xin nhập đủ 6 chữ số của mã trước khi bấm xác nhận.</source>
        <translation>Please enter all 6 digits of the code before you confirm.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="243"/>
        <source>Chưa kết nối được Cổng dịch vụ công.</source>
        <translation>Could not connect to the Public Service Portal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="246"/>
        <source>Đang kiểm tra mã...</source>
        <translation>Checking the code...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="255"/>
        <source>Đang gửi lại mã...</source>
        <translation>Sending a new code...</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="288"/>
        <source>Đã gửi lại mã mới. Xin xem tin nhắn trên điện thoại.</source>
        <translation>A new code has been sent. Please check the messages on your phone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="306"/>
        <source>Có thể gửi lại mã sau {seconds} giây.</source>
        <translation>You can ask for a new code in {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="309"/>
        <source>Chưa nhận được mã? Bấm «Gửi lại mã».</source>
        <translation>No code yet? Tap “Resend code”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="323"/>
        <source>Nhập mã xác nhận gồm 6 chữ số</source>
        <translation>Enter the 6-digit confirmation code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="326"/>
        <source>TẬP HUẤN – không có tin nhắn thật. Mã Cổng tập huấn vừa gửi: {code}</source>
        <translation>TRAINING – no real text message. Code just sent by the training portal: {code}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="334"/>
        <source>Cổng dịch vụ công vừa gửi tin nhắn có mã đến số {phone}.</source>
        <translation>The Public Service Portal has just sent a code by text message to {phone}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="338"/>
        <source>Cổng dịch vụ công vừa gửi tin nhắn có mã đến điện thoại của quý vị.</source>
        <translation>The Public Service Portal has just sent a code by text message to your phone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="345"/>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="346"/>
        <source>Gửi lại mã</source>
        <translation>Resend code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/otp.py" line="347"/>
        <source>Để sau</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>ParentChipBox</name>
    <message>
        <location filename="../../kiosk/ui/parent_chip.py" line="77"/>
        <source>Có thẻ căn cước của mẹ? Quét mã QR trên thẻ, rồi đặt thẻ lên đầu đọc.</source>
        <translation>Have the mother&apos;s ID card? Scan its QR code, then put it on the reader.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/parent_chip.py" line="79"/>
        <source>Có thẻ căn cước của cha? Quét mã QR trên thẻ, rồi đặt thẻ lên đầu đọc.</source>
        <translation>Have the father&apos;s ID card? Scan its QR code, then put it on the reader.</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="198"/>
        <source>Hồ sơ này không thu lệ phí.</source>
        <translation>There is no fee for this dossier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="218"/>
        <source>Lệ phí của hồ sơ này đã được ghi nhận rồi; không cần bấm lại.</source>
        <translation>The fee for this dossier is already recorded; no need to tap again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="232"/>
        <source>Người nhận: {name}. Nội dung chuyển khoản đã có sẵn trong mã.</source>
        <translation>Recipient: {name}. The payment reference is already in the code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="244"/>
        <source>Đã ghi nhận: lệ phí đã được chuyển khoản.</source>
        <translation>Recorded: the fee was paid by bank transfer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="246"/>
        <source>Đã ghi nhận: lệ phí đã được nộp bằng tiền mặt.</source>
        <translation>Recorded: the fee was paid in cash.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="252"/>
        <source>Lệ phí của hồ sơ</source>
        <translation>Fee for this dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="253"/>
        <source>Số tiền cần nộp:</source>
        <translation>Amount to pay:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="255"/>
        <source>Quét mã QR bên cạnh bằng ứng dụng ngân hàng trên điện thoại để chuyển khoản.</source>
        <translation>To pay by bank transfer, scan the QR code with the banking app on your phone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="257"/>
        <source>Hoặc nộp tiền mặt tại quầy Một cửa khi nhận giấy hẹn.</source>
        <translation>Or pay in cash at the one-stop counter when you collect your receipt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="258"/>
        <source>Đã nhận chuyển khoản</source>
        <translation>Transfer received</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="259"/>
        <source>Đã thu tiền mặt</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="260"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>PendingTaps</name>
    <message>
        <location filename="../../kiosk/ui/startup.py" line="119"/>
        <source>Xin chờ một chút, ki-ốt đang chuẩn bị…</source>
        <translation>One moment please, the kiosk is getting ready…</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../kiosk/ui/staff/sign_in.py" line="114"/>
        <source>Xoá</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sign_in.py" line="115"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <location filename="../../kiosk/ui/fields/place.py" line="117"/>
        <source>{place} (nơi đặt ki-ốt)</source>
        <translation>{place} (where this kiosk is)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/place.py" line="120"/>
        <source>Đóng danh sách</source>
        <translation>Close the list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/place.py" line="122"/>
        <source>Chọn nơi khác từ danh sách tỉnh, phường/xã</source>
        <translation>Choose another place from the list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/place.py" line="125"/>
        <source>Chạm vào tên tỉnh/thành phố:</source>
        <translation>Tap the province or city:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/place.py" line="127"/>
        <source>Chạm vào tên phường/xã:</source>
        <translation>Tap your ward or commune:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/place.py" line="129"/>
        <source>Gõ vài chữ để tìm, ví dụ: dien ban</source>
        <translation>Type a few letters to search, e.g. dien ban</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/place.py" line="132"/>
        <location filename="../../kiosk/ui/fields/place.py" line="133"/>
        <source>Không tìm thấy. Xin gõ lại.</source>
        <translation>Nothing found. Please try again.</translation>
    </message>
</context>
<context>
    <name>ReadAloudButton</name>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="325"/>
        <source>Dừng đọc</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speech.py" line="325"/>
        <source>Đọc to trang này</source>
        <translation>Read this page aloud</translation>
    </message>
</context>
<context>
    <name>ReceiptJob</name>
    <message>
        <location filename="../../kiosk/ui/print_worker.py" line="47"/>
        <source>Không in được giấy hẹn. Hồ sơ của quý vị vẫn đã được nộp; xin chụp mã QR trên màn hình hoặc nhờ cán bộ in lại.</source>
        <translation>The receipt could not be printed. Your dossier has still been submitted; please take a photo of the QR code on the screen or ask a staff member to reprint it.</translation>
    </message>
</context>
<context>
    <name>ResumeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/resume.py" line="205"/>
        <source>Không tìm thấy hồ sơ đang làm với mã này. Xin kiểm tra lại mã (7 ký tự, ví dụ ABCD-123) hoặc quét thẻ căn cước.</source>
        <translation>No dossier in progress has this code. Please check the code (7 characters, e.g. ABCD-123) or scan your ID card.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/resume.py" line="208"/>
        <source>Quý vị không có hồ sơ nào đang làm dở.</source>
        <translation>You have no dossiers in progress.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/resume.py" line="276"/>
        <source>Tiếp tục hồ sơ đang làm</source>
        <translation>Continue a dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/resume.py" line="279"/>
        <source>Xin quét mã QR trên thẻ căn cước hoặc trên phiếu hồ sơ đang làm, hoặc nhập mã tiếp tục in trên phiếu.</source>
        <translation>Please scan the QR code on your ID card or on your draft slip, or type the resume code printed on the slip.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/resume.py" line="283"/>
        <source>Mã tiếp tục, ví dụ ABCD-123</source>
        <translation>Resume code, e.g. ABCD-123</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/resume.py" line="284"/>
        <source>Tìm hồ sơ</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/resume.py" line="285"/>
        <source>Chọn hồ sơ muốn làm tiếp:</source>
        <translation>Choose the dossier to continue:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/resume.py" line="286"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="233"/>
        <source>(chưa trả lời)</source>
        <translation>(not answered)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="162"/>
        <location filename="../../kiosk/ui/screens/review.py" line="240"/>
        <source>Sửa</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="157"/>
        <source>Giấy tờ kèm theo</source>
        <translation>Supporting documents</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/review.py" line="175"/>
        <source>Đã chụp %n trang</source>
        <translation>
            <numerusform>%n page scanned</numerusform>
            <numerusform>%n pages scanned</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="177"/>
        <source>Sẽ mang bản giấy tới quầy</source>
        <translation>Paper to be brought to the counter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="179"/>
        <source>Không cần: đã có giấy thay thế</source>
        <translation>Not needed: an alternative paper is there</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="181"/>
        <source>Chưa có</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="198"/>
        <source>Chạm để xem lớn</source>
        <translation>Tap to enlarge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="211"/>
        <source>Chạm để đóng</source>
        <translation>Tap to close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="277"/>
        <source>Xem lại hồ sơ trước khi nộp</source>
        <translation>Check your dossier before submitting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="279"/>
        <source>Xin kiểm tra từng mục. Chạm “Sửa” bên cạnh mục cần thay đổi.</source>
        <translation>Please check each item. Tap “Edit” next to anything you want to change.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="281"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="282"/>
        <source>Thông tin đã đúng</source>
        <translation>All correct</translation>
    </message>
</context>
<context>
    <name>ScanInputFilter</name>
    <message>
        <location filename="../../kiosk/ui/scan_input.py" line="214"/>
        <source>Mã QR chưa đọc trọn vẹn, xin vui lòng quét lại.</source>
        <translation>The QR code was not read completely. Please scan it again.</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="369"/>
        <source>Chip vừa đọc là của thẻ khác với mã QR. Xin đặt đúng thẻ lên đầu đọc.</source>
        <translation>The chip just read belongs to another card than the QR code. Please put the right card on the reader.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="504"/>
        <source>Xin đưa mã QR trên thẻ căn cước vào máy quét</source>
        <translation>Please scan the QR code on your ID card</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="506"/>
        <source>Mã QR là ô vuông nhỏ in ở góc thẻ. Giữ yên thẻ cho đến khi nghe tiếng bíp.</source>
        <translation>The QR code is the small square in a corner of the card. Hold the card still until you hear a beep.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="508"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="509"/>
        <source>Dùng camera</source>
        <translation>Use the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="510"/>
        <source>Không có thẻ / nhập tay</source>
        <translation>No card / type it in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="511"/>
        <source>TẬP HUẤN – thẻ mẫu (người không có thật):</source>
        <translation>TRAINING – sample cards (invented people):</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="515"/>
        <source>{name}
(nữ, {year})</source>
        <translation>{name}
(woman, {year})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="517"/>
        <source>{name}
(nam, {year})</source>
        <translation>{name}
(man, {year})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="520"/>
        <source>Đây có phải là quý vị?</source>
        <translation>Is this you?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="521"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="521"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="521"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="524"/>
        <source>Đúng, đây là tôi</source>
        <translation>Yes, that&apos;s me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="525"/>
        <source>Không phải, quét lại</source>
        <translation>No, scan again</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="176"/>
        <source>Không có thay đổi nào để lưu.</source>
        <translation>There are no changes to save.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="189"/>
        <source>Đã lưu {count} thiết lập. Một số thay đổi có hiệu lực sau khi khởi động lại ki-ốt.</source>
        <translation>Settings saved: {count}. Some changes take effect after the kiosk restarts.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="207"/>
        <source>Chưa lưu: {problem}</source>
        <translation>Not saved: {problem}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="215"/>
        <source>Cài đặt ki-ốt</source>
        <translation>Kiosk settings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="217"/>
        <source>Chạm vào ô để sửa. Giá trị sai sẽ bị từ chối kèm lời giải thích.</source>
        <translation>Tap a box to edit it. A wrong value is refused with an explanation.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="225"/>
        <source>Lưu cài đặt</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/settings.py" line="226"/>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/sign_in.py" line="278"/>
        <source>Đang kiểm tra mã PIN, xin chờ một chút.</source>
        <translation>Checking the PIN, please wait a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sign_in.py" line="311"/>
        <source>Mã PIN của {name}:</source>
        <translation>PIN for {name}:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sign_in.py" line="320"/>
        <source>Đăng nhập cán bộ hỗ trợ</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sign_in.py" line="321"/>
        <source>Chọn tên của bạn, rồi nhập mã PIN.</source>
        <translation>Choose your name, then enter your PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sign_in.py" line="324"/>
        <source>Chưa có tài khoản cán bộ nào. Cán bộ kỹ thuật tạo tài khoản quản trị đầu tiên bằng lệnh: kiosk admin create-volunteer --name &quot;Họ tên&quot; --role admin</source>
        <translation>There are no staff accounts yet. A technician creates the first administrator account with the command: kiosk admin create-volunteer --name &quot;Full Name&quot; --role admin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sign_in.py" line="328"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>StaffHome</name>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="270"/>
        <source>quản trị</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="270"/>
        <source>tình nguyện viên</source>
        <translation>volunteer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="272"/>
        <source>Cán bộ: {name} ({role})</source>
        <translation>Staff: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="277"/>
        <source>Việc cần làm</source>
        <translation>To do</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="278"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="279"/>
        <source>Tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="280"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="281"/>
        <source>Đăng ký ki-ốt</source>
        <translation>Enrol kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="282"/>
        <source>Sao lưu</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="283"/>
        <source>Dữ liệu cá nhân</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="284"/>
        <source>Nhật ký</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="288"/>
        <source>Phục vụ công dân</source>
        <translation>Serve citizens</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="289"/>
        <source>Giữ đăng nhập</source>
        <translation>Stay signed in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="292"/>
        <source>Bật: vẫn đăng nhập sau lượt của công dân (vào lại màn hình cán bộ cần mã PIN).</source>
        <translation>On: stay signed in after the citizen&apos;s turn (the staff screens ask for the PIN again).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="295"/>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/staff_home.py" line="296"/>
        <source>Tắt ki-ốt</source>
        <translation>Close the kiosk</translation>
    </message>
</context>
<context>
    <name>StartupProblemScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="81"/>
        <source>Không tìm thấy khoá mã hoá dữ liệu</source>
        <translation>The data encryption key cannot be found</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="83"/>
        <source>Dành cho cán bộ công nghệ thông tin: tệp khoá secrets/field.key (hoặc khoá trong kho khoá của hệ thống) không còn, nên không đọc được dữ liệu đã lưu. Hãy chép lại tệp khoá từ bản sao cất giữ ngoài máy (tài liệu vận hành, mục «The encryption key»), rồi bấm «Thử lại». Không tạo khoá mới: dữ liệu cũ sẽ không đọc được nữa.</source>
        <translation>For the IT officer: the key file secrets/field.key (or the key in the system keyring) is gone, so the stored data cannot be read. Copy the key file back from the copy kept off the machine (operations guide, «The encryption key»), then press «Try again». Do not create a new key: the existing data could never be read again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="92"/>
        <source>Khoá mã hoá không khớp với cơ sở dữ liệu</source>
        <translation>The encryption key does not match the database</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="94"/>
        <source>Dành cho cán bộ công nghệ thông tin: khoá hiện có không phải khoá đã dùng để ghi cơ sở dữ liệu này (thường do chép nhầm khoá của ki-ốt khác). Hãy chép lại đúng tệp secrets/field.key của ki-ốt này từ bản sao cất giữ, rồi bấm «Thử lại». Ki-ốt chưa ghi gì vào cơ sở dữ liệu.</source>
        <translation>For the IT officer: the key present is not the key this database was written with (usually another kiosk&apos;s key copied by mistake). Copy this kiosk&apos;s own secrets/field.key back from the kept copy, then press «Try again». The kiosk has written nothing to the database.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="102"/>
        <source>Không ghi được vào thư mục dữ liệu của ki-ốt</source>
        <translation>The kiosk&apos;s data folder cannot be written</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="104"/>
        <source>Dành cho cán bộ công nghệ thông tin: không ghi được vào {path} (ổ đĩa chỉ đọc, đầy, hoặc sai quyền sở hữu). Hãy gắn lại ổ đĩa ở chế độ ghi, giải phóng dung lượng hoặc sửa quyền của thư mục đó, rồi bấm «Thử lại».</source>
        <translation>For the IT officer: {path} cannot be written (a read-only or full disk, or the wrong owner). Remount the disk read-write, free some space or fix the folder&apos;s ownership, then press «Try again».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="111"/>
        <source>Chưa kết nối được máy chủ dữ liệu của phường</source>
        <translation>The ward&apos;s database server cannot be reached yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="113"/>
        <source>Dành cho cán bộ công nghệ thông tin: kiểm tra máy chủ đã bật và dịch vụ PostgreSQL đang chạy, dây mạng và bộ chia mạng của phòng (tài liệu vận hành, mục «When the server is down»). Ki-ốt tự thử lại; bấm «Thử lại» để thử ngay.</source>
        <translation>For the IT officer: check that the server is on and PostgreSQL is running, then the network cable and the office switch (operations guide, «When the server is down»). The kiosk tries again by itself; press «Try again» to try now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="120"/>
        <source>Không mở được cơ sở dữ liệu của ki-ốt</source>
        <translation>The kiosk&apos;s database cannot be opened</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="122"/>
        <source>Dành cho cán bộ công nghệ thông tin: xem tệp logs/kiosk.log trong thư mục dữ liệu của ki-ốt để biết lý do (có thể là lần nâng cấp cơ sở dữ liệu không thành công), khôi phục từ bản sao lưu nếu cần, rồi bấm «Thử lại». Gửi tệp nhật ký cho bộ phận hỗ trợ nếu chưa rõ cách xử lý.</source>
        <translation>For the IT officer: logs/kiosk.log in the kiosk&apos;s data folder says why (perhaps a database upgrade that failed); restore from a backup if needed, then press «Try again». Send the log file to support if the way to fix it is not clear.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="133"/>
        <source>Ki-ốt tạm thời chưa sử dụng được. Xin quý vị vui lòng báo cán bộ hỗ trợ.</source>
        <translation>The kiosk cannot be used for the moment. Please tell a member of staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="136"/>
        <source>Mã lỗi: {code}</source>
        <translation>Error code: {code}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="138"/>
        <source>Ki-ốt tự khởi động lại sau {seconds} giây</source>
        <translation>The kiosk restarts by itself in {seconds} seconds</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/startup_problem.py" line="142"/>
        <source>Thử lại</source>
        <translation>Try again</translation>
    </message>
</context>
<context>
    <name>SyncWorker</name>
    <message>
        <location filename="../../kiosk/ui/sync_worker.py" line="56"/>
        <source>Yêu cầu chưa được gửi lên Cổng dịch vụ công. Quý vị sẽ nhận tin nhắn SMS khi yêu cầu được gửi.</source>
        <translation>Your request has not been sent to the Public Service Portal yet. You will get a text message when it is sent.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_worker.py" line="65"/>
        <source>Chưa xác nhận được mã. Xin thử lại sau ít phút.</source>
        <translation>The code could not be confirmed. Please try again in a few minutes.</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <location filename="../../kiosk/ui/fields/date.py" line="226"/>
        <source>{hour} giờ</source>
        <translation>Hour {hour}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/date.py" line="229"/>
        <source>{minute} phút</source>
        <translation>Minute {minute}</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="188"/>
        <source>Đang tính…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="208"/>
        <source>Không đọc được số liệu hôm nay.</source>
        <translation>Today&apos;s figures could not be read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="228"/>
        <source>Hôm nay chưa có hồ sơ nào.</source>
        <translation>No dossiers yet today.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="234"/>
        <source>Hôm nay cán bộ chưa hỗ trợ hồ sơ nào.</source>
        <translation>Staff have not helped with any dossiers today.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="242"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="244"/>
        <source>hồ sơ đã nộp</source>
        <translation>dossiers submitted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="245"/>
        <source>hồ sơ có cán bộ hỗ trợ</source>
        <translation>dossiers helped by staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="246"/>
        <source>yêu cầu tạo tài khoản</source>
        <translation>account requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="247"/>
        <source>đang chờ gửi lên Cổng</source>
        <translation>waiting to be sent to the Portal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="248"/>
        <source>bị Cổng trả lại</source>
        <translation>returned by the Portal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="252"/>
        <source>Hồ sơ đã nộp theo thủ tục</source>
        <translation>Dossiers submitted, by procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="253"/>
        <source>Hồ sơ được hỗ trợ theo cán bộ</source>
        <translation>Dossiers helped, by staff member</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="254"/>
        <source>Hồ sơ đã nộp theo ki-ốt (cả phường)</source>
        <translation>Dossiers submitted per kiosk (whole ward)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/today.py" line="255"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>VolunteerBadge</name>
    <message>
        <location filename="../../kiosk/ui/staff/badge.py" line="90"/>
        <source>Cán bộ: {name}</source>
        <translation>Staff: {name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/badge.py" line="91"/>
        <source>Chữ to</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/badge.py" line="94"/>
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/badge.py" line="96"/>
        <source>Không có giọng đọc</source>
        <translation>No voice available</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/badge.py" line="97"/>
        <source>Công cụ cán bộ</source>
        <translation>Staff tools</translation>
    </message>
</context>
<context>
    <name>WardServerBanner</name>
    <message>
        <location filename="../../kiosk/ui/ward_server_banner.py" line="47"/>
        <source>Mất kết nối tới máy chủ của phường. Câu trả lời vẫn ở trên màn hình; máy đang thử kết nối lại…</source>
        <translation>The connection to the ward&apos;s server is lost. Your answers are still on the screen; the kiosk is reconnecting…</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="188"/>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="189"/>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="190"/>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="191"/>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="192"/>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="193"/>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="194"/>
        <source>Chủ Nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="203"/>
        <source>Đã kết nối</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="203"/>
        <source>Mất kết nối, vẫn nhận hồ sơ</source>
        <translation>Offline, still accepting dossiers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="205"/>
        <source>{count} hồ sơ chờ gửi</source>
        <translation>{count} waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="207"/>
        <source>đã gửi hết hồ sơ</source>
        <translation>all dossiers sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="213"/>
        <source>Xin chào! Quý vị cần làm gì hôm nay?</source>
        <translation>Hello! What would you like to do today?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="214"/>
        <source>Nộp hồ sơ</source>
        <translation>Submit a dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="215"/>
        <source>Tạo tài khoản dịch vụ công</source>
        <translation>Create a public service account</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="216"/>
        <source>Tiếp tục hồ sơ đang làm</source>
        <translation>Continue a dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="217"/>
        <source>Tra cứu hồ sơ</source>
        <translation>Check a dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="219"/>
        <source>Chữ to</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="220"/>
        <source>Tương phản cao</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="221"/>
        <source>Cán bộ hỗ trợ</source>
        <translation>Staff help</translation>
    </message>
</context>
<context>
    <name>WizardScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/wizard.py" line="651"/>
        <source>Đang chờ lưu câu trả lời vào máy chủ của phường. Xin đợi giây lát.</source>
        <translation>Waiting to save your answers on the ward&apos;s server. Please wait a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/wizard.py" line="656"/>
        <source>Xin sửa các mục có lời nhắc màu đỏ.</source>
        <translation>Please correct the items marked in red.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/wizard.py" line="673"/>
        <source>Còn mục chưa điền đúng. Xin xem lời nhắc màu đỏ.</source>
        <translation>Some items are not filled in correctly. Please see the notes in red.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/wizard.py" line="755"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/wizard.py" line="757"/>
        <source>Xong, xem lại</source>
        <translation>Done, review</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/wizard.py" line="759"/>
        <source>Xem lại hồ sơ</source>
        <translation>Review dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/wizard.py" line="761"/>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>WorkQueueModel</name>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="146"/>
        <source>Đang làm dở</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="147"/>
        <source>Bị trả lại</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="148"/>
        <location filename="../../kiosk/ui/staff/queue.py" line="149"/>
        <source>Chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="150"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="165"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="166"/>
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="167"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="170"/>
        <source>Số tham chiếu</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="171"/>
        <source>Mã tiếp tục</source>
        <translation>Resume code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="172"/>
        <source>Ki-ốt</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="173"/>
        <source>Chờ từ</source>
        <translation>Waiting since</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="173"/>
        <source>Cập nhật</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="174"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>WorkQueuePanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="302"/>
        <source>Hồ sơ này đang chờ gửi lên Cổng: kiểm tra kết nối mạng của ki-ốt.</source>
        <translation>This dossier is waiting to be sent to the Portal: check the kiosk&apos;s network connection.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="306"/>
        <source>Ghi chú: {message}</source>
        <translation>Note: {message}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="310"/>
        <source>{shown} / {total} hồ sơ</source>
        <translation>{shown} / {total} dossiers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="317"/>
        <source>Làm dở hôm nay</source>
        <translation>Unfinished today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="318"/>
        <source>Bị trả lại</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="319"/>
        <source>Chờ gửi quá 1 ngày</source>
        <translation>Waiting over a day</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="320"/>
        <source>Thủ tục đã thay đổi</source>
        <translation>Service changed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="321"/>
        <source>Chờ mang giấy tờ</source>
        <translation>Paper to come</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="328"/>
        <source>Mở hồ sơ</source>
        <translation>Open dossier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/queue.py" line="329"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>YesNoField</name>
    <message>
        <location filename="../../kiosk/ui/fields/yes_no.py" line="35"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fields/yes_no.py" line="36"/>
        <source>Không</source>
        <translation>No</translation>
    </message>
</context>
</TS>
