"""Turning encryption on, changing its passphrase, turning it off: one conversion.

Each is a copy of the whole file made by SQLCipher's ``sqlcipher_export``
into a new file with the new key (none, to turn it off), checked (integrity
and every table's row count), then put in the old one's place by an atomic
rename. Until that rename the old file is untouched, so a crash or a full
disk leaves the database as it was.

The live file is converted only when no other connection has it open: the
converting connection leaves WAL mode (which SQLite refuses while another
connection uses the file) and then holds an exclusive lock until the new
file is in place, so no other process can write to the old one meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import atomic
from . import cipher
from .errors import StoreError


class EncryptionError(StoreError):
    """A conversion that could not be made; the file was left as it was."""


def _tables(conn, schema: str) -> list[str]:
    return [row[0] for row in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]


def _counts(conn, schema: str) -> dict[str, int]:
    return {name: int(conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0])
            for name in _tables(conn, schema)}


def _export(conn, path: Path, dest: Path, new_key: str | None) -> None:
    """Copy ``conn``'s main database into the new file ``dest`` keyed with ``new_key``,
    with its schema version, and check the copy before anything else happens."""
    os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    conn.execute(f"ATTACH DATABASE ? AS converted KEY {cipher.quote(new_key or '')}",
                 (str(dest),))
    try:
        conn.execute("SELECT sqlcipher_export('converted')")
        version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
        conn.execute(f"PRAGMA converted.user_version = {version}")
        before, after = _counts(conn, "main"), _counts(conn, "converted")
    finally:
        conn.execute("DETACH DATABASE converted")
    check = cipher.connect(dest, key=new_key, uri_path=False, cipher=True)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if before != after or result != "ok":
        raise EncryptionError(path, f"the converted copy of {path} did not match it "
                              f"({result}); nothing was changed")


@contextmanager
def _converting(path: Path) -> Iterator[Path]:
    """Around one conversion: the driver is there, a temporary file beside ``path``
    (removed whatever happens), and any failure said as "nothing was changed"."""
    if cipher.driver() is None:
        raise cipher.EncryptionUnavailableError(path)
    tmp = None
    try:
        tmp = atomic.temp_beside(path)
        yield tmp
    except cipher.errors() as exc:
        raise EncryptionError(path, f"could not convert {path}: {exc}; nothing was "
                              "changed") from None
    except OSError as exc:
        raise EncryptionError(path, f"could not convert {path}: {exc.strerror or exc}; "
                              "nothing was changed") from None
    finally:
        if tmp is not None:
            atomic.discard(tmp)  # nothing left once committed


def reencrypt_copy(path: Path, old_key: str | None, new_key: str | None) -> None:
    """Convert a file nobody else uses (a backup, a work copy) in place."""
    with _converting(path) as tmp:
        conn = cipher.connect(path, key=old_key, uri_path=False, cipher=True)
        try:
            _export(conn, path, tmp, new_key)
        finally:
            conn.close()
        atomic.commit(tmp, path)


def reencrypt_live(path: Path, old_key: str | None, new_key: str | None,
                   busy_timeout: float = 2.0) -> None:
    """Convert the database file itself; the caller has closed its own connections
    and holds the window's lock. Refused, untouched, while another process uses it."""
    with _converting(path) as tmp:
        conn = cipher.connect(path, key=old_key, uri_path=False, cipher=True,
                              timeout=busy_timeout)
        try:
            try:
                # SQLite leaves WAL mode only when no other connection has the file open.
                conn.execute("PRAGMA journal_mode = DELETE").fetchone()
            except cipher.errors() as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                from .holders import describe_holders

                raise EncryptionError(path, f"{path} is in use by {describe_holders(path)}; "
                                      "close it and try again. Nothing was changed.") from None
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA user_version = {int(version)}")  # a write: the lock is held
            conn.execute("COMMIT")
            _export(conn, path, tmp, new_key)
            atomic.commit(tmp, path)  # under the exclusive lock: no write reaches the old file
        finally:
            conn.close()

