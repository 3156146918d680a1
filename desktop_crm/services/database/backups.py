"""Backups without being asked, the list of backups, and restoring one.

Automatic backups (owner-only copies through SQLite's backup API) are taken:

* on the first start of each day (:func:`daily_backup`, called when the
  database opens);
* before every import, undo, bulk delete and empty-trash
  (:func:`before`, a decorator on those services).

They rotate by count (:data:`KEEP`) and by age (:data:`MAX_AGE`), always
keeping the :data:`KEEP_MIN` newest. A database without a single contact,
live or trashed, has nothing to lose and is not copied.

A restore first saves the current state as a backup of its own (named
apart, never rotated), then copies the chosen backup into the open
database (see :mod:`desktop_crm.store.backup_files`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

from ... import clock, paths
from ...store import DATABASE_ERRORS
from ...store.backup import BackupWriteError, backup_file, backup_to_folder, safety_copy
from ...store.backup_files import (
    BackupFile,
    BackupRestoreError,
    auto_backup,
    list_backup_files,
    newest_auto_on,
    prune_auto,
    read_facts,
    remove_stale_temps,
    restore_into,
)
from ...store.database import database_file, db
from ...store.models import Contact
from ..errors import ServiceError

KEEP = 30
MAX_AGE = dt.timedelta(days=60)
KEEP_MIN = 5

KIND_LABELS = {
    "auto": "Automatic",
    "manual": "Made by you",
    "before-restore": "Before a restore",
    "before-upgrade": "Before an upgrade",
}
REASON_LABELS = {
    "daily": "first start of the day",
    "import": "before an import",
    "undo": "before an undo",
    "bulk-delete": "before moving people to the trash",
    "empty-trash": "before emptying the trash",
    "purge": "before deleting for good",
}

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class BackupView:
    path: Path
    kind: str
    reason: str
    taken_at: dt.datetime  # local, naive
    size: int
    contacts: int | None  # None when the file cannot be read
    schema: int | None

    @property
    def label(self) -> str:
        why = REASON_LABELS.get(self.reason, self.reason)
        return f"{KIND_LABELS.get(self.kind, self.kind)}" + (f" ({why})" if why else "")

    def to_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "kind": self.kind, "reason": self.reason,
                "taken_at": self.taken_at.isoformat(timespec="seconds"), "size": self.size,
                "contacts": self.contacts, "schema": self.schema}


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    saved_current: Path
    schema: int


NOT_A_FILE = ("the database is on a server, not in a file: the server's own backups "
              "(e.g. pg_dump) keep it; 'desktop-crm move --to FILE.sqlite3' copies it to a file")


def _db_path() -> Path:
    path = database_file()
    if path is None:
        raise ServiceError("no database is open" if db.obj is None or not db.database
                           else NOT_A_FILE)
    return path


def _has_file() -> bool:
    """Whether the open database is a file to copy (a server's is not: nothing to do)."""
    return database_file() is not None


def _worth_saving() -> bool:
    return Contact.select().limit(1).exists()


def make_auto_backup(reason: str) -> Path | None:
    """An automatic backup now (None when there is nothing to save), then rotate.

    A backup that cannot be written stops the change it was meant to protect:
    the message says why, and nothing was changed. When the copy this process
    made last still holds exactly what the database holds (the first import of
    the day, just after the start's daily copy), that copy is returned instead of
    writing the same file again: a 100,000-contact database is 90 MB and a second
    of disk.
    """
    global _last_copy
    if not _has_file() or not _worth_saving():
        return None
    state = _state()
    if _last_copy is not None and _last_copy[0] == state and _last_copy[1].exists():
        return _last_copy[1]
    path, folder = _db_path(), paths.backups_dir()
    remove_stale_temps(folder)  # a copy killed half-way never lingers
    try:
        made = auto_backup(path, folder, reason)
    except BackupWriteError as exc:
        what = REASON_LABELS.get(reason, reason)
        raise ServiceError(f"the automatic backup {what} could not be written ({exc}); "
                           "nothing was changed") from None
    prune_auto(path, folder, KEEP, MAX_AGE, KEEP_MIN, clock.local_now().replace(tzinfo=None))
    _last_copy = (state, made)
    return made


# The last automatic copy this process made, and the database's state then (_state).
_last_copy: tuple[tuple[object, ...], Path] | None = None


def _state() -> tuple[object, ...]:
    """What says the database has not changed since: the file and this thread's
    connection (the object itself), the rows it changed, and SQLite's counters of
    commits by any other connection and of schema changes; and the day (each day
    that the app runs keeps a copy of its own)."""
    conn = db.connection()
    return (_db_path(), clock.local_now().date(), conn, conn.total_changes,
            conn.execute("PRAGMA data_version").fetchone()[0],
            conn.execute("PRAGMA schema_version").fetchone()[0])


def daily_backup() -> Path | None:
    """The first start of the day's backup; None if today's exists or nothing to save.

    Never stops the app from starting: a failure is returned as None.
    """
    if not _has_file():
        return None
    path = _db_path()
    remove_stale_temps(paths.backups_dir())
    today = clock.local_now().date()
    if newest_auto_on(path, paths.backups_dir(), today) is not None:
        return None
    try:
        return make_auto_backup("daily")
    except (ServiceError, OSError, *DATABASE_ERRORS):
        return None


def before(reason: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a service that changes much at once: an automatic backup runs first."""
    def wrap(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            make_auto_backup(reason)
            return func(*args, **kwargs)
        return run
    return wrap


def backup_now(to: Path | None = None) -> Path:
    """A backup asked for by the user: in the backups folder, or ``to`` (a folder, or a
    new file: an existing one is never written over)."""
    try:
        if to is None:
            return backup_to_folder(_db_path(), paths.backups_dir())
        if to.is_dir() or str(to).endswith(("/", "\\")):
            return backup_to_folder(_db_path(), to)
        if to.exists():
            raise ServiceError(f"backup: {to} already exists; choose another name")
        return backup_file(_db_path(), to)
    except BackupWriteError as exc:
        raise ServiceError(str(exc)) from None


def list_backups() -> list[BackupView]:
    """Every backup of the open database, newest first, with its contact count."""
    views = []
    for item in list_backup_files(_db_path(), paths.backups_dir()):
        views.append(_view(item))
    return views


def _view(item: BackupFile) -> BackupView:
    try:
        schema, contacts = read_facts(item.path)
    except (OSError, *DATABASE_ERRORS):
        schema = contacts = None
    return BackupView(item.path, item.kind, item.reason, item.taken_at, item.size, contacts,
                      schema)


def restore(backup: Path | str) -> RestoreResult:
    """Replace the open database's content with ``backup``, after saving the current state."""
    path = _db_path()
    backup = Path(backup).expanduser()
    try:
        if backup.resolve() == path.resolve():
            raise ServiceError(f"{backup} is the open database itself; choose a backup")
    except OSError:
        pass
    folder = paths.backups_dir()
    try:
        saved = safety_copy(path, folder)
    except BackupWriteError as exc:
        raise ServiceError(f"the current state could not be saved first ({exc}); "
                           "nothing was changed") from None
    try:
        schema = restore_into(backup, db, folder)
    except BackupRestoreError as exc:
        saved.unlink(missing_ok=True)  # nothing changed: the extra copy would only confuse
        raise ServiceError(str(exc)) from None
    return RestoreResult(backup, saved, schema)
