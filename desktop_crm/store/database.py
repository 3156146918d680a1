"""The one database object, and opening a file safely.

``db`` is bound at start with :func:`open_database`; tests and ``--db`` use any
file. Opening checks the file before SQLite may write to it, so a file that is
not ours, is damaged, or comes from a newer version is refused untouched.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

from . import cipher
from .errors import (
    BUSY_TIMEOUT_S,
    DatabaseInUseError,
    NotADatabaseError,
    StoreError,
    explain,
)
from .lock import FileLock, LockHeldError

SQLITE_HEADER = cipher.SQLITE_HEADER

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 1,  # NORMAL: safe with WAL, much faster than FULL
    "cache_size": -32 * 1024,  # 32 MiB
    "temp_store": 2,  # memory
}



class AppDatabase(SqliteDatabase):
    """``SqliteDatabase`` that opens its connections through SQLCipher when the
    file is encrypted (``passphrase`` set by :func:`bind`), else through
    ``sqlite3`` as usual. Peewee maps either library's errors to its own."""

    passphrase: str | None = None

    def _connect(self):
        if not self.passphrase:
            return super()._connect()
        conn = cipher.connect(Path(self.database), key=self.passphrase, uri_path=False,
                              timeout=self._timeout, **self.connect_params)
        conn.isolation_level = None  # peewee manages transactions itself
        try:
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        return conn


# Write transactions start with BEGIN IMMEDIATE: they take the write lock first
# (waiting up to the busy timeout for another writer) instead of failing at
# once when a transaction that began by reading tries to write.
local_db = AppDatabase(None, lock_type="IMMEDIATE")

# The one database every model and query uses: the local file above, or a
# PostgreSQL server (store/server.py) when ``--db`` names one. Only the store
# looks at which it is.
db = DatabaseProxy()
db.initialize(local_db)

_lock: FileLock | None = None
_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, without writing to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER and not cipher.looks_encrypted(path):
        raise NotADatabaseError(path)
    try:
        conn = cipher.connect(path, readonly=True, timeout=BUSY_TIMEOUT_S)
        try:
            conn.execute("PRAGMA user_version").fetchone()
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except cipher.errors() as exc:
        raise explain(path, exc) from exc


def read_table_names(path: Path) -> set[str]:
    """The tables in the file (read-only; empty for a new or empty file)."""
    if not path.exists() or path.stat().st_size == 0:
        return set()
    conn = _read_only(path)
    try:
        return {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    except cipher.errors() as exc:
        raise explain(path, exc) from exc
    finally:
        conn.close()


def read_user_version(path: Path) -> int:
    """The schema version stored in the file (0 for a new or empty file)."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    conn = _read_only(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except cipher.errors() as exc:
        raise explain(path, exc) from exc
    finally:
        conn.close()


def _read_only(path: Path):
    """A read-only raw connection (the store's errors for a missing key, SQLite's explained)."""
    try:
        return cipher.connect(path, readonly=True, timeout=BUSY_TIMEOUT_S)
    except cipher.errors() as exc:
        raise explain(path, exc) from exc


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, where the OS allows it.

    SQLite gives its -wal and -shm files the same mode as the database file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    if sys.platform != "win32":
        os.chmod(path, 0o600)


def acquire_lock(path: Path) -> None:
    """Hold the window's lock beside the file so a second window is refused.

    The lock means "a window has this file open"; the command line does not
    hold it while it works (see :func:`window_is_open`), SQLite's own locking
    keeps the two apart.
    """
    global _lock
    lock = FileLock(path.with_name(path.name + ".lock"))
    try:
        lock.acquire()
    except LockHeldError as exc:
        raise DatabaseInUseError(path) from exc
    except OSError as exc:  # the folder is read-only, or not ours to write
        raise explain(path, sqlite3.OperationalError(
            "attempt to write a readonly database" if exc.errno in _READ_ONLY_ERRNOS
            else f"cannot create {lock.path.name}: {exc.strerror}")) from exc
    _lock = lock


def release_lock() -> None:
    """Let go of the lock (the command line, once its upgrade check is done)."""
    global _lock
    if _lock is not None:
        _lock.release()
        _lock = None


def holds_lock() -> bool:
    """Whether this process holds the window's lock (it is the window, or converting)."""
    return _lock is not None


def window_is_open(path: Path) -> bool:
    """Take the lock if it is free (and keep it); False if a window holds it."""
    try:
        acquire_lock(path)
    except DatabaseInUseError:
        return True
    return False


def _let_go() -> None:
    """Close the open database's connection, and a server's listening one too."""
    if not db.is_closed():
        db.close()
    stop_listening = getattr(db.obj, "stop_listening", None)
    if stop_listening is not None:
        stop_listening()


def bind(path: Path) -> SqliteDatabase:
    """Bind the global ``db`` to ``path`` with our pragmas and connect (with the
    session's passphrase when the file is encrypted)."""
    _let_go()
    db.initialize(local_db)
    local_db.passphrase = cipher.key_for(path)
    local_db.init(str(path), pragmas=PRAGMAS, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    try:
        db.connect(reuse_if_open=True)
    except StoreError:  # a wrong passphrase, said as it is
        if not db.is_closed():
            db.close()
        raise
    except Exception as exc:  # peewee's and sqlite3's errors alike
        if not db.is_closed():
            db.close()
        raise explain(path, exc) from exc
    return db


def bind_server(server) -> None:
    """Make the store's ``db`` the connected PostgreSQL ``server`` (store/opening.py)."""
    _let_go()
    release_lock()
    db.initialize(server)


def close_database() -> None:
    """Close the connection and release the lock; safe to call twice."""
    _let_go()
    release_lock()
    db.initialize(local_db)


def on_server() -> bool:
    """Whether the open database is a PostgreSQL server (for the store's own choices)."""
    return db.obj is not local_db


def open_target() -> Path | str:
    """What is open: the database file, or the server's URL (for messages about it)."""
    if on_server():
        return db.obj.url
    return Path(local_db.database or "")


def database_file() -> Path | None:
    """The open database's file, or None when there is none to copy (a server, or
    nothing open): backups and encryption of the file ask this first."""
    if on_server() or not local_db.database:
        return None
    return Path(local_db.database)


def table_columns(table: str) -> list[str]:
    """The columns of ``table`` in order (none when there is no such table), on either
    engine: peewee's catalogue reading, not SQLite's ``PRAGMA table_info``."""
    return [column.name for column in db.get_columns(table)]


def table_names() -> list[str]:
    """The tables of the open database (SQLite's own ``sqlite_*`` ones left out)."""
    return [name for name in db.get_tables() if not name.startswith("sqlite_")]


def foreign_keys(table: str) -> list[tuple[str, str]]:
    """(column, table it points at) of each foreign key of ``table``, on either engine."""
    return [(fk.column, fk.dest_table) for fk in db.get_foreign_keys(table)]


def row_identity() -> str:
    """The expression naming a row of any table: SQLite's ``rowid``, a server's ``ctid``."""
    return "ctid::text" if on_server() else "rowid"


def execute_many(sql: str, rows) -> None:
    """One statement (``?`` placeholders) run for each of ``rows``: the raw cursor's
    ``executemany`` on either engine, in the caller's transaction."""
    if on_server():
        from peewee import __exception_wrapper__ as as_peewee_error

        from .server import to_pyformat

        with as_peewee_error, db.cursor() as cursor:
            cursor.executemany(to_pyformat(sql), list(rows))
        return
    db.connection().executemany(sql, rows)
