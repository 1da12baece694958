"""Render, keep and print a case's receipt off the GUI thread.

One job (a :class:`QRunnable` on the global thread pool) builds the case's
snapshot, renders the receipt PDF, saves it to ``<kiosk home>/documents/
<reference>.pdf`` (always: the officer can print it again later) and prints
two copies (one for the office, one for the citizen). Printing never touches
the case: a failure only changes what the citizen is told, and the PDF stays
on disk.

:class:`ReceiptPrinter` lives in the GUI thread and re-emits the job's
results there, so screens may connect anything to its signals.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.cases import CaseError, CaseService
from kiosk.cases.declarations import declaration_pdf
from kiosk.cases.snapshot import build_snapshot
from kiosk.config import KioskConfig
from kiosk.documents import CaseSnapshot, DocumentDataError, render_receipt, save_pdf
from kiosk.procedures import Catalogue
from kiosk.ui.printing import PrintError, print_pdf

log = logging.getLogger(__name__)

RECEIPT_COPIES = 2
PrintFunction = Callable[[bytes], None]
"""Prints PDF bytes or raises :class:`~kiosk.ui.printing.PrintError`."""


def unexpected_problem() -> str:
    """The citizen's message when a receipt job failed for a reason of ours (current language)."""
    return QCoreApplication.translate(
        "ReceiptJob",
        "Không in được giấy hẹn. Hồ sơ của quý vị vẫn đã được nộp; "
        "xin chụp mã QR trên màn hình hoặc nhờ cán bộ in lại.",
    )


@dataclass(frozen=True)
class ReceiptOutcome:
    """What became of one receipt.

    ``printed`` True: both copies went to the printer. Otherwise ``problem``
    says why in plain Vietnamese. ``pdf_path`` is None only when even saving
    failed (full disk); ``snapshot`` is None only when the case could not be
    read at all.
    """

    job_id: int
    case_id: str
    printed: bool
    problem: str | None
    pdf_path: Path | None
    snapshot: CaseSnapshot | None


def default_print_function(config: KioskConfig, copies: int = RECEIPT_COPIES) -> PrintFunction:
    """``copies`` on the configured printer (PrintError when none is configured)."""
    printer = config.printing.printer or None

    def print_receipt(pdf: bytes) -> None:
        print_pdf(pdf, printer, copies=copies)

    return print_receipt


class _JobSignals(QObject):
    prepared = Signal(int, object)
    finished = Signal(object)


class _ReceiptJob(QRunnable):
    def __init__(
        self,
        job_id: int,
        case_id: str,
        build: Callable[[], CaseSnapshot],
        paper: str,
        documents: Path | None,
        print_function: PrintFunction,
        signals: _JobSignals,
        render: Callable[[CaseSnapshot], bytes] | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job_id = job_id
        self._case_id = case_id
        self._build = build
        self._paper = paper
        self._documents = documents
        self._print = print_function
        self._signals = signals
        self._render = render

    def _outcome(
        self,
        printed: bool,
        problem: str | None,
        path: Path | None = None,
        snapshot: CaseSnapshot | None = None,
    ) -> ReceiptOutcome:
        return ReceiptOutcome(self._job_id, self._case_id, printed, problem, path, snapshot)

    def run(self) -> None:
        try:
            outcome = self._work()
        except Exception as error:  # a bug must not lose the citizen's screen
            log.error("Receipt job failed: %s", type(error).__name__)
            outcome = self._outcome(False, unexpected_problem())
        self._signals.finished.emit(outcome)

    def _work(self) -> ReceiptOutcome:
        try:
            snapshot = self._build()
        except (CaseError, DocumentDataError) as error:
            message = error.message.vi if isinstance(error, CaseError) else error.message_vi
            return self._outcome(False, message)
        self._signals.prepared.emit(self._job_id, snapshot)
        if self._render is not None:
            pdf = self._render(snapshot)
        else:
            pdf = render_receipt(snapshot, "80mm" if self._paper == "80mm" else "A5")
        path: Path | None = None
        save_problem: str | None = None
        try:
            if self._documents is not None:
                path = save_pdf(pdf, self._documents, snapshot.local_reference)
        except DocumentDataError as error:
            save_problem = error.message_vi
        try:
            self._print(pdf)
        except PrintError as error:
            log.warning("Receipt not printed: %s", error.message_en)
            return self._outcome(False, error.message_vi, path, snapshot)
        return self._outcome(True, save_problem, path, snapshot)


class ReceiptPrinter(QObject):
    """Starts receipt jobs; ``prepared(job_id, CaseSnapshot)`` then ``finished(ReceiptOutcome)``.

    Both signals are emitted in the GUI thread. ``print_function`` replaces
    the printer (tests print into a PDF file through Qt's PDF printer).
    """

    prepared = Signal(int, object)
    finished = Signal(object)

    def __init__(
        self,
        case_service: CaseService,
        config: KioskConfig,
        catalogue: Catalogue,
        *,
        print_function: PrintFunction | None = None,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._case_service = case_service
        self._config = config
        self._catalogue = catalogue
        self._print = print_function or default_print_function(config)
        self._print_declaration = print_function or default_print_function(config, copies=1)
        self._pool = pool or QThreadPool.globalInstance()
        self._ids = itertools.count(1)
        self._signals = _JobSignals(self)
        self._signals.prepared.connect(self._on_prepared)
        self._signals.finished.connect(self._on_finished)

    @property
    def documents_dir(self) -> Path:
        return self._case_service.store.layout.documents

    def print_receipt(self, case_id: str, lang: str) -> int:
        """Start one job for ``case_id``; returns its id (results carry it)."""
        job_id = next(self._ids)
        service, config, catalogue = self._case_service, self._config, self._catalogue

        def build() -> CaseSnapshot:
            return build_snapshot(service, case_id, config, lang, catalogue)

        job = _ReceiptJob(
            job_id,
            case_id,
            build,
            config.printing.paper,
            self.documents_dir,
            self._print,
            self._signals,
        )
        self._pool.start(job)
        return job_id

    def print_declaration(self, case_id: str) -> int:
        """Print the case's filled declaration (one copy, to be signed at the counter).

        The sealed PDF of kiosk/cases/declarations: never saved in plain under
        documents/, the same bytes the portal receives.
        """
        job_id = next(self._ids)
        service, config, catalogue = self._case_service, self._config, self._catalogue

        def build() -> CaseSnapshot:
            return build_snapshot(service, case_id, config, "vi", catalogue)

        def render(_snapshot: CaseSnapshot) -> bytes:
            return declaration_pdf(service, case_id, config, catalogue)

        job = _ReceiptJob(
            job_id,
            case_id,
            build,
            config.printing.paper,
            None,
            self._print_declaration,
            self._signals,
            render,
        )
        self._pool.start(job)
        return job_id

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Wait for every running job (application shutdown)."""
        return bool(self._pool.waitForDone(msecs))

    @Slot(int, object)
    def _on_prepared(self, job_id: int, snapshot: object) -> None:
        self.prepared.emit(job_id, snapshot)

    @Slot(object)
    def _on_finished(self, outcome: object) -> None:
        self.finished.emit(outcome)


def ready_day_text(day: date, lang: str) -> str:
    """``Thứ Hai, 30/11/2026`` / ``Monday, 30/11/2026``: the day a result is ready."""
    names_vi = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
    names_en = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    names = names_en if lang == "en" else names_vi
    return f"{names[day.weekday()]}, {day:%d/%m/%Y}"
