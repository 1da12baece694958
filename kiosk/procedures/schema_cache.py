"""Remember which definitions already passed JSON-Schema validation, keyed by content hash.

Validating the catalogue with ``jsonschema`` costs about half a second (plus
the import of ``jsonschema`` itself) at every start although the shipped
files rarely change. A key here is the SHA-256 of the canonical JSON of
*exactly* what was validated (the schema and the parsed definition) together
with the ``jsonschema`` release and the kiosk's version, so a changed file,
schema or validator is validated again; only a pass is remembered, never a
failure (a broken file is checked, and reported, every time).

Keys live in this process's memory; after :func:`use_file` (the kiosk's
start-up calls it with a file in the kiosk home) they are also kept in that
small JSON file for the next start. A missing, unreadable or damaged file
just means everything is validated again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
from pathlib import Path
from typing import Final

from kiosk import __version__
from kiosk.fileio import atomic_write

log = logging.getLogger(__name__)

FORMAT: Final = 1
MAX_KEYS: Final = 512
"""Keys kept in the file (newest last); a catalogue has a few dozen files."""

_passed: set[str] = set()
_file: Path | None = None
_file_keys: list[str] = []


def _validator_release() -> str:
    """The dist-info name(s) of ``jsonschema`` (its release), found without importing it."""
    spec = importlib.util.find_spec("jsonschema")
    if spec is None or spec.origin is None:
        return "jsonschema-absent"
    site = Path(spec.origin).resolve().parent.parent
    try:
        names = sorted(p.name for p in site.glob("jsonschema-*.dist-info"))
    except OSError:
        names = []
    return ",".join(names) or f"jsonschema-at-{spec.origin}"


_salt: str | None = None


def content_key(kind: str, *parts: object) -> str:
    """The cache key of validating ``parts`` (parsed JSON values) as ``kind``."""
    global _salt
    if _salt is None:
        _salt = f"{FORMAT}\0{__version__}\0{_validator_release()}"
    digest = hashlib.sha256(f"{_salt}\0{kind}".encode())
    for part in parts:
        canonical = json.dumps(part, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest.update(b"\0")
        digest.update(canonical.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def passed(key: str) -> bool:
    """True when this exact content passed validation before (in this process or the file)."""
    return key in _passed


def remember(key: str) -> None:
    """Record a pass; written through to the file set by :func:`use_file`, if any."""
    if key in _passed:
        return
    _passed.add(key)
    if _file is None:
        return
    _file_keys.append(key)
    del _file_keys[:-MAX_KEYS]
    try:
        _file.parent.mkdir(parents=True, exist_ok=True)
        document = {"format": FORMAT, "validated": _file_keys}
        atomic_write(_file, json.dumps(document).encode("utf-8"))
    except OSError as error:
        log.warning("schema validation cache not written: %s", type(error).__name__)


def use_file(path: Path | None) -> None:
    """Keep the passes in ``path`` across starts (None: this process's memory only)."""
    global _file
    _file = path
    _file_keys.clear()
    if path is None:
        return
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError) as error:
        log.warning("schema validation cache ignored: %s", type(error).__name__)
        return
    keys = stored.get("validated") if isinstance(stored, dict) else None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT or not isinstance(keys, list):
        return
    valid = [k for k in keys if isinstance(k, str) and len(k) == 64][-MAX_KEYS:]
    _file_keys.extend(valid)
    _passed.update(valid)


def forget_all() -> None:
    """Drop every remembered pass from memory (tests; the file is left as it is)."""
    _passed.clear()
    _file_keys.clear()
