"""Shared pieces of the benchmarks: timing, percentiles and the result table.

Every figure is ours against a baseline run in the same process on the same
machine, so a slow or busy machine moves both sides and the ratio stays
meaningful. Nothing here asserts: `make bench` reports, the reader judges.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Row:
    figure: str
    ours: str
    baseline: str
    ratio: str
    target: str
    verdict: str


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_calls(function: Callable[[], object], repeat: int) -> list[float]:
    """Seconds per call, ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


@contextmanager
def temporary_home() -> Iterator[Path]:
    """A throwaway kiosk home (file key store), exported as KIOSK_HOME for children."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as directory:
        previous = {k: os.environ.get(k) for k in ("KIOSK_HOME", "KIOSK_KEY_STORE")}
        os.environ["KIOSK_HOME"] = directory
        os.environ["KIOSK_KEY_STORE"] = "file"
        try:
            yield Path(directory)
        finally:
            for key, value in previous.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def print_table(rows: list[Row]) -> None:
    headers = ("figure", "ours", "baseline", "ratio", "target", "verdict")
    cells = [headers, *[(r.figure, r.ours, r.baseline, r.ratio, r.target, r.verdict) for r in rows]]
    widths = [max(len(str(row[i])) for row in cells) for i in range(len(headers))]
    line = "| " + " | ".join("-" * w for w in widths) + " |"
    for index, row in enumerate(cells):
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if index == 0:
            print(line)


def median(samples: list[float]) -> float:
    return statistics.median(samples)
