"""Importing contacts files: merge rules, preview, batches, undo, report.

Public API::

    preview_import(path, fmt="auto", mapping=None, decisions=None) -> ImportPreview
    import_file(path, fmt="auto", mapping=None, decisions=None, progress=None,
                check_cancel=None) -> ImportResult
    read_file(path, fmt, mapping) -> ParseResult       # then preview_parsed / import_parsed
    open_file(path, fmt, mapping) -> Stream            # then import_stream (big files in batches)
    dry_run_stream(stream, path) -> ImportResult       # what import_stream would do; nothing kept
    streams(path) -> bool                              # big enough for open_file to stream
    undo_import(batch_id, force=False) -> UndoReport   # .counts, .kept
    record_created(batch_id, table, ids)               # rows other code wrote in an import
    list_imports() -> list[ImportBatchView]
    write_report(result_or_preview, batch_id=None, folder=None) -> ReportFiles
    report_for(batch_id) -> Path | None                  # in reports_folder()
    undo_command(batch_id) -> str                      # the command line that undoes it

The parsers (``desktop_crm.io``) turn bytes into records; this package
decides what each record means for the database.

May call: the store, io, the shared services modules, contacts (a friend
named with ``--of``) and database (the snapshot before an import).
"""

from .apply import ImportCancelled, record_created
from .fuzzy import Candidate
from .plan import BatchOptions, Change, Plan, PlanItem, plan_import
from .preview import COUNT_KEYS, ImportPreview, PreviewEntry
from .report import (
    ReportFiles,
    report_for,
    reports_by_batch,
    reports_folder,
    undo_command,
    write_report,
)
from .service import (
    FORMAT_CHOICES,
    ImportFileProblem,
    ImportResult,
    Stream,
    batch_options,
    dry_run_stream,
    import_file,
    import_parsed,
    import_stream,
    open_file,
    parse_mapping,
    preview_import,
    preview_parsed,
    read_file,
    release_thread_connection,
    streams,
    ties_dict,
    would_make_ties,
)
from .ties import MODE_LABELS as TIE_MODE_LABELS
from .ties import TieChoice, TieResult, connect_imported, connect_offer
from .undo import ImportBatchView, UndoReport, get_import, list_imports, undo_import

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
    "Stream",
    "batch_options",
    "dry_run_stream",
    "Plan",
    "PlanItem",
    "PreviewEntry",
    "ReportFiles",
    "TIE_MODE_LABELS",
    "TieChoice",
    "TieResult",
    "connect_imported",
    "connect_offer",
    "ties_dict",
    "would_make_ties",
    "UndoReport",
    "get_import",
    "import_file",
    "import_parsed",
    "import_stream",
    "open_file",
    "list_imports",
    "parse_mapping",
    "plan_import",
    "preview_import",
    "preview_parsed",
    "read_file",
    "record_created",
    "release_thread_connection",
    "streams",
    "report_for",
    "reports_by_batch",
    "reports_folder",
    "undo_command",
    "undo_import",
    "write_report",
]
