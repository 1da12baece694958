"""``make walk``: every configuration's walk, its screenshots and its rendered receipts.

    /usr/bin/python3 -m scripts.walk [--display 66] [--out DIR] [--only NAME ...]

Each configuration runs in its own private D-Bus session (``dbus-run-session``, with
its own XDG_RUNTIME_DIR so the AT-SPI bus's socket is private too), its own Xvfb of the
configuration's size and a fresh training home under ``/tmp``. Afterwards the receipts
the kiosk printed are opened and rendered with pdftoppm beside the screenshots.
Exit 1 when a walk failed (the output says where, with a screenshot).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .configs import CONFIGURATIONS, Configuration
from .display import missing_tools
from .docs_shots import refresh_docs
from .kiosk_process import REPO, export_receipts, render_pdf


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m scripts.walk", description=__doc__)
    parser.add_argument(
        "--display",
        type=int,
        action="append",
        default=[],
        help="X display number N (:N) to use; repeat it to walk that many configurations "
        "at a time (default 66)",
    )
    parser.add_argument("--out", type=Path, default=None, help="output folder")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        choices=[c.name for c in CONFIGURATIONS],
        help="walk only this configuration (repeatable)",
    )
    parser.add_argument(
        "--procedure", action="append", default=[], help="only this procedure (repeatable)"
    )
    parser.add_argument(
        "--refresh-docs",
        action="store_true",
        help="copy the chosen screenshots to docs/screenshots/ (scripts/walk/docs_shots.py)",
    )
    return parser.parse_args(argv)


def run_configuration(
    config: Configuration, display: int, out_dir: Path, scratch: Path
) -> tuple[bool, str]:
    home = scratch / f"home-{config.name}"
    runtime = scratch / f"run-{config.name}"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "DISPLAY": f":{display}"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    command = [
        "dbus-run-session",
        "--",
        sys.executable,
        "-m",
        "scripts.walk.run_config",
        str(display),
        str(out_dir),
        str(home),
        *config.as_args(),
    ]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line]
    (out_dir / "walk.log").write_text(done.stdout + "\n--- stderr ---\n" + done.stderr)
    # One receipt per walked procedure, in the order walked (references count up).
    receipts = export_receipts(home, out_dir / "receipts")
    for procedure, pdf in zip(config.procedures, receipts, strict=False):
        render_pdf(pdf, pdf.with_name(procedure + "-receipt"))
    return done.returncode == 0, "\n".join(lines)


def main(argv: list[str]) -> int:
    args = parse(argv)
    missing = missing_tools()
    if missing:
        print(f"walk: missing tools: {', '.join(missing)} (scripts/system-packages.txt)")
        return 2
    out_root = args.out or Path(tempfile.mkdtemp(prefix="kiosk-walk-"))
    out_root.mkdir(parents=True, exist_ok=True)
    # The training homes beside the output (a /tmp/<name>-* prefix of its own).
    scratch = Path(tempfile.mkdtemp(prefix=f"{out_root.name}-home-", dir=out_root.parent))
    configs = [c for c in CONFIGURATIONS if not args.only or c.name in args.only]
    if args.procedure:
        configs = [
            Configuration(**{**c.__dict__, "procedures": wanted})
            for c in configs
            if (wanted := tuple(p for p in c.procedures if p in args.procedure))
        ]
    free_displays: queue.Queue[int] = queue.Queue()
    for number in args.display or [66]:
        free_displays.put(number)

    def walk(config: Configuration) -> tuple[bool, dict[str, object]]:
        out_dir = out_root / config.name
        out_dir.mkdir(parents=True, exist_ok=True)
        stale_files = [*out_dir.glob("*.png"), *out_dir.glob("*.txt"), *out_dir.glob("receipts/*")]
        for stale in stale_files:
            stale.unlink()  # an earlier walk's pictures must not pass for this one's
        display = free_displays.get()
        started = time.monotonic()
        try:
            ok, report = run_configuration(config, display, out_dir, scratch)
        finally:
            free_displays.put(display)
        seconds = round(time.monotonic() - started)
        print(f"== {config.name}: {'ok' if ok else 'FAILED'} in {seconds} s\n{report}", flush=True)
        return ok, {
            "ok": ok,
            "seconds": seconds,
            "report": report,
            "screenshots": sorted(p.name for p in out_dir.glob("*.png")),
            "receipts": sorted(p.name for p in (out_dir / "receipts").glob("*.png")),
        }

    with ThreadPoolExecutor(max_workers=free_displays.qsize()) as pool:
        results = list(pool.map(walk, configs))
    summary = {config.name: result for config, (_ok, result) in zip(configs, results, strict=True)}
    all_ok = all(ok for ok, _result in results)
    (out_root / "walk.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    print(f"screenshots and receipts: {out_root}")
    if all_ok:
        shutil.rmtree(scratch)  # kept after a failure, for its logs and database
    if args.refresh_docs:
        copied, missing = refresh_docs(out_root)
        print(f"docs/screenshots: {len(copied)} refreshed; not made by this walk: {missing}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
