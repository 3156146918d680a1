"""Open a database file: check it, lock it, back it up and upgrade it.

The order matters: every check that can refuse the file runs before SQLite
is allowed to write to it, so a refused file is never changed.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from .backup import backup_before_migration
from .database import (
    acquire_lock,
    bind,
    bind_server,
    check_file,
    close_database,
    create_private_file,
    read_table_names,
    read_user_version,
    release_lock,
    window_is_open,
)
from .dump import schema_at
from .errors import (
    DanglingLinkError,
    NewerVersionError,
    NotOurDatabaseError,
    StoreError,
    UnusablePathError,
    UpgradeWhileOpenError,
    explain,
    explain_server,
    is_server_url,
    shown,
)
from .migrations import CURRENT_VERSION, upgrade
from .server import ServerDatabase
from .server_schema import read_version, table_names


@dataclass
class OpenResult:
    path: Path | str  # the file, or the server's URL (without its password)
    database: SqliteDatabase
    created: bool
    upgraded_from: int | None = None
    backup: Path | None = None
    steps: list[int] = field(default_factory=list)


def check_ours(path: Path, version: int) -> None:
    """Refuse, untouched, an SQLite file another program made: one without our
    version but with tables, or one whose tables are not those of its version."""
    tables = read_table_names(path)
    if version == 0:
        if tables:
            shown = ", ".join(sorted(tables)[:4])
            raise NotOurDatabaseError(path, f"it holds tables {shown} and no Desktop CRM schema")
        return
    missing = sorted(set(schema_at(version)) - tables)
    if missing:
        raise NotOurDatabaseError(
            path, f"it says schema {version} but lacks the tables {', '.join(missing[:4])}")


def _unusable(path: Path, exc: OSError) -> StoreError:
    """What an OS refusal before the database opens means: a folder or an impossible
    name is the path's fault; anything else is said as the store says SQLite's errors."""
    if exc.errno == errno.EISDIR:  # a folder made meanwhile
        return UnusablePathError(path, "it is a folder")
    if exc.errno in (errno.ENAMETOOLONG, errno.ENOENT, errno.ENOTDIR, errno.EINVAL):
        return UnusablePathError(path, exc.strerror or str(exc))
    if exc.errno == errno.EEXIST:  # making its folder: a part of the path is a file
        return UnusablePathError(path, f"{exc.filename} is a file, not a folder")
    return explain(path, exc)


def open_store(path: Path | str, window: bool = True) -> OpenResult:
    """Open (or create) the database at ``path`` and bring it to the current schema.

    The window (``window=True``, and tests) holds the file's lock for as long
    as it is open, so there is one window per database. The command line
    (``window=False``) works beside an open window: it holds the lock only
    while it creates or upgrades the file, and refuses to upgrade a file a
    window has open; SQLite's own locking (WAL, a busy timeout, short write
    transactions) keeps its reads and writes apart from the window's.
    """
    if is_server_url(path):
        return open_server(str(path))
    path = Path(path)
    try:
        if path.is_dir():
            raise UnusablePathError(path, "it is a folder")
        if path.is_symlink() and not path.exists():
            raise DanglingLinkError(path, os.readlink(path))
        check_file(path)
        version = read_user_version(path)
        if version > CURRENT_VERSION:
            raise NewerVersionError(path, version, CURRENT_VERSION)
        check_ours(path, version)
        created = not path.exists() or path.stat().st_size == 0
        if created:
            create_private_file(path)
    except OSError as exc:
        raise _unusable(path, exc) from exc
    if window:
        acquire_lock(path)
    elif window_is_open(path) and (created or version < CURRENT_VERSION):
        raise UpgradeWhileOpenError(path, version, CURRENT_VERSION)
    try:
        backup = None
        if 0 < version < CURRENT_VERSION:
            backup = backup_before_migration(path, version)
        database = bind(path)
        try:
            steps = upgrade(database)
        except (sqlite3.Error, peewee.DatabaseError) as exc:
            raise explain(path, exc) from exc
    except BaseException:
        close_database()
        raise
    if not window:
        release_lock()
    return OpenResult(
        path=path,
        database=database,
        created=created,
        upgraded_from=version if backup else None,
        backup=backup,
        steps=steps,
    )


def open_server(url: str) -> OpenResult:
    """Open a PostgreSQL database (``postgresql://user@host:port/dbname``) and bring it
    to the current schema. Every refusal (server down, wrong password, unknown
    database, a database another program made, a newer schema) comes before
    anything is written; several copies of the app may have it open at once."""
    close_database()
    server = ServerDatabase(url)
    try:
        server.connect()
    except Exception as exc:  # psycopg's errors, through peewee's
        raise explain_server(url, exc) from None
    bind_server(server)  # the models' tables are created through the store's db
    try:
        version = read_version(server)
        if version > CURRENT_VERSION:
            raise NewerVersionError(shown(url), version, CURRENT_VERSION)
        if version == 0 and table_names(server):
            shown_tables = ", ".join(sorted(table_names(server))[:4])
            raise NotOurDatabaseError(
                shown(url), f"it holds tables {shown_tables} and no Desktop CRM schema")
        steps = upgrade(server)
        server.id_tables = frozenset(
            row[0] for row in server.execute_sql(
                "SELECT table_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND column_name = 'id'"))
    except (NewerVersionError, NotOurDatabaseError):
        close_database()
        raise
    except Exception as exc:
        close_database()
        raise explain_server(url, exc) from None
    return OpenResult(path=shown(url), database=server, created=version == 0,
                      upgraded_from=version if steps and version else None, steps=steps)
