"""Silent printing of the kiosk's PDFs through Qt, with no dialog.

Each PDF page is rasterised with pypdfium2 (a runtime dependency of the kiosk
because of this module) at the printer's resolution, capped at 300 dpi, and
painted on a :class:`QPrinter` page of the PDF page's own size, so an A5 slip,
an A4 form and an 80 mm roll all come out at their real size.

Every failure is a :class:`PrintError` carrying a plain Vietnamese message for
the citizen; the caller then saves the PDF (``kiosk.documents.save_pdf``) and
shows the tracking QR on screen. Printing never touches the case.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

MAX_DPI = 300
MIN_DPI = 150
POINTS_PER_INCH = 72.0


class PrintError(Exception):
    """Printing failed for a reason of the environment (no printer, offline, damaged PDF).

    ``str(error)`` and ``message_vi`` are shown to the citizen; ``message_en``
    goes to the log. Neither contains personal data.
    """

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.message_en = message_en


def list_printers() -> list[str]:
    """Names of the printers the system knows, for the settings screen."""
    return [str(name) for name in QPrinterInfo.availablePrinterNames()]


def _open_pdf(pdf_bytes: bytes) -> pdfium.PdfDocument:
    if not isinstance(pdf_bytes, bytes | bytearray) or not pdf_bytes:
        raise PrintError("Không có nội dung để in.", "Empty or non-bytes PDF.")
    try:
        document = pdfium.PdfDocument(bytes(pdf_bytes))
    except pdfium.PdfiumError as error:
        raise PrintError(
            "Tệp giấy tờ bị hỏng nên không in được.", f"Cannot open PDF: {error}"
        ) from error
    if len(document) == 0:
        document.close()
        raise PrintError("Tệp giấy tờ không có trang nào.", "PDF has no pages.")
    return document


def _page_layout(width_points: float, height_points: float) -> QPageLayout:
    size = QPageSize(QSizeF(width_points, height_points), QPageSize.Unit.Point, "")
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point
    )


def _rasterise(page: pdfium.PdfPage, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
    pixels = bitmap.to_numpy()
    height, width = pixels.shape[:2]
    image = QImage(pixels.data, width, height, pixels.strides[0], QImage.Format.Format_Grayscale8)
    # QImage does not own numpy's buffer: copy before the bitmap is freed.
    return image.copy()


_NOT_READY = PrintError(
    "Máy in chưa sẵn sàng (hết giấy, tắt nguồn hoặc mất kết nối).",
    "QPainter.begin failed on the printer.",
)


def _paint(
    document: pdfium.PdfDocument, printer: QPrinter, not_ready: PrintError = _NOT_READY
) -> None:
    """Paint every page of ``document`` onto ``printer`` (already configured).

    ``not_ready`` is raised when painting cannot start.
    """
    printer.setFullPage(True)
    dpi = max(MIN_DPI, min(MAX_DPI, printer.resolution()))
    first_width, first_height = document[0].get_size()
    if not printer.setPageLayout(_page_layout(first_width, first_height)):
        raise PrintError(
            "Máy in không nhận khổ giấy của giấy tờ.", "Printer refused the page layout."
        )
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(not_ready.message_vi, not_ready.message_en)
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            if index:
                printer.setPageLayout(_page_layout(width, height))
                if not printer.newPage():
                    raise PrintError(
                        "Máy in dừng giữa chừng khi sang trang mới.", "QPrinter.newPage failed."
                    )
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(target), _rasterise(page, dpi))
    finally:
        painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(
            "Máy in báo lỗi khi in. Vui lòng báo cán bộ.", "Printer state is Error after printing."
        )


def print_pdf(pdf_bytes: bytes, printer_name: str | None, *, copies: int = 1) -> None:
    """Print ``pdf_bytes`` silently on the printer named ``printer_name``.

    Raises :class:`PrintError` when no printer is configured, it is not
    installed, or printing fails. ``copies`` is how many of each page (the
    receipt is printed twice: one for the office, one for the citizen).
    """
    if not printer_name:
        raise PrintError(
            "Ki-ốt chưa được cài đặt máy in. Giấy tờ đã được lưu lại.",
            "No printer is configured.",
        )
    if printer_name not in list_printers():
        raise PrintError(
            "Không tìm thấy máy in của ki-ốt (chưa bật hoặc chưa kết nối).",
            "The configured printer is not installed on this system.",
        )
    document = _open_pdf(pdf_bytes)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(printer_name)
        if not printer.isValid():
            raise PrintError("Máy in của ki-ốt không dùng được lúc này.", "QPrinter is not valid.")
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        printer.setDocName("kiosk-document")
        printer.setCopyCount(max(1, copies))
        _paint(document, printer)
    finally:
        document.close()


def print_pdf_to_file(pdf_bytes: bytes, path: Path) -> Path:
    """Run the same print path into a PDF file (Qt's PDF printer): the "print to file" fallback.

    The result has one page per page of ``pdf_bytes``, each of the same size.
    Raises :class:`PrintError` when the file cannot be written.
    """
    document = _open_pdf(pdf_bytes)
    try:
        # Probe the target first: Qt only says "QPainter::begin(): Returned false".
        with path.open("ab"):
            pass
    except OSError as error:
        document.close()
        raise PrintError(
            "Không lưu được bản in vào tệp (thư mục không ghi được).",
            f"Cannot write the print file: {error.strerror}",
        ) from error
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setDocName("kiosk-document")
        cannot_write = PrintError(
            "Không lưu được bản in vào tệp (thư mục không ghi được).",
            "Qt's PDF printer cannot open the output file.",
        )
        _paint(document, printer, cannot_write)
    finally:
        document.close()
    if not path.is_file() or path.stat().st_size == 0:
        raise PrintError("Không lưu được bản in vào tệp.", "Qt's PDF printer wrote no output file.")
    return path
