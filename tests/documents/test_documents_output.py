"""Saving a PDF for later when printing failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.documents import DocumentDataError, render_receipt, save_pdf
from tests.documents_support import sample_snapshot


def test_save_writes_the_exact_bytes_and_replaces(tmp_path: Path) -> None:
    pdf = render_receipt(sample_snapshot())
    target = save_pdf(pdf, tmp_path / "unprinted", "BADINH-260520-01-0007-K")
    assert target == tmp_path / "unprinted" / "BADINH-260520-01-0007-K.pdf"
    assert target.read_bytes() == pdf
    training = render_receipt(sample_snapshot(training=True))
    assert save_pdf(training, tmp_path / "unprinted", "BADINH-260520-01-0007-K") == target
    assert target.read_bytes() == training
    assert [path.name for path in target.parent.iterdir()] == [target.name]


@pytest.mark.parametrize(
    ("stem", "name"),
    [
        ("../../etc/passwd", "etc_passwd.pdf"),
        ("Nguyễn Văn A", "Nguy_n_V_n_A.pdf"),
        ("...", "document.pdf"),
    ],
)
def test_stem_cannot_escape_or_carry_odd_characters(tmp_path: Path, stem: str, name: str) -> None:
    pdf = render_receipt(sample_snapshot())
    assert save_pdf(pdf, tmp_path, stem) == tmp_path / name


def test_refuses_non_pdf(tmp_path: Path) -> None:
    with pytest.raises(DocumentDataError, match="không phải là PDF"):
        save_pdf(b"hello", tmp_path, "x")


def test_unwritable_directory_gives_a_vietnamese_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(DocumentDataError, match="Không lưu được"):
        save_pdf(render_receipt(sample_snapshot()), blocker / "sub", "x")
