"""Encryption at rest: which SQLite library opens a file, and with which key.

A plain database is opened by Python's ``sqlite3``, exactly as before. An
encrypted one (SQLCipher 4, from the optional ``sqlcipher3-binary`` wheel,
``pip install "desktop-crm[encryption]"``) is opened by ``sqlcipher3`` with
the passphrase of this session. Every opener in the store asks
:func:`connect` so the two never mix: the file's first bytes decide (a plain
SQLite file starts with ``SQLite format 3``, an encrypted one with random
salt).

The passphrase lives in this process only (:func:`use_passphrase`); it is
never written anywhere. Backups of an encrypted database are encrypted with
the same key, so the same passphrase opens them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType

from .errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
EXTRA_HINT = 'pip install "desktop-crm[encryption]"'

_driver: ModuleType | None = None
_driver_missing = False
_passphrase: str | None = None


class PassphraseNeededError(StoreError):
    """The file is encrypted (or is not a database at all) and no passphrase was given."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"{path} is encrypted (or is not a database): give its passphrase (the "
            "DESKTOP_CRM_PASSPHRASE variable, or run the command in a terminal to be asked). "
            "Nothing was changed.",
        )


class WrongPassphraseError(StoreError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"wrong passphrase for {path}: it cannot be decrypted with it (or it is not a "
            "Desktop CRM database). Nothing was changed.",
        )


class EncryptionUnavailableError(StoreError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"{path} is encrypted (or is not a database), and this installation cannot "
            f"decrypt files: encryption needs the optional SQLCipher library ({EXTRA_HINT}). "
            "Nothing was changed.",
        )


def driver() -> ModuleType | None:
    """The ``sqlcipher3`` DB-API module, or None when the wheel is not installed.

    SQLCipher logs a wrong key as "ERROR CORE ..." lines on stderr; its log is
    silenced once here (the error itself is raised and said in one line).
    """
    global _driver, _driver_missing
    if _driver is None and not _driver_missing:
        try:
            from sqlcipher3 import dbapi2
        except ImportError:
            _driver_missing = True
            return None
        quiet = dbapi2.connect(":memory:")
        try:
            quiet.execute("PRAGMA cipher_log_level = NONE")  # process-wide in SQLCipher 4
        finally:
            quiet.close()
        _driver = dbapi2
    return _driver


def available() -> bool:
    """Whether this installation can encrypt and decrypt (the optional wheel is there)."""
    return driver() is not None


def errors() -> tuple[type[BaseException], ...]:
    """What either library raises: catch these around a raw connection."""
    found = driver()
    return (sqlite3.Error, found.Error) if found is not None else (sqlite3.Error,)


def use_passphrase(passphrase: str | None) -> None:
    """The passphrase of this session's database (None: no encryption)."""
    global _passphrase
    _passphrase = passphrase or None


def current_passphrase() -> str | None:
    return _passphrase


def is_plain(path: Path) -> bool:
    """A new, empty or plain SQLite file (anything SQLite without a key can read)."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return True
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return True  # let the opener say what is wrong


def looks_encrypted(path: Path) -> bool:
    """Whether ``path`` looks like an SQLCipher file: whole pages of random bytes.

    An encrypted file cannot be told from noise without its key; this keeps
    a text file, a PDF or a zip from being taken for one (and their owners
    from being asked for a passphrase).
    """
    if is_plain(path):
        return False
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    return size >= 1024 and size % 512 == 0 and len(set(head)) > 180


def key_for(path: Path) -> str | None:
    """The key that opens ``path``: None for a plain file, else this session's passphrase."""
    return None if is_plain(path) else _passphrase


def need_key(path: Path) -> str:
    """The key for an encrypted ``path``, or the error that says why there is none."""
    if driver() is None:
        raise EncryptionUnavailableError(path)
    if _passphrase is None:
        raise PassphraseNeededError(path)
    return _passphrase


def quote(passphrase: str) -> str:
    """``passphrase`` as an SQL string literal (PRAGMA key takes no parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def check_passphrase(passphrase: str) -> str:
    """Refuse a passphrase SQLCipher could not take whole; return it."""
    if not passphrase:
        raise ValueError("the passphrase is empty")
    if "\x00" in passphrase:
        raise ValueError("the passphrase holds a NUL character")
    return passphrase


def connect(path: Path, *, key: str | None = None, readonly: bool = False,
            immutable: bool = False, timeout: float = 5.0, uri_path: bool = True,
            cipher: bool = False, **extra):
    """A raw DB-API connection to ``path`` through the library its content needs.

    ``key`` defaults to :func:`key_for`; a keyed connection is checked at once,
    so a wrong passphrase raises :class:`WrongPassphraseError` here instead of
    "file is not a database" at the first query. ``cipher`` forces SQLCipher's
    library even for a plain file (converting between the two needs it).
    """
    path = Path(path)
    if key is None and not is_plain(path):
        key = need_key(path)
    query = "&".join(part for part, on in (("mode=ro", readonly), ("immutable=1", immutable))
                     if on)
    target = f"{path.resolve().as_uri()}{'?' + query if query else ''}" if uri_path else str(path)
    if key is None and not cipher:
        return sqlite3.connect(target, uri=uri_path, timeout=timeout, **extra)
    module = driver()
    if module is None:
        raise EncryptionUnavailableError(path)
    conn = module.connect(target, uri=uri_path, timeout=timeout, **extra)
    try:
        if key is not None:
            conn.execute(f"PRAGMA key = {quote(key)}")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except module.DatabaseError as exc:
                if "not a database" in str(exc):
                    raise WrongPassphraseError(path) from None
                raise
    except BaseException:
        conn.close()
        raise
    return conn


def opens_with(path: Path, key: str | None) -> bool:
    """Whether ``key`` (None: no key) opens ``path`` (read-only, changes nothing)."""
    if key is None and not is_plain(path):
        return False
    try:
        conn = connect(path, key=key, readonly=True, immutable=True, cipher=key is not None)
    except (StoreError, *errors()):
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except errors():
        return False
    finally:
        conn.close()
