"""The set-up files shipped in the bundle's setup/ folder: systemd units, autostart, Windows.

The unit files are read back as systemd reads them (``systemd-analyze verify``
when the machine has systemd) and the promised settings are checked;
install-user-units.sh runs for real into a temporary home, with ``systemctl``
and ``id`` replaced by recording stand-ins (there is no user systemd manager
in a test run, and the script refuses root). PowerShell cannot run here: its
scripts are checked for the few properties a mistake would break silently.
"""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
WINDOWS = ROOT / "packaging" / "windows"


class CaseSensitiveParser(configparser.ConfigParser):
    """Keys as written: systemd and desktop-entry keys are case-sensitive."""

    def optionxform(self, optionstr: str) -> str:
        return optionstr


def unit(name: str) -> configparser.ConfigParser:
    parser = CaseSensitiveParser(strict=False, interpolation=None)
    parser.read(LINUX / name, encoding="utf-8")
    return parser


def test_kiosk_service_starts_full_screen_and_restarts() -> None:
    service = unit("cdkv-kiosk.service")
    assert service["Service"]["ExecStart"] == "/opt/cdkv-kiosk/kiosk"  # no --windowed
    assert service["Service"]["Restart"] == "always"
    assert service["Service"]["RestartSec"] == "2"
    assert service["Service"]["Environment"] == "QT_QPA_PLATFORM=xcb"
    # exit 0 (admin quit), 2, 3, 4 cannot be helped by restarting
    assert service["Service"]["RestartPreventExitStatus"].split() == ["0", "2", "3", "4"]
    assert service["Unit"]["StartLimitIntervalSec"] == "0"
    assert service["Install"]["WantedBy"] == "graphical-session.target"


def test_nightly_sync_timer_and_service() -> None:
    timer = unit("kiosk-sync.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 22:30"
    assert timer["Timer"]["Persistent"] == "true"
    service = unit("kiosk-sync.service")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"] == "/opt/cdkv-kiosk/kiosk-sync run --json"
    assert service["Service"]["SuccessExitStatus"].split() == ["3", "4"]
    assert "kiosk-sync report" in service["Service"]["ExecStartPost"]


def test_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    # systemd is in scripts/system-packages.txt, which `make test` installs.
    assert analyze is not None, "systemd-analyze is not installed (Debian: systemd)"
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    for program in ("kiosk", "kiosk-sync"):
        path = bundle / program
        path.write_text("#!/bin/sh\n", encoding="utf-8")
        path.chmod(0o755)
    names = ["cdkv-kiosk.service", "kiosk-sync.service", "kiosk-sync.timer"]
    for name in names:
        text = (LINUX / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("/opt/cdkv-kiosk", str(bundle)), "utf-8")
    result = subprocess.run(
        [analyze, "verify", *(str(tmp_path / name) for name in names)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_autostart_entry_hands_over_to_the_service() -> None:
    entry = CaseSensitiveParser(interpolation=None)
    entry.read(LINUX / "cdkv-kiosk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert "import-environment DISPLAY XAUTHORITY" in desktop["Exec"]
    assert desktop["Exec"].endswith("systemctl --user start cdkv-kiosk.service'")
    assert desktop["Name"] == "Công dân không viết"


def fake_tools(tmp_path: Path) -> tuple[Path, Path]:
    """``systemctl`` that records its arguments and ``id`` that claims a normal user."""
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    calls = tmp_path / "systemctl-calls.txt"
    (bin_dir / "systemctl").write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\n', "utf-8")
    (bin_dir / "id").write_text(
        '#!/bin/sh\ncase "$1" in -u) echo 1000;; -un) echo kiosk;; esac\n', "utf-8"
    )
    for tool in bin_dir.iterdir():
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return bin_dir, calls


def installed_bundle(tmp_path: Path, folder: str = "cdkv-kiosk-0.1.0") -> Path:
    """A bundle folder as the spec lays it out: programs at the top, setup/ beside them."""
    bundle = tmp_path / "srv" / folder
    (bundle / "setup").mkdir(parents=True)
    for path in LINUX.iterdir():
        shutil.copy2(path, bundle / "setup" / path.name)
    for program in ("kiosk", "kiosk-sync"):
        (bundle / program).write_text("#!/bin/sh\n", "utf-8")
        (bundle / program).chmod(0o755)
    return bundle


def run_installer(tmp_path: Path, bundle: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not (tmp_path / "fakebin").exists():
        fake_tools(tmp_path)
    env = {
        "PATH": f"{tmp_path / 'fakebin'}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path / "home"),
    }
    return subprocess.run(
        ["sh", str(bundle / "setup" / "install-user-units.sh"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_installer_writes_units_for_the_real_folder_and_enables_them(tmp_path: Path) -> None:
    bundle = installed_bundle(tmp_path)
    result = run_installer(tmp_path, bundle, "--autostart")
    assert result.returncode == 0, result.stderr
    units = tmp_path / "home" / ".config" / "systemd" / "user"
    service = (units / "cdkv-kiosk.service").read_text(encoding="utf-8")
    assert f"ExecStart={bundle}/kiosk\n" in service
    assert "/opt/cdkv-kiosk" not in service
    assert f"{bundle}/kiosk-sync run --json" in (units / "kiosk-sync.service").read_text("utf-8")
    assert (units / "kiosk-sync.timer").is_file()
    autostart = tmp_path / "home" / ".config" / "autostart" / "cdkv-kiosk.desktop"
    assert str(bundle) in autostart.read_text(encoding="utf-8")
    calls = (tmp_path / "systemctl-calls.txt").read_text(encoding="utf-8").splitlines()
    assert "--user enable cdkv-kiosk.service" in calls
    assert "--user enable --now kiosk-sync.timer" in calls


def test_installer_removes_what_it_installed(tmp_path: Path) -> None:
    bundle = installed_bundle(tmp_path)
    assert run_installer(tmp_path, bundle, "--autostart").returncode == 0
    result = run_installer(tmp_path, bundle, "--remove")
    assert result.returncode == 0, result.stderr
    units = tmp_path / "home" / ".config" / "systemd" / "user"
    assert list(units.iterdir()) == []
    assert not (tmp_path / "home" / ".config" / "autostart" / "cdkv-kiosk.desktop").exists()


def test_installer_refuses_a_folder_systemd_would_misread(tmp_path: Path) -> None:
    bundle = installed_bundle(tmp_path, folder="cdkv kiosk")
    result = run_installer(tmp_path, bundle)
    assert result.returncode == 1
    assert "space or special character" in result.stderr
    assert not (tmp_path / "home" / ".config" / "systemd").exists()


def test_installer_refuses_outside_a_bundle(tmp_path: Path) -> None:
    bundle = installed_bundle(tmp_path)
    (bundle / "kiosk").unlink()
    result = run_installer(tmp_path, bundle)
    assert result.returncode == 1
    assert "No kiosk and kiosk-sync programs" in result.stderr


@pytest.mark.parametrize("script", ["install-tasks.ps1", "run-kiosk.ps1", "nightly-sync.ps1"])
def test_powershell_scripts_survive_windows_powershell(script: str) -> None:
    raw = (WINDOWS / script).read_bytes()
    text = raw.decode("utf-8-sig")
    # Windows PowerShell 5.1 reads a BOM-less script as ANSI: Vietnamese would garble.
    assert raw.startswith(b"\xef\xbb\xbf") or text.isascii()
    # "$name:" inside a string is a scoped-variable syntax error in PowerShell.
    for line in text.splitlines():
        if '"' in line:
            assert "$InstallDir:" not in line, line


def test_kiosk_loop_keeps_the_window_visible_and_stops_on_final_codes() -> None:
    text = (WINDOWS / "run-kiosk.ps1").read_text(encoding="utf-8-sig")
    start = next(line for line in text.splitlines() if "Start-Process" in line)
    assert "-WindowStyle" not in start  # it would apply to the kiosk's own window
    assert "$noRestart = @(0, 2, 3, 4)" in text


def test_installer_schedules_both_tasks() -> None:
    text = (WINDOWS / "install-tasks.ps1").read_text(encoding="utf-8-sig")
    assert "New-ScheduledTaskTrigger -AtLogOn" in text
    assert "New-ScheduledTaskTrigger -Daily -At $SyncTime" in text
    assert "-StartWhenAvailable" in text
    assert "'run-kiosk.ps1'" in text and "'nightly-sync.ps1'" in text
