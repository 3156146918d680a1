"""``export --format json``, ``import-backup FILE.json`` and ``backup [--to PATH]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..services.database import backup as backup_service
from .output import emit_json, emit_table, info


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser(
        "export", help="export the whole database (json) or the contacts (csv, vcard)")
    export.add_argument("--format", choices=["json", "csv", "vcard"], default="json")
    export.add_argument("--out", type=Path, help="write to this file instead of standard output")
    export.add_argument("--force", action="store_true",
                        help="replace --out if it exists (never the database or its backups)")
    export.set_defaults(handler=cmd_export)

    restore = sub.add_parser("import-backup", help="replace the database with a JSON backup")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=cmd_import_backup)

    backup = sub.add_parser(
        "backup", help="copy the database file safely (safe while the app is open); "
        "list the backups, or restore one")
    what = backup.add_mutually_exclusive_group()
    what.add_argument("--to", type=Path, help="file or folder (default: the backups folder)")
    what.add_argument("--list", action="store_true",
                      help="list the backups (automatic, yours, before a restore or upgrade)")
    what.add_argument("--restore", type=Path, metavar="FILE",
                      help="replace the database with this backup (the current state is "
                      "saved as a backup first)")
    backup.add_argument("--json", action="store_true", help="with --list: print JSON")
    backup.set_defaults(handler=cmd_backup)

    move = sub.add_parser(
        "move", help="copy the whole database to a PostgreSQL server or to a new file "
        "(--to postgresql://user@host:port/dbname, or --to FILE.sqlite3)")
    move.add_argument("--to", required=True, metavar="TARGET",
                      help="postgresql://user@host:port/dbname, or a new .sqlite3 file")
    move.set_defaults(handler=cmd_move)


def cmd_move(args: argparse.Namespace) -> int:
    from ..services.database.moving import move_to

    target = paths.resolve_db_path(args.to)
    result = move_to(target, args.db_path)
    info(f"Copied {result.rows} rows ({result.counts.get('contact', 0)} contacts) from "
         f"{args.db_path} to {result.target}; the counts match. Open it with --db and that address.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format in ("csv", "vcard"):
        return _export_contacts(args)
    if args.out:
        backup_service.write_backup(args.out, replace=args.force)
        info(f"Exported the database to {args.out}.")
    else:
        emit_json(backup_service.export_backup())
    return 0


def cmd_import_backup(args: argparse.Namespace) -> int:
    data = backup_service.read_backup(args.file)
    result = backup_service.restore_backup(data, args.db_path, paths.backups_dir())
    total = sum(result["counts"].values())
    info(
        f"Restored {total} rows from {args.file}. The previous database was saved to "
        f"{result['safety_copy']}."
    )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    if args.list:
        return _list_backups(args.json)
    if args.restore is not None:
        return _restore(args.restore)
    from ..services.database.backups import backup_now

    dest = backup_now(args.to)
    info(f"Backed up {args.db_path} to {dest}.")
    return 0


def _export_contacts(args: argparse.Namespace) -> int:
    """Contacts as CSV (UTF-8 with BOM, formula-safe) or vCard 4.0 (services.exporting)."""
    from ..services import exporting

    if args.out:
        count = exporting.export_contacts(args.format, args.out, replace=args.force)
        info(f"Exported {count} contact(s) to {args.out}.")
    else:
        sys.stdout.buffer.write(exporting.export_bytes(args.format))
        sys.stdout.flush()
    return 0


def _list_backups(as_json: bool) -> int:
    from ..services.database import backups

    found = backups.list_backups()
    if as_json:
        emit_json([b.to_dict() for b in found])
        return 0
    emit_table(["taken", "contacts", "size", "kind", "file"], [
        (f"{b.taken_at:%Y-%m-%d %H:%M:%S}", "?" if b.contacts is None else f"{b.contacts:,}",
         _size(b.size), b.label, b.path.name) for b in found], whole_last=True)
    info(f"{len(found)} backup(s) in {paths.backups_dir()}; "
         "'backup --restore FILE' restores one (a name from this list is enough).")
    return 0


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} kB"


def _restore(file: Path) -> int:
    from ..services.database import backups

    if not file.exists() and file.parent == Path("."):
        file = paths.backups_dir() / file.name  # a name from 'backup --list'
    result = backups.restore(file)
    info(f"Restored {result.restored}. The state before was saved to {result.saved_current}.")
    return 0
