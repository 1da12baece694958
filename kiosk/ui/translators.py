"""Qt translators for a language: installed from the compiled files, removed and freed.

The start installs the configured language's before the first paint; the controller
swaps them for each citizen's choice. One pair of functions for both.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from kiosk.paths import asset_dir

log = logging.getLogger(__name__)


def install_translators(language: str, parent: QObject) -> list[QTranslator]:
    """Qt translators from ``assets/translations/*_<language>.qm`` (none for Vietnamese)."""
    app = QCoreApplication.instance()
    installed: list[QTranslator] = []
    if app is None or language == "vi":
        return installed
    folder = asset_dir() / "translations"
    for path in sorted(folder.glob(f"*_{language}.qm")) if folder.is_dir() else []:
        translator = QTranslator(parent)
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation file could not be loaded: %s", path.name)
    return installed


def remove_translators(translators: list[QTranslator]) -> None:
    """Uninstall and free them: a translator left as its parent's child kept its loaded
    catalogue alive, one more for every citizen who chose English (issue 19)."""
    app = QCoreApplication.instance()
    for translator in translators:
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
