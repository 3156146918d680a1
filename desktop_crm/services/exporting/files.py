"""Writing the files a user asks for (exports, calendars, backups): safely.

Three rules, shared by the command line and the window:

* never over the open database, its journal files, its lock or its backups,
  whatever the user says (an export named like the database once replaced it);
* never over an existing file unless the caller says so (``replace=True``:
  the window's save dialog has asked; on the command line, ``--force``);
* whole or not at all (:mod:`desktop_crm.atomic`): the bytes go to a temporary
  file beside the target that replaces it at the end, and is removed if
  anything fails (a full disk leaves no ``.tmp`` behind). Every failure is
  one line naming the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ... import atomic, paths
from ...store.database import database_file
from ..errors import ServiceError

# Files SQLite and the app keep beside a database file.
_COMPANIONS = ("", "-wal", "-shm", "-journal", ".lock")


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def protected_reason(path: Path) -> str | None:
    """Why ``path`` must never be written by an export, or None."""
    database = database_file()
    if database is not None:
        for suffix in _COMPANIONS:
            if _same(path, database.with_name(database.name + suffix)):
                return "is the open database" if not suffix else "belongs to the open database"
        if path.name.startswith(database.name + ".v") and path.name.endswith(".bak"):
            return "is a backup of the database"
    backups = paths.backups_dir()
    try:
        if path.resolve().is_relative_to(backups.resolve()):
            return "is in the backups folder"
    except OSError:
        pass
    return None


def check_target(path: str | os.PathLike[str], replace: bool = False, option: str = "--out") -> Path:
    """The file to write, checked: refuses the database and its backups always,
    a folder, and an existing file unless ``replace``."""
    target = Path(path).expanduser()
    reason = protected_reason(target)
    if reason:
        raise ServiceError(f"{option} {target}: {reason}; choose another file")
    if target.is_dir():
        raise ServiceError(f"{option} {target}: is a folder; give a file name")
    if target.exists() and not replace:
        raise ServiceError(
            f"{option} {target}: the file already exists; add --force to replace it")
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes, replace: bool = True,
                 option: str = "--out") -> Path:
    """Write ``data`` to ``path`` whole, through a temporary file that never outlives a
    failure; refuses what :func:`check_target` refuses."""
    target = check_target(path, replace, option)
    try:
        return atomic.write_atomic(target, data)
    except OSError as exc:
        raise ServiceError(f"cannot write {target}: {exc.strerror or exc}") from None
