"""Copies of the database through SQLite's online backup API.

The backup API copies a consistent snapshot even while the app holds the file
open in WAL mode, which a plain file copy does not.
"""

from __future__ import annotations

from pathlib import Path

from .. import atomic, clock
from . import cipher
from .errors import StoreError

KEEP_BACKUPS = 5


class BackupWriteError(StoreError):
    """A copy could not be written (full disk, no such folder, no permission)."""


def backup_file(source: Path, dest: Path) -> Path:
    """Write a consistent copy of ``source`` to ``dest``, owner-only from its first byte.

    The copy goes to a temporary file beside ``dest`` that becomes ``dest``
    only when complete, so a kill or a full disk never leaves an empty or
    half "backup" (the temporary file is removed on failure). A copy of an
    encrypted database is encrypted with the same key.
    """
    tmp = None
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = atomic.temp_beside(dest)
        src = cipher.connect(source, readonly=True)
        try:
            out = cipher.connect(tmp, key=cipher.key_for(source), uri_path=False)
            try:
                src.backup(out)
                # One self-contained file: reading it later makes no -wal or -shm beside it.
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        finally:
            src.close()
        atomic.commit(tmp, dest)
    except StoreError:  # the source is encrypted and its key is missing or wrong
        _discard(tmp)
        raise
    except (OSError, *cipher.errors()) as exc:
        _discard(tmp)
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BackupWriteError(dest, f"cannot write the copy {dest}: {detail}") from None
    return dest


def _discard(tmp: Path | None) -> None:
    if tmp is not None:  # None: the temporary file was never made
        atomic.discard(tmp)


def timestamp() -> str:
    return clock.local_now().strftime("%Y%m%d-%H%M%S-%f")


def free_path(folder: Path, template: str, taken: str | None = None) -> Path:
    """``folder / template`` with ``{time}`` filled by the clock's time, moved on by a
    microsecond while that time is taken (by a name matching the glob ``taken``,
    default the name itself): a backup never replaces another one and each has its
    own time, even when the clock stands still (tests) or two come within one tick."""
    import datetime as dt

    when = clock.local_now()
    while True:
        stamp = when.strftime("%Y%m%d-%H%M%S-%f")
        path = folder / template.format(time=stamp)
        if not path.exists() and not (taken and any(folder.glob(taken.format(time=stamp)))):
            return path
        when += dt.timedelta(microseconds=1)


def backup_before_migration(path: Path, from_version: int, keep: int = KEEP_BACKUPS) -> Path:
    """Back up ``path`` beside itself before an upgrade; keep the newest ``keep``."""
    dest = path.with_name(f"{path.name}.v{from_version}-{timestamp()}.bak")
    backup_file(path, dest)
    prune_backups(path.parent, f"{path.name}.v*.bak", keep)
    return dest


def backup_to_folder(path: Path, folder: Path, keep: int = KEEP_BACKUPS * 4) -> Path:
    """A named backup in the backups folder (the ``backup`` command's default)."""
    dest = free_path(folder, f"{path.stem}-{{time}}.sqlite3")
    backup_file(path, dest)
    prune_backups(folder, f"{path.stem}-*.sqlite3", keep)
    return dest


def safety_copy(path: Path, folder: Path) -> Path:
    """The copy taken before the database is replaced (``import-backup``).

    Named apart from the rotating backups (``STEM.before-restore-TIME``), so
    no rotation ever prunes it: it is the way back if the restore was a
    mistake.
    """
    return backup_file(path, free_path(folder, f"{path.stem}.before-restore-{{time}}.sqlite3"))


def prune_backups(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest files matching ``pattern``; return the deleted."""
    found = sorted(folder.glob(pattern), key=lambda p: p.name)
    doomed = found[:-keep] if keep > 0 else found
    for old in doomed:
        old.unlink(missing_ok=True)
    return doomed
