"""Which walk screenshot becomes which picture in docs/screenshots/ (``--refresh-docs``).

One picture per screen per configuration that shows something different; the names
the README and the docs already use are kept. Pictures the walk does not make (the
chip reader's, a refused answer, the year picker, the review of scanned documents)
come from the qtbot tests and are left alone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .kiosk_process import REPO

DOCS_SHOTS = REPO / "docs" / "screenshots"

# docs name -> (configuration, procedure, screenshot label); label "receipt-1" is the
# first page of that procedure's printed receipt.
CHOSEN: dict[str, tuple[str, str, str]] = {
    # Vietnamese, 1366x768: the whole birth registration, and each other procedure's page
    "welcome-vi.png": ("vi-1366x768", "birth", "welcome"),
    "scan-sample-cards.png": ("vi-1366x768", "birth", "scan"),
    "scan-confirm.png": ("vi-1366x768", "birth", "scan-confirm"),
    "catalogue.png": ("vi-1366x768", "birth", "catalogue"),
    "procedure-summary.png": ("vi-1366x768", "birth", "procedure-summary"),
    "wizard-requester.png": ("vi-1366x768", "birth", "wizard-requester"),
    "wizard-child.png": ("vi-1366x768", "birth", "wizard-child-typing"),
    "wizard-mother-number-pad.png": ("vi-1366x768", "birth", "wizard-mother-number-pad"),
    "wizard-finish.png": ("vi-1366x768", "birth", "wizard-finish"),
    "documents-capture.png": ("vi-1366x768", "birth", "documents-capture"),
    "documents.png": ("vi-1366x768", "birth", "documents-chosen"),
    "review.png": ("vi-1366x768", "birth", "review"),
    "consent.png": ("vi-1366x768", "birth", "consent"),
    "consent-given.png": ("vi-1366x768", "birth", "consent-given"),
    "payment.png": ("vi-1366x768", "birth", "payment"),
    "done-print-failed.png": ("vi-1366x768", "birth", "done"),
    "documents-receipt.png": ("vi-1366x768", "birth", "receipt-1"),
    "wizard-certified-copy-papers.png": ("vi-1366x768", "certified_copy", "wizard-papers"),
    "receipt-certified-copy.png": ("vi-1366x768", "certified_copy", "receipt-1"),
    "wizard-death-deceased.png": ("vi-1366x768", "death", "wizard-deceased"),
    "wizard-death-notice.png": ("vi-1366x768", "death", "wizard-death-notice"),
    "receipt-death.png": ("vi-1366x768", "death", "receipt-1"),
    "wizard-marital-status-intended-spouse.png": (
        "vi-1366x768",
        "marital_status",
        "wizard-intended-spouse",
    ),
    "wizard-residence-request.png": ("vi-1366x768", "residence_ct01", "wizard-request"),
    "wizard-residence-household.png": ("vi-1366x768", "residence_ct01", "wizard-household"),
    "receipt-residence.png": ("vi-1366x768", "residence_ct01", "receipt-1"),
    # English
    "welcome-en.png": ("en-1366x768", "marital_status", "welcome"),
    "catalogue-en.png": ("en-1366x768", "marital_status", "catalogue"),
    "wizard-en.png": ("en-1366x768", "marital_status", "wizard-intended-spouse"),
    "review-en.png": ("en-1366x768", "marital_status", "review"),
    "done-en.png": ("en-1366x768", "marital_status", "done"),
    "receipt-en.png": ("en-1366x768", "marital_status", "receipt-1"),
    # Large text
    "catalogue-large.png": ("large-1366x768", "death", "catalogue"),
    "wizard-large.png": ("large-1366x768", "death", "wizard-deceased"),
    "review-large.png": ("large-1366x768", "death", "review"),
    "done-large.png": ("large-1366x768", "death", "done"),
    # High contrast
    "welcome-high-contrast.png": ("contrast-1366x768", "residence_ct01", "welcome"),
    "wizard-high-contrast.png": ("contrast-1366x768", "residence_ct01", "wizard-request"),
    "consent-high-contrast.png": ("contrast-1366x768", "residence_ct01", "consent"),
    "done-high-contrast.png": ("contrast-1366x768", "residence_ct01", "done"),
    # Large text and high contrast
    "wizard-large-high-contrast.png": (
        "large-contrast-1366x768",
        "certified_copy",
        "wizard-papers-number-pad",
    ),
    "summary-large-high-contrast.png": (
        "large-contrast-1366x768",
        "certified_copy",
        "procedure-summary",
    ),
    # 1920x1080
    "scan-sample-cards-1920x1080.png": ("vi-1920x1080", "birth", "scan"),
    "wizard-child-1920x1080.png": ("vi-1920x1080", "birth", "wizard-child-typing"),
    "review-1920x1080.png": ("vi-1920x1080", "birth", "review"),
    "done-1920x1080.png": ("vi-1920x1080", "birth", "done"),
}


def find_shot(walk_out: Path, config: str, procedure: str, label: str) -> Path | None:
    folder = walk_out / config
    if label.startswith("receipt-"):
        candidate = folder / "receipts" / f"{procedure}-{label}.png"
        return candidate if candidate.exists() else None
    pattern = re.compile(rf"{re.escape(procedure)}-\d\d-{re.escape(label)}\.png")
    matches = sorted(p for p in folder.glob(f"{procedure}-*.png") if pattern.fullmatch(p.name))
    return matches[-1] if matches else None


def refresh_docs(walk_out: Path) -> tuple[list[str], list[str]]:
    """Copy each chosen screenshot the walk made; returns (copied, not made by this walk)."""
    copied: list[str] = []
    missing: list[str] = []
    optimise = shutil.which("optipng")
    for docs_name, (config, procedure, label) in CHOSEN.items():
        source = find_shot(walk_out, config, procedure, label)
        if source is None:
            missing.append(docs_name)
            continue
        target = DOCS_SHOTS / docs_name
        shutil.copyfile(source, target)
        if optimise:
            subprocess.run([optimise, "-quiet", "-o2", str(target)], check=True)
        copied.append(docs_name)
    return copied, missing
