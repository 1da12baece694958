"""A package's public names loaded on first use (PEP 562 ``__getattr__``).

``kiosk.documents`` and ``kiosk.identity`` re-export names from modules the
welcome screen does not need (reportlab, the QR encoder, phone numbers): importing
the package must not load them, only using a name may.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_attributes(
    package: str, modules: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``modules[name]`` for ``name`` once,
    then keeps the value in ``namespace`` (the package's globals)."""

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
