"""Every ```python block of docs/api.md runs, in order, in a fresh kiosk home."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.paths import HomeLayout

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def test_api_examples_run(kiosk_layout: HomeLayout) -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert len(blocks) >= 6
    namespace: dict[str, object] = {"__name__": "docs_api"}
    for index, block in enumerate(blocks):
        code = compile(block, f"docs/api.md block {index + 1}", "exec")
        exec(code, namespace)  # our own documentation, run as written
    assert kiosk_layout.database.exists()
