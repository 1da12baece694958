"""The benchmarks still run: each module imported and run at its smallest size.

Not a measurement (the counts are far too small for figures; ``make bench``
gives those): this only keeps ``bench/`` from rotting as the kiosk changes.
The in-process benchmarks run for real, a few iterations each; the ones
built of child processes (start-up, 1,000-case sync, endurance) run one
small real piece each, since their full run takes minutes.
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from bench.common import Row

BENCH_MODULES = (
    "bench.attachment_storage",
    "bench.attachments",
    "bench.autosave",
    "bench.bundle",
    "bench.chip_read",
    "bench.citizen",
    "bench.idle_memory",
    "bench.memory",
    "bench.page_processing",
    "bench.queue_open",
    "bench.receipt",
    "bench.run_all",
    "bench.soak",
    "bench.startup",
    "bench.sync_throughput",
    "bench.typing_burden",
    "bench.wizard_step",
)


def measured(rows: list[Row]) -> None:
    """Every row has a figure and a value; the headline row has a verdict."""
    assert rows
    for row in rows:
        assert row.figure and row.ours and "FAILED" not in row.ours
    assert rows[0].verdict.startswith(("met", "MISSED"))


@pytest.mark.parametrize("name", BENCH_MODULES)
def test_every_bench_module_imports(name: str) -> None:
    assert importlib.import_module(name).__doc__


def test_run_all_lists_every_figure_of_the_issue() -> None:
    from bench.run_all import SECTIONS

    assert [section.name for section in SECTIONS] == [
        "startup",
        "autosave",
        "wizard",
        "sync",
        "upload",
        "receipt",
        "queue",
        "memory",
        "typing",
        "chip",
        "bundle",
    ]


def test_chip_read_bench_over_a_real_pcscd() -> None:
    from bench import chip_read

    rows = chip_read.run(reads=1)
    measured(rows)
    assert "bare pyscard loop" in rows[0].baseline


def test_run_all_prints_one_table_and_the_machine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bench import run_all

    assert run_all.main(["--quick", "--only", "receipt"]) == 0
    out = capsys.readouterr().out
    assert "| receipt PDF, A5 (median)" in out
    assert "machine:" in out and "load average" in out and "Qt 6" in out


def test_autosave_bench(monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import autosave

    monkeypatch.setattr(autosave, "REPEAT", 5)
    rows = autosave.run()
    measured(rows)
    # The p99 by both clocks, each against the raw commit's of the same run, with a verdict.
    p99 = [row for row in rows if "p99" in row.figure]
    assert [row.figure for row in p99] == [
        "autosave one answer (p99, wall clock)",
        "autosave one answer (p99, CPU time of the thread)",
    ]
    assert all(row.ratio.endswith("x") and row.verdict in ("met", "MISSED") for row in p99)


def test_attachment_storage_bench() -> None:
    from bench import attachment_storage

    measured(attachment_storage.run(pages=2))


def test_attachments_bench() -> None:
    from bench import attachments

    measured(attachments.capture_rows(pages=1))
    measured(attachments.upload_rows(cases=2, rounds=2))


def test_page_processing_bench() -> None:
    from bench import page_processing

    measured(page_processing.run(count=1, ocr_pages=1))


def test_queue_bench() -> None:
    from bench import queue_open

    measured(queue_open.run(cases=300, repeat=1))


def test_wizard_step_bench(qapp: QApplication) -> None:
    from bench import wizard_step

    rows = wizard_step.run(next_taps=5)
    measured(rows)
    assert "p95 of 5" in rows[0].figure


def test_memory_and_typing_benches(qapp: QApplication) -> None:
    from bench import memory, typing_burden

    measured(memory.run(sessions=1, warm_sessions=1))
    rows = typing_burden.run()
    measured(rows)
    assert rows[0].ratio.endswith("%")


def test_idle_memory_bench_reads_a_real_kiosk() -> None:
    from bench import idle_memory

    rows = idle_memory.run(runs=1)
    measured(rows)
    assert "bare PySide6 window" in rows[0].baseline


def test_startup_baseline_script_paints_and_quits(tmp_path: Path) -> None:
    """The bare-window baseline is a valid PySide6 program (the kiosk side is the smoke test's)."""
    from bench.startup import BARE_WINDOW, child_environment, timed_run

    assert (
        timed_run(
            [sys.executable, "-c", BARE_WINDOW], child_environment(tmp_path, "offscreen", None)
        )
        > 0
    )


def test_startup_bench_reads_the_kiosks_paint_and_ready_reports(tmp_path: Path) -> None:
    """The kiosk reports its paint, then its store opened; the bare window its paint."""
    from bench.startup import BARE_WINDOW, child_environment, timed_start

    env = child_environment(tmp_path / "home", "offscreen", None)
    kiosk = timed_start([sys.executable, "-m", "kiosk.app", "--self-test", "startup"], env)
    assert kiosk.ready_cpu is not None and kiosk.ready_wall is not None
    assert 0 < kiosk.painted_cpu < kiosk.ready_cpu <= kiosk.exit_cpu + 0.05
    assert 0 < kiosk.painted_wall < kiosk.ready_wall < kiosk.exit_wall
    bare = timed_start([sys.executable, "-c", BARE_WINDOW], env)
    assert bare.ready_cpu is None and 0 < bare.painted_wall < bare.exit_wall


def test_startup_failure_is_reported_with_stderr(tmp_path: Path) -> None:
    from bench.startup import child_environment, timed_run

    with pytest.raises(RuntimeError, match="boom"):
        timed_run(
            [sys.executable, "-c", "import sys; sys.exit('boom')"],
            child_environment(tmp_path, "offscreen", None),
        )


def test_soak_verdicts_catch_a_doubled_dossier_and_a_leak() -> None:
    """The endurance run's checks fail when they should (its full run takes minutes)."""
    from bench.soak import Census, Day, verdicts

    warm = Census(300, 1, 400, 0, Counter({"python": 2}), 200.0)
    healthy = Census(300, 1, 400, 0, Counter({"python": 2}), 201.0)
    day = Day(
        submitted={"a": "REF-1", "b": "REF-2"},
        walked_away=["c"],
        warm=warm,
        end=healthy,
        threads_before_worker=Counter({"python": 1}),
        worker_stopped=True,
        drain={"pending": 0},
        at_portal=Counter({"REF-1": 1, "REF-2": 1}),
        drafts_kept=1,
        outages=1,
        fault_changes=1,
        seconds=1.0,
    )
    assert all(row.verdict == "met" for row in verdicts(day))
    day.at_portal = Counter({"REF-1": 2, "REF-2": 1})
    day.end = Census(305, 2, 400, 0, Counter({"python": 2, "sync_worker_thr": 1}), 260.0)
    failed = {row.figure for row in verdicts(day) if row.verdict != "met"}
    assert failed == {
        "submitted cases at the portal exactly once",
        "widgets (all / top-level)",
        "threads after the worker stopped",
        "memory (RSS)",
    }


def test_soak_command_rejects_too_few_citizens() -> None:
    from bench.soak import main

    with pytest.raises(SystemExit) as stopped:
        main(["--citizens", "3"])
    assert stopped.value.code == 2
