"""The backups of one database on disk: naming, listing, rotating, restoring.

Kinds, told apart by their names (``TIME`` is ``YYYYmmdd-HHMMSS-ffffff``)::

    STEM-TIME.sqlite3                   a backup asked for (``backup``, Back up now)
    STEM.auto-TIME-REASON.sqlite3       automatic: daily, before an import, ...
    STEM.before-restore-TIME.sqlite3    the state before a restore (never rotated)
    NAME.vN-TIME.bak (beside the file)  the state before an upgrade

Only the automatic ones rotate here (by count and by age, always keeping a
few); the others have their own rules in :mod:`.backup`.

A restore never swaps files under an open connection: the chosen backup is
copied aside, checked and upgraded there, then copied *into* the live
database through SQLite's backup API, which takes SQLite's own locks, so a
window open beside the command line sees the new content as one commit.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import cipher
from .backup import BackupWriteError, backup_file, free_path, timestamp
from .database import AppDatabase, check_file, read_user_version
from .encryption import EncryptionError, reencrypt_copy
from .errors import StoreError
from .migrations import CURRENT_VERSION, upgrade

_TIME = r"(?P<time>\d{8}-\d{6}-\d{6})"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str  # "auto", "manual", "before-restore", "before-upgrade"
    reason: str  # for automatic ones: "daily", "import", "undo", ...
    taken_at: dt.datetime  # local time, naive
    size: int


class BackupRestoreError(StoreError):
    """A backup that cannot be restored (not ours, newer, damaged); nothing was changed."""


def _patterns(db_path: Path) -> list[tuple[str, re.Pattern[str]]]:
    stem, name = re.escape(db_path.stem), re.escape(db_path.name)
    return [
        ("auto", re.compile(rf"^{stem}\.auto-{_TIME}-(?P<reason>[a-z-]+)\.sqlite3$")),
        ("before-restore", re.compile(rf"^{stem}\.before-restore-{_TIME}\.sqlite3$")),
        ("manual", re.compile(rf"^{stem}-{_TIME}\.sqlite3$")),
        ("before-upgrade", re.compile(rf"^{name}\.v\d+-{_TIME}\.bak$")),
    ]


def _classify(db_path: Path, path: Path) -> BackupFile | None:
    for kind, pattern in _patterns(db_path):
        found = pattern.match(path.name)
        if found:
            try:
                size = path.stat().st_size
            except OSError:
                return None
            when = dt.datetime.strptime(found["time"], "%Y%m%d-%H%M%S-%f")
            reason = found.groupdict().get("reason") or ""
            return BackupFile(path, kind, reason, when, size)
    return None


def list_backup_files(db_path: Path, folder: Path) -> list[BackupFile]:
    """Every backup of ``db_path`` in ``folder`` and beside the file, newest first."""
    found: list[BackupFile] = []
    for place in {folder, db_path.parent}:
        try:
            entries = list(place.iterdir())
        except OSError:
            continue
        for path in entries:
            item = _classify(db_path, path)
            if item is not None:
                found.append(item)
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def auto_backup(db_path: Path, folder: Path, reason: str) -> Path:
    """An automatic backup of ``db_path`` (written whole, owner-only)."""
    name = f"{db_path.stem}.auto-{{time}}-{reason}.sqlite3"
    taken = f"{glob.escape(db_path.stem)}.auto-{{time}}-*"
    return backup_file(db_path, free_path(folder, name, taken))


def prune_auto(db_path: Path, folder: Path, keep: int, max_age: dt.timedelta,
               keep_min: int, now: dt.datetime) -> list[Path]:
    """Delete automatic backups past ``keep`` in number or older than ``max_age``,
    but never the ``keep_min`` newest (someone back after months still has some)."""
    autos = [b for b in list_backup_files(db_path, folder) if b.kind == "auto"]
    doomed = [b for i, b in enumerate(autos)
              if i >= keep_min and (i >= keep or now - b.taken_at > max_age)]
    for item in doomed:
        item.path.unlink(missing_ok=True)
    return [b.path for b in doomed]


def newest_auto_on(db_path: Path, folder: Path, day: dt.date) -> BackupFile | None:
    return next((b for b in list_backup_files(db_path, folder)
                 if b.kind == "auto" and b.taken_at.date() == day), None)


# desktop_crm.atomic's temporary files (``.NAME.PID-RANDOM.tmp``) and older timestamped ones.
_TEMP = re.compile(
    r"^\..+\.(?P<pid>\d+)(-\d{8}-\d{6}-\d{6}|-[0-9a-f]{8})?\.tmp(\.sqlite3)?(-wal|-shm|-journal)?$")


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temporary files of copies whose process died before finishing (a kill
    or a power cut mid-copy); a running copy's file (its process alive) is left."""
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        found = _TEMP.match(path.name) or re.match(
            r"^\.restore-(?P<pid>\d+)-.*\.tmp\.sqlite3(-wal|-shm|-journal)?$", path.name)
        if found and not _alive(int(found["pid"])):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def read_facts(path: Path) -> tuple[int, int]:
    """(schema version, live contacts) of a backup file, read-only."""
    # immutable: a backup does not change, and reading it must leave no -wal/-shm behind
    conn = cipher.connect(path, readonly=True, immutable=True)
    try:
        schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
        contacts = int(conn.execute(
            "SELECT count(*) FROM contact WHERE deleted_at IS NULL").fetchone()[0])
        return schema, contacts
    finally:
        conn.close()


def restore_into(backup: Path, live: AppDatabase, work_folder: Path) -> int:
    """Replace the live database's content with ``backup``'s; return its schema.

    The backup is checked (ours, not newer, not damaged) and upgraded on a
    copy first; the live file is written only once the copy is good. A plain
    backup restored into an encrypted database is encrypted on the copy first
    (and the other way round): SQLite's backup API copies pages as they are.
    """
    from .opening import check_ours

    backup = Path(backup)
    if not backup.is_file():
        raise BackupRestoreError(backup, f"{backup}: no such backup file; nothing was changed")
    try:
        check_file(backup)
        version = read_user_version(backup)
        if version == 0:
            raise BackupRestoreError(backup, f"{backup} is not a Desktop CRM backup (no schema); "
                                     "nothing was changed")
        if version > CURRENT_VERSION:
            raise BackupRestoreError(backup, f"{backup} was made by a newer version (schema "
                                     f"{version}); update the app. Nothing was changed")
        check_ours(backup, version)
    except BackupRestoreError:
        raise
    except StoreError as exc:
        raise BackupRestoreError(backup, f"{exc} Nothing was changed.") from None
    work = work_folder / f".restore-{os.getpid()}-{timestamp()}.tmp.sqlite3"
    try:
        backup_file(backup, work)
        work_key = cipher.key_for(work)
        copy = AppDatabase(str(work), pragmas={"foreign_keys": 1})
        copy.passphrase = work_key
        try:
            copy.connect()
            if copy.execute_sql("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupRestoreError(backup, f"{backup} is damaged (integrity check "
                                         "failed); nothing was changed")
            upgrade(copy)
        finally:
            copy.close()
        if work_key != live.passphrase:
            reencrypt_copy(work, work_key, live.passphrase)
        source = cipher.connect(work, key=live.passphrase, uri_path=False,
                                cipher=live.passphrase is not None)
        try:
            source.backup(live.connection())
        finally:
            source.close()
    except (*cipher.errors(), BackupWriteError, EncryptionError) as exc:
        raise BackupRestoreError(backup, f"could not restore {backup}: {exc}; "
                                 "nothing was changed") from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    return version
