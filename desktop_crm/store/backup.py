"""Copies of the database through SQLite's online backup API.

The backup API copies a consistent snapshot even while the app holds the file
open in WAL mode, which a plain file copy does not.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .. import clock

KEEP_BACKUPS = 5


def backup_file(source: Path, dest: Path) -> Path:
    """Write a consistent copy of ``source`` to ``dest`` (created owner-only)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    try:
        dest.chmod(0o600)
    except OSError:
        pass
    return dest


def timestamp() -> str:
    return clock.local_now().strftime("%Y%m%d-%H%M%S-%f")


def backup_before_migration(path: Path, from_version: int, keep: int = KEEP_BACKUPS) -> Path:
    """Back up ``path`` beside itself before an upgrade; keep the newest ``keep``."""
    dest = path.with_name(f"{path.name}.v{from_version}-{timestamp()}.bak")
    backup_file(path, dest)
    prune_backups(path.parent, f"{path.name}.v*.bak", keep)
    return dest


def backup_to_folder(path: Path, folder: Path, keep: int = KEEP_BACKUPS * 4) -> Path:
    """A named backup in the backups folder (the ``backup`` command's default)."""
    dest = folder / f"{path.stem}-{timestamp()}.sqlite3"
    backup_file(path, dest)
    prune_backups(folder, f"{path.stem}-*.sqlite3", keep)
    return dest


def prune_backups(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest files matching ``pattern``; return the deleted."""
    found = sorted(folder.glob(pattern), key=lambda p: p.name)
    doomed = found[:-keep] if keep > 0 else found
    for old in doomed:
        old.unlink(missing_ok=True)
    return doomed
