"""``import FILE``, ``import --undo BATCH`` and ``import --list``.

``import FILE`` prints what the import does (counts, then one line per
change, conflict, review and refused row) and imports, unless ``--dry-run``.
At a terminal it asks first, unless ``--yes``; from a script (stdin not a
terminal) it just imports. Refused rows go to ``FILE.not-imported.csv`` and
everything to ``FILE.import-report.txt`` (beside the file, or in the data
folder when that folder is read-only); both paths are printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..services import importing
from . import numbers
from .output import emit_json, emit_table, info

_SHOWN_ENTRIES = 40


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import", help="import contacts from a LinkedIn, Google, Outlook, vCard or any CSV file",
        description="Import contacts, merging with the people already there. "
        "Also: --undo BATCH puts the database back as it was; --list shows past imports.")
    parser.add_argument("file", nargs="?", help="the CSV, TSV or vCard file to import")
    parser.add_argument("--format", choices=importing.FORMAT_CHOICES, default="auto",
                        help="the file's format (default: recognised from its content)")
    parser.add_argument("--map", action="append", metavar="COLUMN=FIELD",
                        help="read COLUMN as FIELD (repeat for several); FIELD 'ignore' drops it")
    parser.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--undo", type=numbers.row_id, metavar="BATCH", help="undo the import with this id")
    parser.add_argument("--force", action="store_true",
                        help="with --undo: undo even when people it created have work added since "
                        "(those people are kept, with their work)")
    parser.add_argument("--list", action="store_true", help="list past imports")
    parser.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    chosen = [name for name, on in (("FILE", args.file), ("--undo", args.undo is not None),
                                    ("--list", args.list)) if on]
    if len(chosen) != 1:
        # A usage error, like argparse's own: exit status 2.
        got = f" (got {' and '.join(chosen)})" if chosen else ""
        print(f"desktop-crm import: error: give exactly one of FILE, --undo BATCH or --list{got}",
              file=sys.stderr)
        return 2
    if args.list:
        return _list(args)
    if args.undo is not None:
        return _undo(args)
    return _import(args)


def _import(args: argparse.Namespace) -> int:
    mapping = importing.parse_mapping(args.map)
    args.file = str(Path(args.file).expanduser().resolve())
    parsed = importing.read_file(args.file, args.format, mapping)
    ask = not (args.yes or args.dry_run or args.json) and sys.stdin.isatty()
    if args.dry_run or ask:
        preview = importing.preview_parsed(parsed, args.file)
        if args.dry_run:
            files = _write_report(preview, None)
            _print(preview.to_dict() | {"batch": None, "dry_run": True}, preview, files, args.json)
            return 0
        _print_text(preview, None, None)
        if input("Import now? [Y/n] ").strip().lower() not in ("", "y", "yes"):
            info("Nothing was imported.")
            return 1
    result = importing.import_parsed(parsed, args.file)
    files = _write_report(result.preview, result.batch_id)  # the import stands either way
    if ask:
        info(f"Imported: {result.preview.summary_line()}. Import id {result.batch_id}.")
        if files:
            _print_files(files)
    else:
        _print(result.to_dict() | {"dry_run": False}, result.preview, files, args.json,
               result.batch_id)
    return 0


def _write_report(preview: importing.ImportPreview,
                  batch_id: int | None) -> importing.ReportFiles | None:
    """Write the report files; a failure (full disk) is said, and never turns a committed
    import into an error: the import stands and can be undone as usual."""
    try:
        return importing.write_report(preview, batch_id)
    except OSError as exc:
        done = (f"the import was saved as import {batch_id}" if batch_id is not None
                else "nothing was imported (dry run)")
        info(f"desktop-crm: the import report could not be written ({exc.strerror or exc}); "
             f"{done}.")
        return None


def _print(data: dict, preview: importing.ImportPreview,
           files: importing.ReportFiles | None, as_json: bool,
           batch_id: int | None = None) -> None:
    if as_json:
        emit_json(data | {"files": files.to_dict() if files else None})
        return
    _print_text(preview, batch_id, files)


def _print_text(preview: importing.ImportPreview, batch_id: int | None,
                files: importing.ReportFiles | None) -> None:
    parsed = preview.parsed
    print(f"{preview.path}: {parsed.format} format, {parsed.encoding}, {parsed.total_rows} rows")
    print(preview.summary_line())
    entries = [e for e in preview.entries() if e.action not in ("unchanged", "new")]
    for entry in entries[:_SHOWN_ENTRIES]:
        column = f" [{entry.column}]" if entry.column else ""
        print(f"  row {entry.row}{column} {entry.action}: {entry.name} - {entry.reason}")
    if len(entries) > _SHOWN_ENTRIES:
        print(f"  ... and {len(entries) - _SHOWN_ENTRIES} more lines in the report")
    if batch_id is not None:
        print(f"Imported as import {batch_id}; undo with: desktop-crm import --undo {batch_id}")
    elif files is not None:
        print("Dry run: nothing was written to the database.")
    if files is not None:
        _print_files(files)


def _print_files(files: importing.ReportFiles) -> None:
    info(f"Report: {files.report}")
    if files.not_imported:
        info(f"Rows not imported (fix and import again): {files.not_imported}")


def _undo(args: argparse.Namespace) -> int:
    report = importing.undo_import(args.undo, force=args.force)
    if args.json:
        emit_json(report.to_dict())
    else:
        info(report.summary())
        for line in report.kept:
            info(f"  kept: {line}")
    return 0


def _list(args: argparse.Namespace) -> int:
    batches = importing.list_imports()
    if args.json:
        emit_json([b.to_dict() for b in batches])
        return 0
    rows = [[b.id, b.created_at, b.format, b.source,
             ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in b.counts.items() if v),
             f"undone {b.undone_at}" if b.undone_at else ""] for b in batches]
    emit_table(["id", "when (UTC)", "format", "file", "result", ""], rows)
    info(f"{len(batches)} import(s).")
    return 0
