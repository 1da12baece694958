"""The whole suite: every test module ALONE, each in its own pytest process, two at a time.

Why: a module that passes only after another one has imported something (a Qt
plugin, a fixture from a sibling, a warning already printed once) passes in the
whole suite and fails on a developer's machine. `make test` (and so `.ci/run`)
uses this; it prints one line per module and, at the end, the failures with the
end of their output. Exit status 1 if any module failed.

A module that collects no test (pytest's exit 5) is a failure too: a test file
whose tests were all renamed away, or that a typo stopped collecting, must not
pass silently.

Usage: python scripts/test_each.py [--jobs N] [--skip PATH]... [MODULE ...]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NO_TESTS_COLLECTED = 5  # pytest.ExitCode.NO_TESTS_COLLECTED
TAIL_LINES = 60


@dataclass(frozen=True)
class Outcome:
    module: str
    exit_code: int
    seconds: float
    summary: str  # pytest's closing line, e.g. "12 passed in 3.40s"
    output: str

    @property
    def passed(self) -> bool:
        return self.exit_code == 0


def test_modules(skip: set[str]) -> list[str]:
    found = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("test_*.py"))
    return [module for module in found if module not in skip]


def has_slow_tests(module: str) -> bool:
    """Crash loops, fault-injected sync and the bundle build: the modules to start first."""
    text = (ROOT / module).read_text(encoding="utf-8")
    return "pytest.mark.slow" in text or "pytest.mark.bundle" in text


def run_alone(module: str, python: str) -> Outcome:
    started = time.monotonic()
    # -p no:cacheprovider: two pytest processes must not write .pytest_cache at once.
    result = subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider", "-q", module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    output = result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    summary = lines[-1].strip("= ") if lines else "(no output)"
    if result.returncode == NO_TESTS_COLLECTED:
        summary = f"collected no tests: {summary}"
    return Outcome(module, result.returncode, seconds, summary, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="modules at a time (default 2)")
    parser.add_argument(
        "--skip", action="append", default=[], metavar="PATH", help="a module not to run"
    )
    parser.add_argument("modules", nargs="*", help="only these modules (default: all)")
    args = parser.parse_args(argv)
    for skipped in args.skip:
        # A renamed module must not make the skip silently run it (or skip nothing).
        if not (ROOT / skipped).is_file():
            parser.error(f"--skip {skipped}: no such test module")

    modules = args.modules or test_modules(set(args.skip))
    # The longest first, so that the workers finish at about the same time: modules with
    # tests marked slow (crash loops, fault-injected sync), then by size.
    modules.sort(key=lambda module: (not has_slow_tests(module), -(ROOT / module).stat().st_size))
    print(f"test-each: {len(modules)} modules, {args.jobs} at a time", flush=True)
    for skipped in args.skip:
        print(f"test-each: not run here: {skipped}", flush=True)

    started = time.monotonic()
    outcomes: list[Outcome] = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_alone, module, sys.executable) for module in modules]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            status = "ok  " if outcome.passed else "FAIL"
            print(
                f"{status} {outcome.seconds:6.1f}s  {outcome.module}  ({outcome.summary})",
                flush=True,
            )
    elapsed = time.monotonic() - started

    failures = sorted((o for o in outcomes if not o.passed), key=lambda o: o.module)
    for outcome in failures:
        tail = "\n".join(outcome.output.splitlines()[-TAIL_LINES:])
        print(f"\n===== {outcome.module} (exit {outcome.exit_code}) =====\n{tail}")
    busy = sum(o.seconds for o in outcomes)
    # CPU time says how much work the step is on any machine; wall time depends on the load.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"\ntest-each: {len(outcomes) - len(failures)} modules passed, {len(failures)} failed "
        f"in {elapsed:.0f}s ({busy:.0f}s of pytest processes, "
        f"{children.ru_utime + children.ru_stime:.0f}s CPU)"
    )
    if failures:
        print("test-each: failed alone:")
        for outcome in failures:
            print(f"  {outcome.module}: {outcome.summary}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
