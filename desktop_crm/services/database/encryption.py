"""Encryption at rest: unlock at start, turn on, change the passphrase, turn off.

The database file and every backup of it are encrypted with SQLCipher when
this is on (see :mod:`desktop_crm.store.cipher`); the passphrase is asked for
at each start and kept in memory only. Turning it on, changing it or turning
it off converts the file (a checked copy put in place by one rename) and then
every backup that opens with the old key, so backups always open with the
same passphrase as the database. Backups that do not (made under an even
older passphrase) are left as they are and counted.

Only one process may convert: the command line refuses while the window has
the file open, and the window refuses while another program uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ... import paths
from ...store import cipher
from ...store.backup_files import list_backup_files
from ...store.database import bind, database_file, db, holds_lock, release_lock, window_is_open
from ...store.encryption import EncryptionError, reencrypt_copy, reencrypt_live
from ...store.errors import StoreError
from ..errors import ServiceError

PASSPHRASE_VARIABLE = "DESKTOP_CRM_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "DESKTOP_CRM_NEW_PASSPHRASE"
EXTRA_HINT = cipher.EXTRA_HINT


class WrongPassphrase(ServiceError):
    """The passphrase does not open the file (it was only read)."""


@dataclass(frozen=True)
class ConversionResult:
    path: Path
    encrypted: bool
    backups_converted: int
    backups_left: list[Path]


def available() -> bool:
    """Whether this installation has SQLCipher (the optional ``encryption`` extra)."""
    return cipher.available()


def needs_passphrase(path: Path) -> bool:
    """Whether ``path`` looks encrypted, so a passphrase must be asked for before opening."""
    return cipher.looks_encrypted(Path(path))


def unlock(path: Path, passphrase: str) -> None:
    """Check ``passphrase`` against the file, then use it for this session.

    Raises :class:`WrongPassphrase`, or a one-line :class:`ServiceError` (no
    SQLCipher, a busy or damaged file); the file is only read.
    """
    path = Path(path)
    try:
        cipher.check_passphrase(passphrase)
    except ValueError as exc:
        raise ServiceError(f"{exc}; nothing was changed") from None
    try:
        conn = cipher.connect(path, key=passphrase, readonly=True)
    except cipher.WrongPassphraseError as exc:
        raise WrongPassphrase(str(exc)) from None
    except StoreError as exc:
        raise ServiceError(str(exc)) from None
    except cipher.errors() as exc:
        from ...store.errors import explain

        raise ServiceError(str(explain(path, exc))) from None
    conn.close()
    cipher.use_passphrase(passphrase)


def is_encrypted() -> bool:
    """Whether the open database is encrypted."""
    return db.passphrase is not None


def matches_current(passphrase: str) -> bool:
    """Whether ``passphrase`` is the open database's (asked again before a change)."""
    return db.passphrase is not None and passphrase == db.passphrase


def release_this_thread() -> None:
    """Close the calling thread's connection, so a conversion in a worker finds the
    file free (peewee keeps one connection per thread)."""
    if not db.is_closed():
        db.close()


def turn_on(passphrase: str) -> ConversionResult:
    """Encrypt the open database and its backups with ``passphrase``."""
    if is_encrypted():
        raise ServiceError(f"{_path()} is already encrypted; 'encryption passphrase' "
                           "changes the passphrase")
    return _convert(_new(passphrase))


def change_passphrase(passphrase: str) -> ConversionResult:
    """Encrypt the open database and its backups with a new passphrase."""
    if not is_encrypted():
        raise ServiceError(f"{_path()} is not encrypted; 'encryption on' turns it on")
    new = _new(passphrase)
    if new == db.passphrase:
        raise ServiceError("the new passphrase is the current one; nothing was changed")
    return _convert(new)


def turn_off() -> ConversionResult:
    """Decrypt the open database and its backups into plain SQLite files."""
    if not is_encrypted():
        raise ServiceError(f"{_path()} is not encrypted; nothing was changed")
    return _convert(None)


def _path() -> Path:
    path = database_file()
    if path is None:
        raise ServiceError(
            "no database is open" if not db.database else
            "the database is on a server: encryption at rest is the server's (its disk and "
            "TLS connections); nothing was changed")
    return path


def _new(passphrase: str) -> str:
    if not available():
        raise ServiceError(f"encryption needs the optional SQLCipher library ({EXTRA_HINT}); "
                           "nothing was changed")
    try:
        return cipher.check_passphrase(passphrase)
    except ValueError as exc:
        raise ServiceError(f"{exc}; nothing was changed") from None


def _convert(new_key: str | None) -> ConversionResult:
    path, old_key = _path(), db.passphrase
    took_lock = not holds_lock()
    if took_lock and window_is_open(path):
        raise ServiceError(
            f"{path} is open in the Desktop CRM window: use File > Encryption… there, or "
            "close the window first. Nothing was changed.")
    try:
        release_this_thread()
        try:
            reencrypt_live(path, old_key, new_key)
        except StoreError as exc:
            raise ServiceError(str(exc)) from None
        cipher.use_passphrase(new_key)
        converted, left = _convert_backups(path, old_key, new_key)
    finally:
        bind(path)  # with the new key, or the old one if nothing changed
        if took_lock:
            release_lock()
    return ConversionResult(path, new_key is not None, converted, left)


def _convert_backups(path: Path, old_key: str | None,
                     new_key: str | None) -> tuple[int, list[Path]]:
    """Give every backup that opens with the old key the new one."""
    converted, left = 0, []
    for item in list_backup_files(path, paths.backups_dir()):
        if not cipher.opens_with(item.path, old_key):
            if not cipher.opens_with(item.path, new_key):
                left.append(item.path)
            continue
        try:
            reencrypt_copy(item.path, old_key, new_key)
            converted += 1
        except EncryptionError:
            left.append(item.path)
    return converted, left
