#!/usr/bin/env python3
"""Fill unfinished messages of a Qt .ts file from a JSON map {source: translation}.

Usage: scripts/translate_missing.py assets/translations/kiosk_en.ts map.json
Prints what is still unfinished. The file is read completely before it is rewritten.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main() -> int:
    ts_path, map_path = Path(sys.argv[1]), Path(sys.argv[2])
    translations = json.loads(map_path.read_text(encoding="utf-8"))
    original = ts_path.read_text(encoding="utf-8")
    header = original[: original.index("<TS")]
    root = ET.fromstring(original)
    missing = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") != "unfinished" and (translation.text or "").strip():
                continue
            if source in translations:
                translation.text = translations[source]
                translation.attrib.pop("type", None)
            else:
                missing.append((name, source))
    body = ET.tostring(root, encoding="unicode")
    ts_path.write_text(header + body + "\n", encoding="utf-8")
    for name, source in missing:
        print(f"unfinished: [{name}] {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
