"""``import FILE``, ``import --undo BATCH`` and ``import --list``.

``import FILE`` prints what the import does (counts, then one line per
change, conflict, review and refused row) and imports, unless ``--dry-run``.
At a terminal it asks first, unless ``--yes``; from a script (stdin not a
terminal) it just imports. The report and the refused rows go to the app's
data folder (``import-reports``, one pair per import; a dry run's never
replaces an import's); both paths are printed and ``--list`` shows them.
A file from which nothing can be imported exits 1 and says why. When the
encoding was a guess, the others that read the file are named (``--encoding``
chooses one).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..io.encodings import label as encoding_label
from ..io.formats import FORMATS
from . import numbers
from .output import emit_json, emit_table, info

if TYPE_CHECKING:  # at run time each handler imports it: the import package is heavy
    from ..services import importing

_SHOWN_ENTRIES = 40


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import", help="import contacts from a LinkedIn, Google, Outlook, vCard or any CSV file",
        description="Import contacts, merging with the people already there. "
        "Also: --undo BATCH puts the database back as it was; --list shows past imports.")
    parser.add_argument("file", nargs="?", help="the CSV, TSV or vCard file to import")
    parser.add_argument("--format", choices=("auto", *FORMATS), default="auto",
                        help="the file's format (default: recognised from its content)")
    parser.add_argument("--encoding", metavar="NAME",
                        help="read the file in this text encoding (default: recognised)")
    parser.add_argument("--tag", default="", metavar="TAG",
                        help="tag everyone in the file with TAG (undo takes it off again)")
    parser.add_argument("--tier", default="", metavar="TIER",
                        help="tier of the people the import creates: primary, bridge or target")
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
    ties = parser.add_mutually_exclusive_group()
    ties.add_argument("--of", metavar="NAME",
                      help="the file is someone else's contacts (a friend's shared export): tie each person "
                      "to NAME (found, or added) instead of to you")
    ties.add_argument("--no-ties", action="store_true",
                      help="record no ties (by default each imported person is someone you know)")
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


def _tie_choice(args: argparse.Namespace) -> importing.TieChoice:
    from ..services import importing

    if args.no_ties:
        return importing.TieChoice("none")
    if args.of is not None:
        return importing.TieChoice("of", args.of)
    return importing.TieChoice("mine")


def _import(args: argparse.Namespace) -> int:
    from ..services import importing

    mapping = importing.parse_mapping(args.map)
    ties = _tie_choice(args)
    batch = importing.batch_options(args.tag, args.tier)
    args.file = str(Path(args.file).expanduser().resolve())
    ask = not (args.yes or args.dry_run or args.json) and sys.stdin.isatty()
    if not (args.dry_run or ask or args.json):
        # Nothing to show first: a big file is read and imported in batches.
        stream = importing.open_file(args.file, args.format, mapping,
                                     encoding=getattr(args, "encoding", None))
        if stream.empty:
            return _nothing_to_import(importing.preview_parsed(stream.result, args.file), args)
        result = importing.import_stream(stream, args.file, batch=batch, ties=ties)
        files = _write_report(result.preview, result.batch_id)  # the import stands either way
        _print_text(result.preview, result.batch_id, files, _ties_line(ties, result.ties.made))
        return 0
    if args.dry_run and not ask:
        stream = importing.open_file(args.file, args.format, mapping,
                                     encoding=getattr(args, "encoding", None))
        if stream.fraction_read is not None:  # a big file: never whole in memory
            return _dry_run_stream(stream, args, batch, ties)
        parsed = stream.result
        parsed.records = next(stream.batches, [])
    else:
        parsed = importing.read_file(args.file, args.format, mapping,
                                     encoding=getattr(args, "encoding", None))
    if not parsed.records:
        return _nothing_to_import(importing.preview_parsed(parsed, args.file), args)
    if args.dry_run or ask:
        preview = importing.preview_parsed(parsed, args.file, batch=batch)
        would = importing.would_make_ties(preview, ties)
        if args.dry_run:
            files = _write_report(preview, None)
            _print(lambda: preview.to_dict() | {"batch": None, "dry_run": True}
                   | importing.ties_dict(ties, would),
                   preview, files, args.json, ties_line=_ties_line(ties, would, dry=True))
            return 0
        _print_text(preview, None, None, _ties_line(ties, would, dry=True))
        if input("Import now? [Y/n] ").strip().lower() not in ("", "y", "yes"):
            info("Nothing was imported.")
            return 1
    result = importing.import_parsed(parsed, args.file, release_records=True, batch=batch, ties=ties)
    files = _write_report(result.preview, result.batch_id)  # the import stands either way
    line = _ties_line(ties, result.ties.made)
    if ask:
        info(f"Imported: {result.preview.summary_line()}. Import id {result.batch_id}.")
        info(line)
        if files:
            _print_files(files)
    else:
        _print(lambda: result.to_dict() | {"dry_run": False}, result.preview, files, args.json,
               result.batch_id, line)
    return 0


def _dry_run_stream(stream: importing.Stream, args: argparse.Namespace,
                    batch: importing.BatchOptions, ties: importing.TieChoice) -> int:
    """``--dry-run`` of a big file read in batches: planned batch by batch as the import
    plans it, nothing written (and no write lock held), so the figures are the import's
    own (people in several batches counted once)."""
    from ..services import importing

    if stream.empty:
        return _nothing_to_import(importing.preview_parsed(stream.result, args.file), args)
    result = importing.dry_run_stream(stream, args.file, batch=batch, ties=ties)
    preview, would = result.preview, result.ties.made
    files = _write_report(preview, None)
    _print(lambda: preview.to_dict() | {"batch": None, "dry_run": True}
           | importing.ties_dict(ties, would),
           preview, files, args.json, ties_line=_ties_line(ties, would, dry=True))
    return 0


def _ties_line(choice: importing.TieChoice, made: int, dry: bool = False) -> str:
    """'Ties: 30 people you know (first degree).' — what the import records about who knows whom."""
    verb = "would be" if dry else ""
    if choice.mode == "none":
        return "Ties: none recorded (--no-ties)."
    people = "person" if made == 1 else "people"
    if choice.mode == "of":
        text = f"{made} tie(s) from {choice.of_name} to the {people} in the file (your second degree)"
    else:
        text = f"{made} {people} you know (first degree)"
    return f"Ties: {text}{' ' + verb + ' recorded' if dry else ''}."


def _nothing_to_import(preview: importing.ImportPreview, args: argparse.Namespace) -> int:
    """No row of a non-empty file could be read: say why, keep the rows, exit 1."""

    files = _write_report(preview, None)
    if args.json:
        emit_json(preview.to_dict() | {"batch": None, "dry_run": True, "imported": False, "ties": 0,
                                       "files": files.to_dict() if files else None})
    first = preview.problems[0] if preview.problems else None
    why = f" (row {first.row}: {first.reason})" if first else ""
    print(f"desktop-crm: {preview.path}: nothing was imported: none of its "
          f"{preview.parsed.total_rows} rows could be read as a person{why}", file=sys.stderr)
    if files is not None:
        _print_files(files)
    return 1


def _write_report(preview: importing.ImportPreview,
                  batch_id: int | None) -> importing.ReportFiles | None:
    """The report, or a warning when it cannot be written (the import itself stands)."""
    from ..services import importing

    try:
        return importing.write_report(preview, batch_id)
    except OSError as exc:
        what = f"import {batch_id} was saved, but " if batch_id is not None else ""
        print(f"desktop-crm: warning: {what}its report could not be written "
              f"({exc.strerror or exc})", file=sys.stderr)
        return None


def _print(data: Callable[[], dict], preview: importing.ImportPreview,
           files: importing.ReportFiles | None, as_json: bool,
           batch_id: int | None = None, ties_line: str = "") -> None:
    """JSON (built only when asked for: it lists every person) or the text summary."""
    if as_json:
        emit_json(data() | {"files": files.to_dict() if files else None})
        return
    _print_text(preview, batch_id, files, ties_line)


_PRINTED = ("update", "review", "not_importable", "warning")


def _print_text(preview: importing.ImportPreview, batch_id: int | None,
                files: importing.ReportFiles | None, ties_line: str = "") -> None:
    parsed = preview.parsed
    lines = [f"{preview.path}: {parsed.format} format, {encoding_label(parsed.encoding)}, "
             f"{parsed.total_rows} rows"]
    if parsed.encoding_alternatives:
        lines.append("  (the encoding was guessed; it may also be "
                     + ", ".join(f"{encoding_label(e)} [--encoding {e}]"
                                 for e in parsed.encoding_alternatives) + ")")
    lines.append(preview.summary_line())
    if ties_line:
        lines.append(ties_line)
    entries = preview.entries(_PRINTED)
    for entry in entries[:_SHOWN_ENTRIES]:
        column = f" [{entry.column}]" if entry.column else ""
        lines.append(f"  row {entry.row}{column} {entry.action}: {entry.name} - {entry.reason}")
    if len(entries) > _SHOWN_ENTRIES:
        lines.append(f"  ... and {len(entries) - _SHOWN_ENTRIES} more lines in the report")
    if batch_id is not None:
        from ..services.importing import undo_command

        lines.append(f"Imported as import {batch_id}; undo with: {undo_command(batch_id)}")
    elif files is not None:
        lines.append("Dry run: nothing was written to the database.")
    print("\n".join(lines))
    if files is not None:
        _print_files(files)


def _print_files(files: importing.ReportFiles | None) -> None:
    if files is None:
        return
    info(f"Report: {files.report}")
    if files.not_imported:
        info(f"Rows not imported (fix and import again): {files.not_imported}")


def _undo(args: argparse.Namespace) -> int:
    from ..services import importing

    report = importing.undo_import(args.undo, force=args.force)
    if args.json:
        emit_json(report.to_dict())
    else:
        info(report.summary())
        for line in report.kept:
            info(f"  kept: {line}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from ..services import importing

    batches = importing.list_imports()
    reports = importing.reports_by_batch({b.id: b.source for b in batches})
    if args.json:
        emit_json([b.to_dict() | {"report": str(reports[b.id]) if b.id in reports else None}
                   for b in batches])
        return 0
    rows = [[b.id, b.created_at, b.format, b.source,
             ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in b.counts.items() if v),
             f"undone {b.undone_at}" if b.undone_at else "",
             reports[b.id].name if b.id in reports else ""] for b in batches]
    emit_table(["id", "when (UTC)", "format", "file", "result", "", "report"], rows)
    if any(reports.values()):
        info(f"Reports are in {importing.reports_folder()}")
    info(f"{len(batches)} import(s).")
    return 0
