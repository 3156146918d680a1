"""The JSON backup: a complete, documented copy of the database, and its exact restore.

Format (``format`` = "desktop-crm-backup", ``version`` = 1)::

    {
      "format": "desktop-crm-backup",
      "version": 1,
      "schema": <PRAGMA user_version of the file it came from>,
      "app_version": "<desktop_crm.__version__>",
      "exported_at": "2026-11-23T10:00:00+00:00",
      "tables": {"<table>": [{"<column>": value, ...}, ...], ...}
    }

Every table of user data is present, including rows in the trash; the
search index and the undo history are not (they are rebuilt / cleared). Values
are those SQLite stores: text, integers, null; timestamps are UTC text
("YYYY-MM-DD HH:MM:SS"). Restoring replaces everything in the database, in
one transaction, after a safety copy of the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__, clock
from ..store.backup import backup_to_folder
from ..store.database import db
from ..store.dump import backup_tables, dump_tables, replace_all, table_columns
from ..store.migrations import CURRENT_VERSION, user_version
from .errors import ServiceError

BACKUP_FORMAT = "desktop-crm-backup"
BACKUP_VERSION = 1


class BackupFormatError(ServiceError):
    pass


def export_backup() -> dict[str, Any]:
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "schema": user_version(db),
        "app_version": __version__,
        "exported_at": clock.now().isoformat(timespec="seconds"),
        "tables": dump_tables(),
    }


def write_backup(path: Path) -> Path:
    data = export_backup()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def read_backup(path: Path) -> dict[str, Any]:
    """Load and check a backup file; errors name the file and what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise BackupFormatError(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupFormatError(f"{path}: not a JSON backup ({exc})") from None
    validate_backup(data, str(path))
    return data


def validate_backup(data: Any, where: str = "backup") -> None:
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise BackupFormatError(f"{where}: not a Desktop CRM backup (no \"format\": \"{BACKUP_FORMAT}\")")
    if data.get("version") != BACKUP_VERSION:
        raise BackupFormatError(f"{where}: backup version {data.get('version')} is not supported")
    if int(data.get("schema", 0)) > CURRENT_VERSION:
        raise BackupFormatError(
            f"{where}: made by a newer version of the app (schema {data.get('schema')}); update the app"
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise BackupFormatError(f"{where}: \"tables\" is missing")
    known = backup_tables()
    for name, rows in tables.items():
        if name not in known:
            raise BackupFormatError(f"{where}: unknown table '{name}'")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise BackupFormatError(f"{where}: table '{name}' must be a list of objects")
        columns = set(table_columns(name))
        for index, row in enumerate(rows):
            unknown = set(row) - columns
            if unknown:
                raise BackupFormatError(
                    f"{where}: table '{name}' row {index + 1} has unknown column(s) {sorted(unknown)}"
                )


def restore_backup(data: dict[str, Any], db_path: Path, safety_folder: Path) -> dict[str, Any]:
    """Replace the whole database with ``data``; a copy of the file is kept first."""
    validate_backup(data)
    safety = backup_to_folder(db_path, safety_folder)
    try:
        with db.atomic():
            counts = replace_all(data["tables"])
    except Exception as exc:  # integrity errors from a hand-edited file
        raise BackupFormatError(f"the backup could not be restored: {exc}; nothing was changed") from exc
    return {"counts": counts, "safety_copy": str(safety)}
