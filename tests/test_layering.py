"""The domain is Qt-free: nothing outside kiosk/ui may import PySide6."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_outside_ui() -> None:
    offenders = []
    for package in ("kiosk", "sync"):
        for path in (ROOT / package).rglob("*.py"):
            if "ui" in path.relative_to(ROOT).parts:
                continue
            if any(name.split(".")[0] == "PySide6" for name in imported_modules(path)):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == [], f"Qt imported below kiosk/ui: {offenders}"


def test_sync_never_imports_ui() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "sync").rglob("*.py")
        if any(name.startswith("kiosk.ui") for name in imported_modules(path))
    ]
    assert offenders == []
