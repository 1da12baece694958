"""Render, keep and print a case's receipt off the GUI thread.

One job (on :class:`kiosk.ui.background.TaskRunner`, the GUI's background
runner) builds the case's snapshot, renders the receipt PDF, saves it to
``<kiosk home>/documents/<reference>.pdf.sealed``, sealed with the store's key
(always: the officer can print it again later, see
:func:`kiosk.admin.personal_files.open_receipt`) and prints
two copies (one for the office, one for the citizen). Printing never touches
the case: a failure only changes what the citizen is told, and the sealed PDF
stays on disk until the case's data is purged or deleted.

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

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.admin.personal_files import keep_receipt
from kiosk.cases import CaseError, CaseService
from kiosk.cases.declarations import declaration_pdf
from kiosk.cases.snapshot import build_snapshot
from kiosk.config import KioskConfig
from kiosk.documents import CaseSnapshot, DocumentDataError, render_receipt
from kiosk.documents.draft_slip import DraftSlip, render_draft_slip
from kiosk.procedures import Catalogue
from kiosk.ui.background import TaskRunner
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


@dataclass(frozen=True)
class _Receipt:
    """One receipt job's inputs, handed from step to step."""

    job_id: int
    case_id: str
    paper: str
    keep: Callable[[bytes, str], Path]


def _outcome(
    receipt: _Receipt,
    printed: bool,
    problem: str | None,
    path: Path | None = None,
    snapshot: CaseSnapshot | None = None,
) -> ReceiptOutcome:
    return ReceiptOutcome(receipt.job_id, receipt.case_id, printed, problem, path, snapshot)


def _render_save_print(
    receipt: _Receipt, snapshot: CaseSnapshot, print_function: PrintFunction
) -> ReceiptOutcome:
    """The slow half (worker thread): draw the PDF, keep it, print it."""
    pdf = render_receipt(snapshot, "80mm" if receipt.paper == "80mm" else "A5")
    path: Path | None = None
    save_problem: str | None = None
    try:
        path = receipt.keep(pdf, snapshot.local_reference)
    except DocumentDataError as error:
        save_problem = error.message_vi
    try:
        print_function(pdf)
    except PrintError as error:
        log.warning("Receipt not printed: %s", error.message_en)
        return _outcome(receipt, False, error.message_vi, path, snapshot)
    return _outcome(receipt, True, save_problem, path, snapshot)


def _print_unkept(
    receipt: _Receipt, pdf: bytes, print_function: PrintFunction, what: str
) -> ReceiptOutcome:
    """Print a paper that is never saved under documents/ (declaration, draft slip)."""
    try:
        print_function(pdf)
    except PrintError as error:
        log.warning("%s not printed: %s", what, error.message_en)
        return _outcome(receipt, False, error.message_vi)
    return _outcome(receipt, True, None)


def _never_kept(_pdf: bytes, _reference: str) -> Path:
    raise AssertionError("this paper is printed only, never kept under documents/")


class ReceiptPrinter(QObject):
    """Starts receipt jobs; ``prepared(job_id, CaseSnapshot)`` then ``finished(ReceiptOutcome)``.

    Both steps (read the case, then draw, keep and print) run on the GUI's
    :class:`~kiosk.ui.background.TaskRunner`, one receipt after another, and both
    signals are emitted on the GUI thread. ``print_function`` replaces the printer
    (tests print into a PDF file through Qt's PDF printer).
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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._case_service = case_service
        self._config = config
        self._catalogue = catalogue
        self._print = print_function or default_print_function(config)
        self._print_one = print_function or default_print_function(config, copies=1)
        self._runner = TaskRunner(self)
        self._ids = itertools.count(1)

    @property
    def documents_dir(self) -> Path:
        return self._case_service.store.layout.documents

    def print_receipt(self, case_id: str, lang: str) -> int:
        """Start one job for ``case_id``; returns its id (results carry it)."""
        paper = self._config.printing.paper
        service, config, catalogue = self._case_service, self._config, self._catalogue

        def keep(pdf: bytes, reference: str) -> Path:
            return keep_receipt(service.store, pdf, reference)

        receipt = _Receipt(next(self._ids), case_id, paper, keep)

        def build() -> CaseSnapshot:
            return build_snapshot(service, case_id, config, lang, catalogue)

        self._runner.enqueue(
            build,
            lambda snapshot: self._on_prepared(receipt, snapshot),
            lambda error: self._on_failed(receipt, error),
        )
        return receipt.job_id

    def print_declaration(self, case_id: str) -> int:
        """Print the case's filled declaration (one A4 copy, to be signed at the counter).

        The sealed PDF of kiosk/cases/declarations: the same bytes the portal receives.
        """
        service, config, catalogue = self._case_service, self._config, self._catalogue
        print_function = self._print_one

        # The declaration stays sealed in declarations/, never kept here.
        receipt = _Receipt(next(self._ids), case_id, "A4", _never_kept)

        def draw_and_print() -> ReceiptOutcome:
            pdf = declaration_pdf(service, case_id, config, catalogue)
            return _print_unkept(receipt, pdf, print_function, "Declaration")

        self._runner.enqueue(
            draw_and_print,
            self.finished.emit,
            lambda error: self._on_failed(receipt, error),
        )
        return receipt.job_id

    def print_draft_slip(self, case_id: str, slip: DraftSlip) -> int:
        """Draw and print one draft slip (kiosk/documents/draft_slip) on the kiosk's paper.

        Never kept: the draft itself is in the store, and a slip can be drawn again.
        ``finished`` carries a :class:`ReceiptOutcome` without a path or snapshot.
        """
        paper = self._config.printing.paper
        receipt = _Receipt(next(self._ids), case_id, paper, _never_kept)
        print_function = self._print_one

        def draw_and_print() -> ReceiptOutcome:
            pdf = render_draft_slip(slip, "80mm" if paper == "80mm" else "A5")
            return _print_unkept(receipt, pdf, print_function, "Draft slip")

        self._runner.enqueue(
            draw_and_print,
            self.finished.emit,
            lambda error: self._on_failed(receipt, error),
        )
        return receipt.job_id

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Wait for the running step (application shutdown)."""
        return self._runner.wait(msecs)

    def _on_prepared(self, receipt: _Receipt, snapshot: CaseSnapshot) -> None:
        self.prepared.emit(receipt.job_id, snapshot)
        print_function = self._print
        self._runner.enqueue(
            lambda: _render_save_print(receipt, snapshot, print_function),
            self.finished.emit,
            lambda error: self._on_failed(receipt, error),
        )
        # Then, while the citizen reads the receipt, the declaration is drawn and sealed:
        # the sync sends it with the dossier, and drawing it there cost ~25 ms a case
        # (docs/performance.md, sync throughput).
        service, config, catalogue = self._case_service, self._config, self._catalogue
        case_id = receipt.case_id
        self._runner.enqueue(
            lambda: declaration_pdf(service, case_id, config, catalogue),
            None,
            _declaration_not_drawn,
        )

    def _on_failed(self, receipt: _Receipt, error: Exception) -> None:
        if isinstance(error, CaseError):
            outcome = _outcome(receipt, False, error.message.vi)
        elif isinstance(error, DocumentDataError):
            outcome = _outcome(receipt, False, error.message_vi)
        else:  # a bug must not lose the citizen's screen
            log.error("Receipt job failed: %s", type(error).__name__)
            outcome = _outcome(receipt, False, unexpected_problem())
        self.finished.emit(outcome)


def _declaration_not_drawn(error: Exception) -> None:
    """Nothing lost: the sync (or the counter's print) draws it when it needs it."""
    log.warning("Declaration not drawn ahead: %s", type(error).__name__)


def ready_day_text(day: date, lang: str) -> str:
    """``Thứ Hai, 30/11/2026`` / ``Monday, 30/11/2026``: the day a result is ready."""
    names_vi = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
    names_en = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    names = names_en if lang == "en" else names_vi
    return f"{names[day.weekday()]}, {day:%d/%m/%Y}"
