"""The audit log viewer: filters and paging in SQL, CSV export streamed in batches."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from kiosk.admin import audit_log
from kiosk.admin.audit_log import AuditFilter
from kiosk.store.database import Store
from kiosk.store.models import AuditEvent

START = dt.datetime(2026, 3, 1, 0, 0)  # naive UTC, as stored


@pytest.fixture
def events(store: Store) -> int:
    """2,500 events over 50 hours: more than two export batches."""
    with store.sessions.begin() as session:
        for index in range(2500):
            session.add(
                AuditEvent(
                    at=START + dt.timedelta(minutes=index * 1.2),
                    actor_kind=("volunteer", "system", "admin")[index % 3],
                    actor_id=str(index % 7),
                    action=("case_started", "case_submitted", "volunteer_signed_in")[index % 3],
                    case_id=f"case-{index % 50}",
                    details={"n": index},
                )
            )
    return 2500


def test_filters_and_counts(store: Store, events: int) -> None:
    assert audit_log.count(store) == events
    signed_in = AuditFilter(actions=["volunteer_signed_in"])
    assert audit_log.count(store, signed_in) == 833
    assert audit_log.count(store, AuditFilter(actor_kind="volunteer", actor_id="0")) == 120
    assert audit_log.count(store, AuditFilter(case_id="case-7")) == 50
    day = AuditFilter(
        since=dt.datetime(2026, 3, 1, 17, 0, tzinfo=dt.UTC),  # 00:00 on 2 March in Vietnam
        until=dt.datetime(2026, 3, 2, 17, 0, tzinfo=dt.UTC),
    )
    assert audit_log.count(store, day) == 1200
    assert audit_log.known_actions(store) == [
        "case_started",
        "case_submitted",
        "volunteer_signed_in",
    ]


def test_pages_are_newest_first_and_do_not_overlap(store: Store, events: int) -> None:
    first = audit_log.query(store, limit=100)
    second = audit_log.query(store, limit=100, offset=100)
    assert first[0].details == {"n": 2499}
    assert first[0].at.tzinfo is not None and first[0].at_local.utcoffset() == dt.timedelta(hours=7)
    ids = [row.id for row in first + second]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 200
    oldest = audit_log.query(store, limit=1, newest_first=False)
    assert oldest[0].details == {"n": 0}


def test_bad_paging_and_naive_times_are_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        audit_log.query(store, limit=0)
    with pytest.raises(ValueError):
        audit_log.query(store, limit=100_000)
    with pytest.raises(ValueError):
        audit_log.count(store, AuditFilter(since=dt.datetime(2026, 3, 1)))


def test_csv_export_streams_every_matching_row(store: Store, events: int) -> None:
    out = io.StringIO()
    written = audit_log.export_csv(store, out, AuditFilter(actions=["case_started"]))
    assert written == 834
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 834
    assert list(rows[0]) == list(audit_log.CSV_COLUMNS)
    assert rows[0]["at_utc"] == "2026-03-01T00:00:00+00:00"
    assert rows[0]["at_local"] == "2026-03-01T07:00:00+07:00"
    assert rows[-1]["details"] == '{"n": 2499}'


def test_csv_file_export_is_written_whole_with_a_bom(
    store: Store, events: int, tmp_path: Path
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    target = exports / "nhat-ky.csv"
    written = audit_log.export_csv_file(store, target, AuditFilter(actions=["case_started"]))
    assert written == 834
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets read UTF-8 only with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 834 and rows[-1]["details"] == '{"n": 2499}'
    assert [path.name for path in exports.iterdir()] == ["nhat-ky.csv"]


def test_csv_cells_cannot_become_formulas(store: Store) -> None:
    with store.sessions.begin() as session:
        session.add(
            AuditEvent(
                actor_kind="system",
                actor_id='=HYPERLINK("http://x")',
                action="-cmd",
                details={"note": "@SUM(A1)"},
            )
        )
    out = io.StringIO()
    audit_log.export_csv(store, out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["actor_id"].startswith("'=")
    assert row["action"] == "'-cmd"
