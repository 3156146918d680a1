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
("YYYY-MM-DD HH:MM:SS"). Restoring checks everything first (every table of
the backup's schema, types, choices, foreign keys: :mod:`.backup_check`),
then replaces everything in the database, in one transaction, after a safety
copy of the file that no backup rotation prunes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ... import __version__, clock
from ...store.backup import free_path, safety_copy
from ...store.database import database_file, db
from ...store.dump import backup_tables, dump_tables, replace_all, table_columns
from ...store.migrations import CURRENT_VERSION, user_version
from ..errors import ServiceError
from ..exporting.files import check_target, write_atomic
from .backup_check import backup_problems, summarise

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


def write_backup(path: Path, replace: bool = True) -> Path:
    """Write the JSON backup to ``path`` whole (see :mod:`.files`: never over the
    database or its backups; over an existing file only with ``replace``)."""
    check_target(path, replace)
    data = json.dumps(export_backup(), ensure_ascii=False, indent=1).encode("utf-8")
    return write_atomic(path, data, replace)


def read_backup(path: Path) -> dict[str, Any]:
    """Load and check a backup file; errors name the file and what is wrong."""
    path = Path(path)
    if path.is_dir():
        raise BackupFormatError(f"{path}: is a folder; give the backup's .json file")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise BackupFormatError(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupFormatError(f"{path}: not a JSON backup ({exc})") from None
    except RecursionError:
        raise BackupFormatError(f"{path}: not a backup (its JSON is nested too deeply)") from None
    except MemoryError:
        raise BackupFormatError(f"{path}: too big to read as a backup") from None
    except OSError as exc:
        raise BackupFormatError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    validate_backup(data, str(path))
    return data


def validate_backup(data: Any, where: str = "backup") -> None:
    """Refuse a backup unless it is complete and every value fits (see
    :mod:`.backup_check`); the message names the first problems."""
    try:
        _validate(data, where)
    except BackupFormatError as exc:
        raise BackupFormatError(f"{exc}; nothing was changed") from None


def _validate(data: Any, where: str) -> None:
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise BackupFormatError(f"{where}: not a Desktop CRM backup (no \"format\": \"{BACKUP_FORMAT}\")")
    if data.get("version") != BACKUP_VERSION:
        raise BackupFormatError(f"{where}: backup version {data.get('version')!r:.20} is not supported")
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise BackupFormatError(f"{where}: \"schema\" should be a schema number, not {schema!r:.20}")
    if schema > CURRENT_VERSION:
        raise BackupFormatError(
            f"{where}: made by a newer version of the app (schema {schema}); update the app"
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise BackupFormatError(f"{where}: \"tables\" is missing")
    known = {name: set(table_columns(name)) for name in backup_tables()}
    problems = backup_problems(tables, schema, known)
    if problems:
        raise BackupFormatError(f"{where}: {summarise(problems)}")


def _safety_copy(db_path: Path, safety_folder: Path) -> Path:
    """The way back if the restore was a mistake: a copy of the file, or for a database on
    a server (no file to copy) the JSON backup of it as it is now."""
    if database_file() is None:
        safety_folder.mkdir(parents=True, exist_ok=True)
        return write_backup(free_path(safety_folder, "server.before-restore-{time}.json"))
    return safety_copy(Path(db_path), safety_folder)


def restore_backup(data: dict[str, Any], db_path: Path, safety_folder: Path) -> dict[str, Any]:
    """Replace the whole database with ``data``; a copy of the file is kept first."""
    validate_backup(data)
    safety = _safety_copy(db_path, safety_folder)
    try:
        with db.atomic():
            counts = replace_all(data["tables"])
    except Exception as exc:  # integrity errors from a hand-edited file
        raise BackupFormatError(f"the backup could not be restored: {exc}; nothing was changed") from exc
    return {"counts": counts, "safety_copy": str(safety)}
