"""Importing contacts files: merge rules, preview, batches, undo, report.

Public API::

    preview_import(path, fmt="auto", mapping=None, decisions=None) -> ImportPreview
    import_file(path, fmt="auto", mapping=None, decisions=None, progress=None,
                check_cancel=None) -> ImportResult
    read_file(path, fmt, mapping) -> ParseResult       # then preview_parsed / import_parsed
    undo_import(batch_id, force=False) -> dict
    list_imports() -> list[ImportBatchView]
    write_report(result_or_preview, batch_id=None, folder=None) -> ReportFiles
    report_for(batch_id) -> Path | None                  # in reports_folder()

The parsers (``desktop_crm.io``) turn bytes into records; this package
decides what each record means for the database.
"""

from .apply import ImportCancelled
from .fuzzy import Candidate
from .plan import BatchOptions, Change, Plan, PlanItem, plan_import
from .preview import COUNT_KEYS, ImportPreview, PreviewEntry
from .report import ReportFiles, report_for, reports_folder, write_report
from .service import (
    FORMAT_CHOICES,
    ImportFileProblem,
    ImportResult,
    batch_options,
    import_file,
    import_parsed,
    parse_mapping,
    preview_import,
    preview_parsed,
    read_file,
    release_thread_connection,
)
from .undo import ImportBatchView, get_import, list_imports, undo_import

__all__ = [
    "COUNT_KEYS",
    "BatchOptions",
    "FORMAT_CHOICES",
    "Candidate",
    "Change",
    "ImportBatchView",
    "ImportCancelled",
    "ImportFileProblem",
    "ImportPreview",
    "ImportResult",
    "batch_options",
    "Plan",
    "PlanItem",
    "PreviewEntry",
    "ReportFiles",
    "get_import",
    "import_file",
    "import_parsed",
    "list_imports",
    "parse_mapping",
    "plan_import",
    "preview_import",
    "preview_parsed",
    "read_file",
    "release_thread_connection",
    "report_for",
    "reports_folder",
    "undo_import",
    "write_report",
]
