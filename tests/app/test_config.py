from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, KioskConfig, load, save
from kiosk.paths import HomeLayout


def write_config(layout: HomeLayout, text: str) -> None:
    layout.root.mkdir(parents=True, exist_ok=True)
    layout.config_file.write_text(text, encoding="utf-8")


def test_no_file_means_training_mode(kiosk_layout: HomeLayout) -> None:
    config = load(kiosk_layout)
    assert config.mode == "training"
    assert config.training
    assert config.source == "(defaults)"


def test_file_values_and_environment_overrides(
    kiosk_layout: HomeLayout, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(kiosk_layout, 'kiosk_number = 7\n[ward]\nname = "Phường Hải Châu"\n')
    config = load(kiosk_layout)
    assert config.kiosk_number == 7
    assert config.ward.name == "Phường Hải Châu"
    monkeypatch.setenv("KIOSK_PORTAL_URL", "https://portal.example.vn")
    monkeypatch.setenv("KIOSK_MODE", "live")
    config = load(kiosk_layout)
    assert config.mode == "live"
    assert config.portal.url == "https://portal.example.vn"


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("mode = 'production'\n", "mode", "'training' or 'live'"),
        ("kiosk_number = 'one'\n", "kiosk_number", "whole number"),
        ("kiosk_number = 0\n", "kiosk_number", "between 1 and 99"),
        ("colour = 'blue'\n", "colour", "unknown setting"),
        ("[ward]\nagency_code = 'H42'\n", "ward.agency_code", "000.00.21.H42"),
        ("[ward]\nmayor = 'x'\n", "ward.mayor", "unknown setting"),
        ("[fees]\nbank_bin = '97041'\n", "fees.bank_bin", "6-digit"),
        ("[timeouts]\nidle_seconds = 3\n", "timeouts.idle_seconds", "between 15"),
        ("mode = 'live'\n", "portal.url", "https://"),
        ("mode = \n", "(syntax)", ""),
        (
            "[portal]\ntracking_url_template = 'https://x.vn/tra-cuu'\n",
            "portal.tracking_url_template",
            "{reference}",
        ),
    ],
)
def test_bad_values_name_file_key_and_problem(
    kiosk_layout: HomeLayout, text: str, key: str, problem: str
) -> None:
    write_config(kiosk_layout, text)
    with pytest.raises(ConfigError) as caught:
        load(kiosk_layout)
    assert caught.value.key == key
    assert problem in caught.value.problem
    assert str(kiosk_layout.config_file) in str(caught.value)


def test_save_is_atomic_and_round_trips(kiosk_layout: HomeLayout) -> None:
    original = KioskConfig(kiosk_number=4)
    save(original, kiosk_layout)
    assert load(kiosk_layout).kiosk_number == 4
    assert not list(kiosk_layout.root.glob(".config-*"))
    with pytest.raises(ConfigError):
        save(KioskConfig(kiosk_number=500), kiosk_layout)
    assert load(kiosk_layout).kiosk_number == 4, "a refused save must leave the file as it was"


def test_kiosk_exits_2_with_one_line_on_bad_config(kiosk_layout: HomeLayout) -> None:
    write_config(kiosk_layout, "[printing]\npaper = 'A3'\n")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.app", "--self-test", "startup"],
        capture_output=True,
        text=True,
        env={**os.environ, "KIOSK_HOME": str(kiosk_layout.root)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "printing.paper" in lines[0] and str(Path(kiosk_layout.config_file)) in lines[0]
