"""Write a data-subject export (JSON and PDF) into ``exports/<folder>/`` for the IT officer.

The files are in the clear because they are made to be handed to the citizen; they
are mode 0600, and :mod:`kiosk.admin.personal_files` removes them after
``EXPORT_KEEP_DAYS`` days or when the citizen's data is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.admin.data_requests import export_citizen, export_json
from kiosk.admin.personal_files import JSON_NAME, PDF_NAME, export_folder
from kiosk.cases.audit import Actor
from kiosk.documents.data_export import render_data_export
from kiosk.paths import HomeLayout
from kiosk.procedures import Catalogue
from kiosk.store.database import Store
from kiosk.store.sealed_files import write_private


@dataclass(frozen=True)
class ExportedFiles:
    folder: Path
    json_file: Path
    pdf_file: Path


def write_export(
    store: Store,
    layout: HomeLayout,
    citizen_id: int,
    folder_name: str,
    actor: Actor,
    catalogue: Catalogue | None,
    agency_name: str,
) -> ExportedFiles:
    """Gather, render and write the export (the gathering is audited)."""
    folder = export_folder(layout, folder_name)
    export = export_citizen(store, citizen_id, actor, catalogue=catalogue)
    pdf = render_data_export(export, agency_name)
    folder.mkdir(mode=0o700, exist_ok=True)
    json_file, pdf_file = folder / JSON_NAME, folder / PDF_NAME
    write_private(json_file, export_json(export))
    write_private(pdf_file, pdf)
    return ExportedFiles(folder, json_file, pdf_file)
